import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { Asset, emptyAsset, type ExternalId } from '../model/asset';
import { issueText } from '../model/field-value-problem';
import { canonicalValues, hasUsableIdentity, identityKeys } from '../identity/identity-keys';
import {
  IdentityResolver,
  externalLinkKey,
  type IdentityConflict,
  type KnownAsset,
  type ResolvedGroup,
} from '../identity/identity-resolver';
import { manufacturerKey, normalizeUdid, type SerialPolicy } from '../identity/normalize';
import type { IdentityKeys, Observation } from '../identity/observation';
import type { AuthorityTable } from '../reconcile/authority';
import { historyRows, reconcile, type ReconcileResult } from '../reconcile/reconciler';
import type { StoreTx, Store } from '../store/store';
import type {
  FieldProvenance,
  HistoryEntry,
  IdentifierKind,
  StoredAsset,
} from '../store/store-types';
import type { IngestOutcome } from './ingest-outcome';
import { identityIndexRows } from './identity-index';

export interface AssetIngestorDeps {
  store: Store;
  authority: AuthorityTable;
  serialPolicy: SerialPolicy;
  clock: () => Date;
  newId: () => string;
  logger: Logger;
}

/** What the groups of one batch share; provenance and history are written once per batch. */
interface BatchContext {
  stored: Map<string, StoredAsset>;
  provenance: Map<string, Map<string, FieldProvenance>>;
  outcomes: IngestOutcome[];
  runId: string;
  now: string;
  writes: { provenance: FieldProvenance[]; history: HistoryEntry[] };
}

interface Prepared {
  obs: Observation;
  keys: IdentityKeys;
  values: Observation['values'];
}

/**
 * The one path by which records from any source become assets: identity resolution, then
 * reconciliation by field authority, then one transaction per batch.
 */
export interface IngestBatchResult {
  outcomes: IngestOutcome[];
  /** Every asset the batch matched or created, as it is after the batch. */
  assets: Map<string, Asset>;
}

class PreviewRollback extends Error {}

export class AssetIngestor {
  private touched: Map<string, Asset> | null = null;

  constructor(private readonly deps: AssetIngestorDeps) {}

  async ingest(observations: readonly Observation[], runId: string): Promise<IngestOutcome[]> {
    return (await this.ingestBatch(observations, runId)).outcomes;
  }

  /**
   * Like `ingest`, and also returns the assets as they are after the batch. With `preview` the
   * batch is applied inside a transaction that is then rolled back: nothing is stored.
   */
  async ingestBatch(
    observations: readonly Observation[],
    runId: string,
    options: { preview?: boolean } = {},
  ): Promise<IngestBatchResult> {
    const touched = new Map<string, Asset>();
    const outcomes = await this.run(observations, runId, touched, options.preview ?? false);
    return { outcomes, assets: touched };
  }

  private async run(
    observations: readonly Observation[],
    runId: string,
    touched: Map<string, Asset>,
    preview: boolean,
  ): Promise<IngestOutcome[]> {
    const outcomes: IngestOutcome[] = observations.map((obs, index) => ({
      index,
      ref: obs.ref,
      status: 'unchanged',
      assetId: null,
      reasons: [],
      changedFields: [],
      conflicts: [],
    }));
    const prepared = new Map<number, Prepared>();
    observations.forEach((obs, i) => {
      const keys = identityKeys(obs, this.deps.serialPolicy);
      if (!hasUsableIdentity(keys)) {
        outcomes[i].status = 'rejected';
        outcomes[i].reasons.push(noIdentityReason(obs));
        return;
      }
      prepared.set(i, { obs, keys, values: canonicalValues(obs, keys) });
    });
    if (prepared.size === 0) return outcomes;
    this.touched = touched;
    try {
      await this.deps.store.transaction(async (tx) => {
        await this.apply(tx, prepared, outcomes, runId);
        if (preview) throw new PreviewRollback();
      });
    } catch (err) {
      if (!(err instanceof PreviewRollback)) throw err;
    } finally {
      this.touched = null;
    }
    return outcomes;
  }

  private async apply(
    tx: StoreTx,
    prepared: Map<number, Prepared>,
    outcomes: IngestOutcome[],
    runId: string,
  ): Promise<void> {
    const order = [...prepared.keys()];
    const items = order.map((i) => prepared.get(i)!);
    const lookup = await this.lookUp(tx, items);
    const resolution = new IdentityResolver({
      observations: items.map((p) => ({ source: p.obs.source, keys: p.keys })),
      ...lookup,
    }).resolve();
    const now = this.deps.clock().toISOString();
    for (const i of resolution.conflicted) {
      outcomes[order[i]].status = 'conflict';
    }
    await this.recordConflicts(tx, resolution.conflicts, items, order, outcomes, runId, now);
    const existing = resolution.groups.flatMap((g) => (g.assetId ? [g.assetId] : []));
    const stored = await tx.getAssets(existing);
    const provenance = groupProvenance(await tx.getProvenance(existing));
    const batch: BatchContext = {
      stored,
      provenance,
      outcomes,
      runId,
      now,
      writes: { provenance: [], history: [] },
    };
    for (const group of resolution.groups) {
      const members = group.members.map((m) => ({ index: order[m], item: items[m] }));
      await this.applyGroup(tx, group, members, batch);
      await flushWrites(tx, batch.writes, PENDING_WRITES);
    }
    await flushWrites(tx, batch.writes, 1);
  }

  private async lookUp(tx: StoreTx, items: Prepared[]) {
    const externalLinks = new Map<string, string>();
    const bySource = new Map<string, string[]>();
    for (const { obs } of items) {
      if (obs.externalId === null) continue;
      const list = bySource.get(obs.source) ?? [];
      list.push(obs.externalId);
      bySource.set(obs.source, list);
    }
    for (const [source, ids] of bySource) {
      for (const row of await tx.findByExternalIds(source, ids)) {
        externalLinks.set(externalLinkKey(row.system, row.externalId), row.assetId);
      }
    }
    const index = await this.lookUpIdentifiers(tx, items);
    const ids = new Set<string>(externalLinks.values());
    for (const map of Object.values(index))
      map.forEach((list) => list.forEach((id) => ids.add(id)));
    const assets = new Map<string, KnownAsset>();
    for (const [id, { asset }] of await tx.getAssets([...ids])) assets.set(id, knownAsset(asset));
    return { externalLinks, index, assets };
  }

  private async lookUpIdentifiers(tx: StoreTx, items: Prepared[]) {
    const wanted: Record<IdentifierKind, Set<string>> = {
      serial: new Set(),
      udid: new Set(),
      imei: new Set(),
      mac: new Set(),
      asset_tag: new Set(),
    };
    for (const { keys } of items) {
      if (keys.assetTag) wanted.asset_tag.add(keys.assetTag);
      if (keys.serial) wanted.serial.add(keys.serial);
      if (keys.udid) wanted.udid.add(keys.udid);
      keys.imeis.forEach((v) => wanted.imei.add(v));
      keys.macs.forEach((v) => wanted.mac.add(v));
    }
    const index = {} as Record<IdentifierKind, Map<string, string[]>>;
    for (const kind of Object.keys(wanted) as IdentifierKind[]) {
      index[kind] = new Map();
      for (const row of await tx.findByIdentifiers(kind, [...wanted[kind]])) {
        const list = index[kind].get(row.value) ?? [];
        list.push(row.assetId);
        index[kind].set(row.value, list);
      }
    }
    return index;
  }

  private async applyGroup(
    tx: StoreTx,
    group: ResolvedGroup,
    members: { index: number; item: Prepared }[],
    batch: BatchContext,
  ): Promise<void> {
    const { stored, provenance, outcomes, runId, now } = batch;
    const before = group.assetId ? stored.get(group.assetId) : undefined;
    const isNew = before === undefined;
    const base = before ? before.asset : emptyAsset(this.deps.newId(), now);
    const inputs = members.map(({ item }) => ({
      source: item.obs.source,
      externalId: item.obs.externalId,
      observedAt: item.obs.observedAt,
      values: item.values,
    }));
    const merged = reconcile(
      base,
      provenance.get(base.id) ?? new Map(),
      inputs,
      this.deps.authority,
      {
        isNew,
      },
    );
    if (isNew) merged.changes.forEach((c) => (c.oldValue = null));
    const identityChanged = mergeIdentifiers(
      merged.asset,
      members.map((m) => m.item),
    );
    const invalid = this.invalidMerge(merged, members);
    if (invalid !== null) {
      members.forEach(({ index }) => {
        outcomes[index].status = 'rejected';
        outcomes[index].reasons.push(invalid);
      });
      return;
    }
    const changed = isNew || merged.changes.length > 0 || identityChanged.length > 0;
    if (changed) merged.asset.updatedAt = now;
    if (isNew) await tx.insertAsset(merged.asset);
    else if (changed) await tx.updateAsset(merged.asset, before.version);
    if (
      isNew ||
      identityChanged.length > 0 ||
      merged.changes.some((c) => c.field.startsWith('identifiers.') || c.field === 'serial')
    ) {
      await tx.replaceIdentifiers(
        merged.asset.id,
        identityIndexRows(merged.asset, this.deps.serialPolicy),
      );
    }
    if (isNew || identityChanged.some((h) => h.field === 'identifiers.external')) {
      for (const ext of merged.asset.identifiers.external) {
        const link = { system: ext.system, externalId: ext.id, alias: ext.alias };
        await tx.upsertExternalLink({ ...link, assetId: merged.asset.id });
      }
    }
    batch.writes.provenance.push(...merged.provenance);
    batch.writes.history.push(...historyRows(merged.asset.id, merged.changes, runId, now));
    for (const h of identityChanged) {
      batch.writes.history.push({ ...h, assetId: merged.asset.id, runId, recordedAt: now });
    }
    this.touched?.set(merged.asset.id, merged.asset);
    this.fillOutcomes(members, merged, isNew, identityChanged.length > 0, outcomes);
  }

  /**
   * Why the merged asset cannot be stored, naming each bad field and the record that brought its
   * value; null when it can. Such a group is left out, so that it neither aborts the batch at the
   * store nor changes the stored asset.
   */
  private invalidMerge(
    merged: ReconcileResult,
    members: { index: number; item: Prepared }[],
  ): string | null {
    const result = Asset.safeParse(merged.asset);
    if (result.success) return null;
    const refs = members.map((m) => m.item.obs.ref);
    const problems = result.error.issues.map((issue) => {
      const path = issue.path.map(String).join('.');
      const change = merged.changes.find((c) => path === c.field || path.startsWith(`${c.field}.`));
      const from = change ? members[change.input]?.item.obs.ref : undefined;
      return `${issueText(issue)}${from ? ` (value from ${from})` : ''}`;
    });
    this.deps.logger.warn(
      { assetId: merged.asset.id, refs, problems },
      'merged asset is invalid; records not applied',
    );
    const why = problems.join('; ');
    return `not applied: the merged asset would be invalid: ${why}; records: ${refs.join(', ')}`;
  }

  private fillOutcomes(
    members: { index: number; item: Prepared }[],
    merged: ReconcileResult,
    isNew: boolean,
    identityChanged: boolean,
    outcomes: IngestOutcome[],
  ): void {
    members.forEach(({ index }, k) => {
      const out = outcomes[index];
      out.assetId = merged.asset.id;
      out.changedFields = merged.changes.filter((c) => c.input === k).map((c) => c.field);
      if (isNew && k === 0) out.status = 'created';
      else if (out.changedFields.length > 0 || (identityChanged && !isNew)) out.status = 'updated';
      else out.status = 'unchanged';
      for (const r of merged.rejections.filter((x) => x.input === k)) {
        out.reasons.push(`field ${r.field} not applied: ${r.message}`);
      }
    });
  }

  private async recordConflicts(
    tx: StoreTx,
    conflicts: IdentityConflict[],
    items: Prepared[],
    order: number[],
    outcomes: IngestOutcome[],
    runId: string,
    now: string,
  ): Promise<void> {
    for (const c of conflicts) {
      const sides = c.members.map((m) => describeSide(items[m]));
      const refs = c.members.map((m) => items[m].obs.ref);
      const first = items[c.members[0]].obs;
      // A conflict about one identifier keeps one fingerprint however it shows up again.
      const subject = c.identifier
        ? [first.source, c.identifier.kind, c.identifier.value]
        : [c.kind, [...sides].sort(), c.assetIds];
      const fingerprint = createHash('sha256').update(JSON.stringify(subject)).digest('hex');
      const { id } = await tx.recordConflict({
        kind: c.kind,
        fingerprint,
        source: first.source,
        externalId: first.externalId,
        assetIds: c.assetIds,
        summary: c.summary,
        details: { identifier: c.identifier, records: sides, refs },
        runId,
        createdAt: now,
      });
      for (const m of c.members) {
        outcomes[order[m]].reasons.push(c.summary);
        outcomes[order[m]].conflicts.push({ id, kind: c.kind, summary: c.summary });
      }
    }
  }
}

/**
 * Provenance and history rows held before they are written (in the batch's transaction). A page
 * of new assets makes some twenty rows per asset; writing them as they pass this bound keeps the
 * memory of a batch small without changing what is written.
 */
const PENDING_WRITES = 2000;

async function flushWrites(tx: StoreTx, writes: BatchContext['writes'], atLeast: number) {
  if (writes.provenance.length + writes.history.length < atLeast) return;
  if (writes.provenance.length > 0) await tx.upsertProvenance(writes.provenance);
  if (writes.history.length > 0) await tx.appendHistory(writes.history);
  writes.provenance = [];
  writes.history = [];
}

function noIdentityReason(obs: Observation): string {
  const serial = obs.values.serial;
  const what = serial ? `serial '${String(serial)}' is a placeholder` : 'no serial';
  return `no usable identifier: ${what}, and no external id, UDID, IMEI or MAC address`;
}

function describeSide(p: Prepared) {
  return `${p.obs.source}:${p.obs.externalId ?? p.keys.serial ?? p.keys.udid ?? p.keys.imeis[0] ?? p.keys.macs[0]}`;
}

function knownAsset(asset: Asset): KnownAsset {
  return {
    id: asset.id,
    serials: asset.identifiers.serials,
    manufacturer: manufacturerKey(asset.manufacturer),
    udid: normalizeUdid(asset.identifiers.udid),
  };
}

function groupProvenance(rows: FieldProvenance[]) {
  const out = new Map<string, Map<string, FieldProvenance>>();
  for (const row of rows) {
    const map = out.get(row.assetId) ?? new Map<string, FieldProvenance>();
    map.set(row.field, row);
    out.set(row.assetId, map);
  }
  return out;
}

interface IdentityHistory {
  field: string;
  oldValue: string[] | null;
  newValue: string[];
  source: string;
  observedAt: string;
}

/** Adds matchable serials and external ids of the members; returns history for what changed. */
function mergeIdentifiers(asset: Asset, members: Prepared[]): IdentityHistory[] {
  const out: IdentityHistory[] = [];
  const newest = [...members].sort((a, b) => (a.obs.observedAt < b.obs.observedAt ? 1 : -1))[0];
  const serials = new Set(asset.identifiers.serials);
  members.forEach((m) => m.keys.serial && serials.add(m.keys.serial));
  if (serials.size !== asset.identifiers.serials.length) {
    out.push(
      identityChange('identifiers.serials', asset.identifiers.serials, [...serials].sort(), newest),
    );
    asset.identifiers.serials = [...serials].sort();
  }
  const before = asset.identifiers.external.map(extKey).sort();
  const external = mergeExternalIds(asset.identifiers.external, members);
  const after = external.map(extKey).sort();
  if (JSON.stringify(before) !== JSON.stringify(after)) {
    out.push(identityChange('identifiers.external', before, after, newest));
  }
  asset.identifiers.external = external;
  return out;
}

const extKey = (e: ExternalId) => `${e.system}:${e.id}${e.alias ? ' (alias)' : ''}`;

function identityChange(
  field: string,
  oldList: string[],
  newList: string[],
  by: Prepared,
): IdentityHistory {
  return {
    field,
    oldValue: oldList.length ? [...oldList].sort() : null,
    newValue: newList,
    source: by.obs.source,
    observedAt: by.obs.observedAt,
  };
}

/** Per source, the id seen most recently is primary and the others are aliases. */
function mergeExternalIds(current: ExternalId[], members: Prepared[]): ExternalId[] {
  const byKey = new Map(current.map((e) => [`${e.system}\u0000${e.id}`, { ...e }]));
  for (const { obs } of members) {
    if (obs.externalId === null) continue;
    const key = `${obs.source}\u0000${obs.externalId}`;
    const entry = byKey.get(key) ?? { system: obs.source, id: obs.externalId, alias: false };
    if (!entry.observedAt || obs.observedAt > entry.observedAt) entry.observedAt = obs.observedAt;
    byKey.set(key, entry);
  }
  const all = [...byKey.values()];
  for (const system of new Set(all.map((e) => e.system))) {
    const ids = all.filter((e) => e.system === system);
    const primary = ids.reduce((a, b) =>
      (b.observedAt ?? '') > (a.observedAt ?? '') ||
      ((b.observedAt ?? '') === (a.observedAt ?? '') && b.id > a.id)
        ? b
        : a,
    );
    ids.forEach((e) => (e.alias = e !== primary));
  }
  return all.sort((a, b) => (a.system + a.id < b.system + b.id ? -1 : 1));
}

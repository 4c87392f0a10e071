import type { Logger } from 'pino';
import { createHash } from 'node:crypto';
import { AssetbridgeError, isAssetbridgeError } from '../errors';
import type { Asset } from '../model/asset';
import type { Store } from '../store/store';
import type { ConnectorWriter, WriteRequest, WriteResult } from './connector';
import { changesObject, desiredView, diffViews, heldView, type FieldDiff } from './outbound-view';
import type { EngineConnector, SyncOptions } from './sync-engine';
import type { ConnectorReport } from './sync-report';
import { NO_PROGRESS, type SyncProgress } from './sync-progress';
import type { Binding, SyncStateView } from './sync-state-store';
import { forEachConcurrently, sendUpdates, type UpdateOutcome } from './update-batches';

export interface OutboundWriterDeps {
  store: Store;
  state: SyncStateView;
  log: Logger;
  name: string;
  ec: EngineConnector;
  options: SyncOptions;
  report: ConnectorReport;
  progress?: SyncProgress;
  clock: () => Date;
  /** The run, named in the conflicts the writer records. */
  runId: string;
}

/** A write `prepare` found needed: an update when `binding` is set, else a create. */
interface PendingWrite {
  req: WriteRequest;
  diffs: FieldDiff[];
  desired: Record<string, unknown>;
  binding: Binding | null;
}

type PendingUpdate = PendingWrite & { binding: Binding };

/** Records written to one connector at once (our choice). */
const WRITE_CONCURRENCY = 8;

const RETIRED_STAGES: readonly string[] = ['retired', 'disposed'];

/** A retired or disposed asset whose record in this system was not retired yet. */
function needsRetire(asset: Asset, binding: Binding, writer: ConnectorWriter): boolean {
  return (
    Boolean(writer.retire) && RETIRED_STAGES.includes(asset.lifecycle.stage) && !binding.retiredAt
  );
}

/** Writes the core's view of changed assets to one connector: only what differs. */
export class OutboundWriter {
  /** Assets whose create here was refused (an open `record_claimed` conflict), loaded once. */
  private heldAssets: Promise<Set<string>> | null = null;

  constructor(private readonly d: OutboundWriterDeps) {}

  private held(): Promise<Set<string>> {
    this.heldAssets ??= this.d.store
      .listConflicts({ status: 'open' })
      .then(
        (rows) =>
          new Set(
            rows
              .filter((c) => c.source === this.d.name && c.details.reason === 'record_claimed')
              .map((c) => String(c.details.refused)),
          ),
      );
    return this.heldAssets;
  }

  async run(touched: Map<string, Asset | null>, startedAt: string): Promise<void> {
    const { d } = this;
    const state = await d.state.state(d.name);
    const since = d.options.full ? null : state.outboundWatermark;
    const progress = d.progress ?? NO_PROGRESS;
    progress.start('write', d.name);
    for await (const assets of this.candidates(touched, since)) {
      await this.writeAssets(assets);
      progress.advance(assets.length);
    }
    progress.stop();
    if (!d.options.dryRun && d.report.writes.failed === 0) {
      await d.state.saveState({ ...(await d.state.state(d.name)), outboundWatermark: startedAt });
    }
  }

  /** Writes the given assets only (a webhook's changes); the outbound watermark does not move. */
  async writeAssets(assets: readonly Asset[]): Promise<void> {
    const bindings = await this.d.state.bindingsOfAssets(
      this.d.name,
      assets.map((a) => a.id),
    );
    const byAsset = new Map<string, Binding>();
    for (const b of bindings) if (b.status !== 'retired') byAsset.set(b.assetId, b);
    const updates: PendingUpdate[] = [];
    const creates: PendingWrite[] = [];
    const retires: Asset[] = [];
    const held = await this.held();
    for (const asset of assets) {
      const binding = byAsset.get(asset.id) ?? null;
      if (binding === null && held.has(asset.id)) {
        // Resolving the conflict (`assetbridge conflicts --resolve`) lets the create be tried again.
        this.d.report.writes.held += 1;
        continue;
      }
      const pending = this.prepare(asset, binding);
      if (pending?.binding) updates.push({ ...pending, binding: pending.binding });
      else if (pending) creates.push(pending);
      if (binding && needsRetire(asset, binding, this.d.ec.connector.writer!)) retires.push(asset);
    }
    // A few records at a time: each write is a chain of dependent requests, and the connector's
    // limiters (not this loop) bound how many requests the vendor sees at once.
    await forEachConcurrently(creates, WRITE_CONCURRENCY, (p) =>
      this.isolated(p.req.asset, () => this.create(p)),
    );
    if (!this.d.options.dryRun) {
      const writer = this.d.ec.connector.writer!;
      const handle = (u: PendingUpdate, outcome: UpdateOutcome) =>
        this.isolated(u.req.asset, async () => {
          if (outcome && 'error' in outcome) throw outcome.error;
          const next = await this.keep(await this.update(u, outcome?.result));
          if (next) byAsset.set(u.req.asset.id, next);
        });
      await sendUpdates(writer, updates, handle, this.d.log, WRITE_CONCURRENCY);
    }
    for (const asset of retires) await this.retire(asset, byAsset.get(asset.id)!);
  }

  /**
   * Assets this run matched (loaded from the store by id, or as the dry run computed them), then
   * every other asset updated since `since` (all of them without a watermark), in pages.
   */
  private async *candidates(touched: Map<string, Asset | null>, since: string | null) {
    const ids = [...touched.keys()];
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const missing = chunk.filter((id) => touched.get(id) === null);
      const loaded = await this.d.store.getAssets(missing);
      const assets = chunk
        .map((id) => touched.get(id) ?? loaded.get(id)?.asset)
        .filter((a): a is Asset => a !== undefined);
      if (assets.length > 0) yield assets;
    }
    let after: string | null = null;
    do {
      const page = await this.d.store.listAssets({ limit: 500, after });
      const batch = page.assets.filter(
        (a) => !touched.has(a.id) && (since === null || a.updatedAt >= since),
      );
      if (batch.length > 0) yield batch;
      after = page.nextAfter;
    } while (after !== null);
  }

  /** The write an asset needs (planned; null when none), from its diff against what is held. */
  private prepare(asset: Asset, binding: Binding | null): PendingWrite | null {
    const { d } = this;
    const writer = d.ec.connector.writer!;
    const desired = desiredView(d.ec.mapping, asset);
    if (Object.keys(desired).length === 0) return null;
    if (binding === null && !writer.create) return null;
    const diffs = diffViews(desired, binding?.held ?? {});
    if (diffs.length === 0) {
      d.report.writes.unchanged += 1;
      return null;
    }
    const req: WriteRequest = {
      asset,
      changes: changesObject(d.ec.mapping, diffs),
      full: changesObject(d.ec.mapping, diffViews(desired, {})),
      claimedByOthers: (ids) => this.claimedByOthers(asset.id, ids),
    };
    d.report.plan.push({
      action: binding ? 'update' : 'create',
      assetId: asset.id,
      externalId: binding?.externalId ?? null,
      fields: diffs,
    });
    return d.options.dryRun ? null : { req, diffs, desired, binding };
  }

  /** Runs one record's write; a failure is reported with the vendor's message, the run goes on. */
  private async isolated(asset: Asset, write: () => Promise<unknown>): Promise<void> {
    const { d } = this;
    try {
      await write();
    } catch (err) {
      d.report.writes.failed += 1;
      d.report.failures.push({
        connector: d.name,
        ref: `asset ${asset.id}`,
        message: (err as Error).message,
      });
      d.log.warn(
        { connector: d.name, assetId: asset.id, code: (err as { code?: string }).code },
        'write failed',
      );
    }
  }

  private async keep(next: Binding | null): Promise<Binding | null> {
    if (next) await this.d.state.upsertBindings([next]);
    return next;
  }

  /** Asks the system to retire its record of a retired asset, once; planned in a dry run. */
  private async retire(asset: Asset, binding: Binding): Promise<void> {
    const { d } = this;
    d.report.plan.push({
      action: 'retire',
      assetId: asset.id,
      externalId: binding.externalId,
      fields: [{ path: 'lifecycle.stage', before: null, after: asset.lifecycle.stage }],
    });
    if (d.options.dryRun) return;
    await this.isolated(asset, async () => {
      await d.ec.connector.writer!.retire!(binding.externalId, asset);
      d.report.writes.retired += 1;
      await d.state.upsertBindings([{ ...binding, retiredAt: d.clock().toISOString() }]);
    });
  }

  private async update(u: PendingUpdate, sent?: WriteResult): Promise<Binding> {
    const { binding, req, diffs } = u;
    const result = sent ?? (await this.d.ec.connector.writer!.update(binding.externalId, req));
    if (result.unchanged === true) this.d.report.writes.unchanged += 1;
    else this.d.report.writes.updated += 1;
    const written = Object.fromEntries(diffs.map((x) => [x.path, x.after]));
    return this.bound(binding.externalId, req.asset, result.record?.data, binding, {
      ...binding.held,
      ...written,
    });
  }

  /** Creates after looking the record up; a create whose outcome is unknown is looked up again. */
  private async create(pending: PendingWrite): Promise<Binding | null> {
    try {
      return await this.createOrBind(pending);
    } catch (err) {
      // Refused (here or by the writer) because the record is, or would be, another asset's.
      if (isAssetbridgeError(err, 'IDENTITY_CONFLICT') && typeof err.details.owner === 'string') {
        const { externalId, owner, how } = err.details;
        await this.recordClaim(
          pending.req.asset,
          typeof externalId === 'string' ? externalId : null,
          owner,
          err.message,
          how === 'found' || how === 'answered' ? how : 'refused',
        );
      }
      throw err;
    }
  }

  private async createOrBind(pending: PendingWrite): Promise<Binding | null> {
    const { req, desired } = pending;
    const { asset } = req;
    const writer = this.d.ec.connector.writer!;
    const existing = await writer.find(req);
    if (existing) {
      await this.refuseClaimed(asset, existing.externalId, 'found');
      const held = heldView(this.d.ec.mapping, existing.data);
      const diffs = diffViews(desired, held);
      const binding = this.bound(existing.externalId, asset, existing.data, null, held);
      if (diffs.length === 0) return binding;
      const changes = changesObject(this.d.ec.mapping, diffs);
      return this.keep(await this.update({ binding, req: { ...req, changes }, diffs, desired }));
    }
    try {
      const result = await writer.create!(req);
      await this.refuseClaimed(asset, result.externalId, 'answered');
      this.d.report.writes.created += 1;
      await this.linkCreated(result.externalId, asset);
      return this.keep(this.bound(result.externalId, asset, result.record?.data, null, desired));
    } catch (err) {
      if (!isAssetbridgeError(err, 'WRITE_OUTCOME_UNKNOWN')) throw err;
      const found = await writer.find(req);
      if (!found) throw err;
      await this.refuseClaimed(asset, found.externalId, 'found');
      this.d.report.writes.created += 1;
      await this.linkCreated(found.externalId, asset);
      const held = heldView(this.d.ec.mapping, found.data);
      return this.keep(this.bound(found.externalId, asset, found.data, null, held));
    }
  }

  /** Records of `externalIds` bound or linked to assets other than `assetId`, with those ids. */
  private async claimedByOthers(
    assetId: string,
    externalIds: readonly string[],
  ): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (externalIds.length === 0) return out;
    for (const [id, b] of await this.d.state.bindings(this.d.name, externalIds)) {
      if (b.assetId !== assetId) out.set(id, b.assetId);
    }
    for (const link of await this.d.store.findByExternalIds(this.d.name, externalIds)) {
      if (link.assetId !== assetId && !out.has(link.externalId)) {
        out.set(link.externalId, link.assetId);
      }
    }
    return out;
  }

  /**
   * Refuses to bind an asset to a record that is another asset's (the system matched it by
   * something the two share, such as a name): fails the write (`create` records the conflict), so
   * that the two assets never share a record and neither is merged into the other.
   */
  private async refuseClaimed(
    asset: Asset,
    externalId: string,
    how: 'found' | 'answered',
  ): Promise<void> {
    const { d } = this;
    const owner = (await this.claimedByOthers(asset.id, [externalId])).get(externalId);
    if (owner === undefined) return;
    const summary =
      `${d.name} record ${externalId} is the record of asset ${owner}; ` +
      (how === 'found'
        ? `looking up asset ${asset.id} found it too`
        : `${d.name} answered it for the new record of asset ${asset.id}`) +
      `: ${asset.id} was not bound to it`;
    throw new AssetbridgeError('IDENTITY_CONFLICT', summary, {
      details: { connector: d.name, externalId, owner, assetId: asset.id, how },
    });
  }

  /** Records that `asset` was refused a record of `owner`'s; its creates here wait until resolved. */
  private async recordClaim(
    asset: Asset,
    externalId: string | null,
    owner: string,
    summary: string,
    how: 'found' | 'answered' | 'refused',
  ): Promise<void> {
    const { d } = this;
    if (d.options.dryRun) return;
    const subject = ['record_claimed', d.name, externalId, owner, asset.id];
    await d.store.recordConflict({
      kind: 'multiple_assets',
      fingerprint: createHash('sha256').update(JSON.stringify(subject)).digest('hex'),
      source: d.name,
      externalId,
      assetIds: [owner, asset.id],
      summary,
      details: { reason: 'record_claimed', how, owner, refused: asset.id },
      runId: d.runId,
      createdAt: d.clock().toISOString(),
    });
  }

  /**
   * Links a record this run created to its asset, unless the id is linked already, so that
   * reading it back resolves to the same asset even when it carries no serial (a CI created
   * from an asset known only by name and asset tag).
   */
  private async linkCreated(externalId: string, asset: Asset): Promise<void> {
    const known = await this.d.store.findByExternalIds(this.d.name, [externalId]);
    if (known.length > 0) return;
    await this.d.store.upsertExternalLink({
      system: this.d.name,
      externalId,
      assetId: asset.id,
      alias: false,
    });
  }

  private bound(
    externalId: string,
    asset: Asset,
    data: unknown,
    prev: Binding | null,
    fallback: Record<string, unknown>,
  ): Binding {
    const held = data === undefined ? fallback : heldView(this.d.ec.mapping, data, fallback);
    return {
      connector: this.d.name,
      externalId,
      assetId: asset.id,
      held,
      version: prev?.version ?? null,
      lastSeenRun: prev?.lastSeenRun ?? null,
      missingRuns: prev?.missingRuns ?? 0,
      status: 'present',
      retiredAt: prev?.retiredAt ?? null,
    };
  }
}

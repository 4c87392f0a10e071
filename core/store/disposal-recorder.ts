import { z } from 'zod';
import { AssetbridgeError } from '../errors';
import {
  CustodyEntry,
  DisposalRecord,
  IsoInstant,
  WIPE_METHODS,
  type Asset,
  type LifecycleStage,
} from '../model/asset';
import type { FieldValue } from '../model/core-fields';
import { assertTransition, checkTransition } from '../model/lifecycle';
import type { Store, StoreTx } from './store';
import type { HistoryEntry } from './store-types';

/**
 * What an operator states about a disposal. Every field is optional: what is given replaces the
 * stored value, custody entries are appended (an entry already recorded is not added twice).
 */
export const DisposalPatch = z
  .object({
    wipeMethod: z.enum(WIPE_METHODS).optional(),
    wipeProofRef: z.string().trim().min(1).optional(),
    wipedAt: IsoInstant.optional(),
    custody: z.array(CustodyEntry).default([]),
    approvedBy: z.string().trim().min(1).optional(),
    approvedAt: IsoInstant.optional(),
    disposalVendor: z.string().trim().min(1).optional(),
    certificateRef: z.string().trim().min(1).optional(),
  })
  .strict();
export type DisposalPatch = z.infer<typeof DisposalPatch>;

export interface DisposalWrite {
  /** Asset id (not a tag or serial: resolve the reference first). */
  assetId: string;
  patch: DisposalPatch;
  /** Recorded as the source of the history rows: `manual` or the operator's name. */
  source: string;
  runId: string;
  /** When the operator states this; observed and recorded time of the history rows. */
  at: string;
  /** `dispose` only: move to `retired` first (checked too) when the asset is not yet retired. */
  retireFirst?: boolean;
}

export interface DisposalOutcome {
  asset: Asset;
  from: LifecycleStage;
  /** History rows written (empty when nothing changed). */
  history: HistoryEntry[];
}

/** Scalar fields of the disposal record, each kept as its own history field. */
const SCALARS = [
  'wipeMethod',
  'wipeProofRef',
  'wipedAt',
  'approvedBy',
  'approvedAt',
  'disposalVendor',
  'certificateRef',
] as const;

/**
 * Writes disposal records. `dispose` merges the record and moves the asset to `disposed` through
 * the checked lifecycle transition; `addCustody` only merges (custody gathered while the device
 * waits for pick-up). Each runs in one transaction: a refused move stores nothing.
 */
export class DisposalRecorder {
  constructor(private readonly store: Store) {}

  dispose(write: DisposalWrite): Promise<DisposalOutcome> {
    return this.store.transaction((tx) => this.write(tx, write, 'disposed'));
  }

  addCustody(write: DisposalWrite): Promise<DisposalOutcome> {
    return this.store.transaction((tx) => this.write(tx, write, null));
  }

  private async write(
    tx: StoreTx,
    write: DisposalWrite,
    stage: 'disposed' | null,
  ): Promise<DisposalOutcome> {
    const stored = (await tx.getAssets([write.assetId])).get(write.assetId);
    if (stored === undefined) {
      throw new AssetbridgeError('STORE_NOT_FOUND', `no asset has id '${write.assetId}'`, {
        details: { assetId: write.assetId },
      });
    }
    const before = stored.asset;
    const from = before.lifecycle.stage;
    if (from === 'disposed') {
      throw new AssetbridgeError(
        'LIFECYCLE_TRANSITION',
        `asset ${before.id} is already disposed; its disposal record is final`,
        { details: { assetId: before.id, from, to: stage ?? from, missing: [] } },
      );
    }

    const disposal = DisposalRecord.parse(mergeRecord(before.disposal ?? null, write.patch));
    const next: Asset = { ...before, disposal, lifecycle: { stage: stage ?? from } };
    const stages = stage === null ? [] : stagePath(from, stage, write.retireFirst === true);
    if (stages.length === 2) assertTransition(from, stages[1]!, next);
    if (stages.length === 3) assertPath(next, stages);

    const history = historyRows(before, next, stages, write);
    if (history.length === 0) return { asset: before, from, history };
    next.updatedAt = write.at;
    await tx.updateAsset(next, stored.version);
    await tx.appendHistory(history);
    if (stage !== null) {
      await tx.upsertProvenance([
        {
          assetId: before.id,
          field: 'lifecycle.stage',
          source: write.source,
          authority: 100,
          observedAt: write.at,
          value: stage,
        },
      ]);
    }
    return { asset: next, from, history };
  }
}

/** Checks each step of `from -> retired -> disposed`; the error names the whole path. */
function assertPath(asset: Asset, stages: readonly LifecycleStage[]): void {
  const missing = stages
    .slice(1)
    .flatMap((to, i) => checkTransition(stages[i]!, to, asset).missing);
  if (missing.length === 0) return;
  const [from, via, to] = stages;
  throw new AssetbridgeError(
    'LIFECYCLE_TRANSITION',
    `cannot move asset ${asset.id} from '${from}' to '${to}' (through '${via}'): missing ${missing.join('; ')}`,
    { details: { assetId: asset.id, from, to, via, missing } },
  );
}

function stagePath(from: LifecycleStage, to: LifecycleStage, retireFirst: boolean) {
  const via: LifecycleStage[] = retireFirst && from !== 'retired' ? ['retired'] : [];
  return [from, ...via, to];
}

function mergeRecord(current: DisposalRecord | null, patch: DisposalPatch): DisposalRecord {
  const merged: DisposalRecord = { ...(current ?? { custody: [] }), custody: [] };
  for (const key of SCALARS) {
    const value = patch[key];
    if (value !== undefined) Object.assign(merged, { [key]: value });
  }
  const custody = [...(current?.custody ?? [])];
  const seen = new Set(custody.map(custodyText));
  for (const entry of patch.custody) {
    if (seen.has(custodyText(entry))) continue;
    seen.add(custodyText(entry));
    custody.push(entry);
  }
  merged.custody = custody.sort((a, b) => a.at.localeCompare(b.at));
  return merged;
}

/** One custody entry as a line of history: `at from -> to (note)`. */
export function custodyText(entry: CustodyEntry): string {
  const note = entry.note === undefined || entry.note === '' ? '' : ` (${entry.note})`;
  return `${entry.at} ${entry.from} -> ${entry.to}${note}`;
}

function historyRows(
  before: Asset,
  after: Asset,
  stages: readonly LifecycleStage[],
  write: DisposalWrite,
): HistoryEntry[] {
  const row = (field: string, oldValue: FieldValue, newValue: FieldValue): HistoryEntry => ({
    assetId: before.id,
    field,
    oldValue,
    newValue,
    source: write.source,
    observedAt: write.at,
    runId: write.runId,
    recordedAt: write.at,
  });
  const rows: HistoryEntry[] = [];
  const old = before.disposal ?? null;
  const now = after.disposal ?? null;
  for (const key of SCALARS) {
    const o = old?.[key] ?? null;
    const n = now?.[key] ?? null;
    if (o !== n) rows.push(row(`disposal.${key}`, o, n));
  }
  const oldCustody = (old?.custody ?? []).map(custodyText);
  const newCustody = (now?.custody ?? []).map(custodyText);
  if (oldCustody.join('\n') !== newCustody.join('\n')) {
    rows.push(row('disposal.custody', oldCustody.length ? oldCustody : null, newCustody));
  }
  for (let i = 1; i < stages.length; i++) {
    if (stages[i - 1] !== stages[i]) rows.push(row('lifecycle.stage', stages[i - 1]!, stages[i]!));
  }
  return rows;
}

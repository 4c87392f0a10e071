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
import { disposalIssues } from '../model/disposal-issues';
import { assertTransition, checkTransition, isReachable } from '../model/lifecycle';
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
    /** The email address of the person who approved the disposal. */
    approvedBy: z
      .string()
      .trim()
      .pipe(z.email('expected the email address of the person who approved'))
      .optional(),
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

export interface DisposalRecorderDeps {
  /** Now: stated times later than this (beyond a few minutes of clock difference) are refused. */
  clock: () => Date;
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
 * waits for pick-up). Each runs in one transaction: a refused move stores nothing. What is stated
 * is checked first: a patch that does not fit DisposalPatch, or that states something impossible
 * (`disposalIssues`: a time in the future or before the purchase, custody out of order), is
 * DISPOSAL_INVALID naming the field, and nothing is stored.
 */
export class DisposalRecorder {
  constructor(
    private readonly store: Store,
    private readonly deps: DisposalRecorderDeps,
  ) {}

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

    const patch = checkedPatch(before, write.patch, this.deps.clock());
    const disposal = DisposalRecord.parse(mergeRecord(before.disposal ?? null, patch));
    const next: Asset = { ...before, disposal, lifecycle: { stage: stage ?? from } };
    const stages = stage === null ? [] : stagePath(from, stage, write.retireFirst === true);
    if (stages.length === 2 && stage === 'disposed' && !isReachable(from, stage)) {
      throw needsRetirement(next, from);
    }
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

/** The patch parsed and checked against the stored asset; DISPOSAL_INVALID naming each issue. */
function checkedPatch(asset: Asset, input: DisposalPatch, now: Date): DisposalPatch {
  const parsed = DisposalPatch.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({
      field: i.path.join('.') || '(record)',
      message: i.message,
    }));
    throw new AssetbridgeError(
      'DISPOSAL_INVALID',
      `invalid disposal record for asset ${asset.id}: ` +
        issues.map((i) => `${i.field}: ${i.message}`).join('; '),
      { details: { assetId: asset.id, issues } },
    );
  }
  const patch = parsed.data;
  const recorded = new Set((asset.disposal?.custody ?? []).map(custodyText));
  const custody = patch.custody
    .map((entry, index) => ({ index, entry }))
    .filter(({ entry }) => !recorded.has(custodyText(entry)));
  const issues = disposalIssues(
    asset,
    { wipedAt: patch.wipedAt, approvedAt: patch.approvedAt, custody },
    now,
  );
  if (issues.length > 0) {
    throw new AssetbridgeError(
      'DISPOSAL_INVALID',
      `impossible disposal record for asset ${asset.id}: ${issues.map((i) => i.message).join('; ')}`,
      { details: { assetId: asset.id, issues } },
    );
  }
  return patch;
}

/** A direct move to `disposed` from a stage that must be retired first (deployed, in stock, ...). */
function needsRetirement(asset: Asset, from: LifecycleStage): AssetbridgeError {
  const gaps = checkTransition('retired', 'disposed', asset).missing;
  const also = gaps.length === 0 ? '' : `; the disposal record also lacks ${gaps.join('; ')}`;
  return new AssetbridgeError(
    'LIFECYCLE_TRANSITION',
    `cannot move asset ${asset.id} from '${from}' to 'disposed': the asset is in stage ` +
      `'${from}', and a disposal needs it retired first${also}`,
    {
      details: {
        assetId: asset.id,
        from,
        to: 'disposed',
        needsStage: 'retired',
        missing: [`the asset retired first (it is '${from}')`, ...gaps],
      },
    },
  );
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

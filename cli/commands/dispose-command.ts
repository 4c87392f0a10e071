import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AssetbridgeError, isAssetbridgeError } from '../../core/errors';
import type { Asset, CustodyEntry } from '../../core/model/asset';
import {
  DisposalPatch,
  DisposalRecorder,
  custodyText,
  type DisposalOutcome,
} from '../../core/store/disposal-recorder';
import type { Store } from '../../core/store/store';
import { parseInstant } from '../../core/time/parse-instant';
import type { CliContext } from '../cli-context';
import { EXIT } from '../cli-io';

export interface DisposeCommandOptions {
  record?: string;
  wipeMethod?: string;
  wipeProof?: string;
  wipedAt?: string;
  custody?: string[];
  approvedBy?: string;
  approvedAt?: string;
  vendor?: string;
  certificate?: string;
  retire?: boolean;
  by?: string;
}

export interface CustodyCommandOptions {
  from: string;
  to: string;
  at?: string;
  note?: string;
  by?: string;
}

/**
 * `assetbridge dispose <asset> ...`: writes the disposal record (wipe, custody, approval) and
 * moves the asset to `disposed` in one transaction; a move the lifecycle refuses stores nothing.
 */
export async function disposeCommand(
  ctx: CliContext,
  ref: string,
  opts: DisposeCommandOptions,
): Promise<number> {
  const now = ctx.clock().toISOString();
  const patch = disposePatch(ctx, opts, now);
  return write(ctx, ref, patch, opts.by, 'dispose', (r, w) =>
    r.dispose({ ...w, retireFirst: opts.retire === true }),
  );
}

/** `assetbridge custody <asset> --from <who> --to <who> [--at <when>] [--note <text>]` */
export async function custodyCommand(
  ctx: CliContext,
  ref: string,
  opts: CustodyCommandOptions,
): Promise<number> {
  const now = ctx.clock().toISOString();
  const entry: CustodyEntry = {
    at: instantOption('--at', opts.at) ?? now,
    from: required('--from', opts.from),
    to: required('--to', opts.to),
    ...(opts.note?.trim() ? { note: opts.note.trim() } : {}),
  };
  const patch = DisposalPatch.parse({ custody: [entry] });
  return write(ctx, ref, patch, opts.by, 'custody', (r, w) => r.addCustody(w));
}

type Operation = (
  recorder: DisposalRecorder,
  write: Parameters<DisposalRecorder['dispose']>[0],
) => Promise<DisposalOutcome>;

async function write(
  ctx: CliContext,
  ref: string,
  patch: DisposalPatch,
  by: string | undefined,
  kind: 'dispose' | 'custody',
  operation: Operation,
): Promise<number> {
  const store = await ctx.openStore();
  try {
    const asset = await oneAsset(store, ref);
    const runId = randomUUID();
    const at = ctx.clock().toISOString();
    const source = by?.trim() || 'manual';
    const outcome = await operation(new DisposalRecorder(store), {
      assetId: asset.id,
      patch,
      source,
      runId,
      at,
    });
    if (outcome.history.length > 0) {
      await store.startRun({ id: runId, kind, startedAt: at, summary: {} });
      const summary = { asset: asset.id, source, changed: outcome.history.map((h) => h.field) };
      await store.finishRun(runId, 'ok', ctx.clock().toISOString(), summary);
    }
    print(ctx, outcome, runId);
    return EXIT.OK;
  } finally {
    await store.close();
  }
}

async function oneAsset(store: Store, ref: string): Promise<Asset> {
  const found = await store.findAssets(ref);
  if (found.length === 0) {
    throw new AssetbridgeError('STORE_NOT_FOUND', `no asset has id, asset tag or serial '${ref}'`);
  }
  if (found.length > 1) {
    const ids = found.map((a) => a.id).join(', ');
    throw new AssetbridgeError(
      'USAGE',
      `'${ref}' names ${found.length} assets (${ids}); use an id`,
    );
  }
  return found[0]!;
}

function disposePatch(ctx: CliContext, opts: DisposeCommandOptions, now: string): DisposalPatch {
  const fromFile = opts.record === undefined ? {} : readRecordFile(ctx, opts.record);
  const flags = {
    wipeMethod: opts.wipeMethod,
    wipeProofRef: opts.wipeProof,
    wipedAt: instantOption('--wiped-at', opts.wipedAt),
    approvedBy: opts.approvedBy,
    approvedAt: instantOption('--approved-at', opts.approvedAt),
    disposalVendor: opts.vendor,
    certificateRef: opts.certificate,
  };
  const merged: Record<string, unknown> = { ...fromFile };
  for (const [key, value] of Object.entries(flags)) if (value !== undefined) merged[key] = value;
  const custody = (opts.custody ?? []).map(parseCustody);
  merged.custody = [...((fromFile.custody as unknown[] | undefined) ?? []), ...custody];
  if (merged.approvedBy !== undefined && merged.approvedAt === undefined) merged.approvedAt = now;
  const parsed = DisposalPatch.safeParse(merged);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(
      (i) => `${i.path.join('.') || '(record)'}: ${i.message}`,
    );
    throw new AssetbridgeError('USAGE', `invalid disposal record: ${issues.join('; ')}`, {
      details: { issues },
    });
  }
  return parsed.data;
}

function readRecordFile(ctx: CliContext, file: string): Record<string, unknown> {
  const full = path.resolve(ctx.io.cwd, file);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(full, 'utf8'));
  } catch (err) {
    throw new AssetbridgeError('IMPORT_FILE', `cannot read disposal record ${full}`, {
      cause: err,
      details: { file: full },
    });
  }
  const record = z.record(z.string(), z.unknown()).safeParse(data);
  if (!record.success) {
    throw new AssetbridgeError('USAGE', `${full}: a disposal record must be a JSON object`);
  }
  const normalised = { ...record.data };
  for (const key of ['wipedAt', 'approvedAt']) {
    const value = normalised[key];
    if (typeof value === 'string') normalised[key] = instantOption(`${file} ${key}`, value);
  }
  if (Array.isArray(normalised.custody)) {
    normalised.custody = normalised.custody.map((entry: unknown) =>
      entry !== null && typeof entry === 'object' && typeof (entry as CustodyEntry).at === 'string'
        ? { ...entry, at: instantOption(`${file} custody.at`, (entry as CustodyEntry).at) }
        : entry,
    );
  }
  return normalised;
}

/** `from|to|when[|note]`: who handed the device over, to whom, when, and a note. */
export function parseCustody(text: string): CustodyEntry {
  const [from, to, when, ...rest] = text.split('|').map((p) => p.trim());
  if (!from || !to || !when) {
    throw new AssetbridgeError(
      'USAGE',
      `--custody '${text}': expected 'from|to|when[|note]', for example ` +
        `'it-desk|Shred Co|2026-11-30T09:00:00Z|sealed bag 17'`,
    );
  }
  const note = rest.join('|').trim();
  return { from, to, at: instantOption('--custody', when)!, ...(note ? { note } : {}) };
}

function instantOption(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    return parseInstant(value.trim());
  } catch (err) {
    if (!isAssetbridgeError(err)) throw err;
    throw new AssetbridgeError('USAGE', `${flag} '${value}': ${err.message}`, { cause: err });
  }
}

function required(flag: string, value: string | undefined): string {
  const text = value?.trim() ?? '';
  if (text === '') throw new AssetbridgeError('USAGE', `${flag} must not be empty`);
  return text;
}

function print(ctx: CliContext, outcome: DisposalOutcome, runId: string): void {
  const { asset, from, history } = outcome;
  if (ctx.json) {
    const body = { asset: asset.id, from, stage: asset.lifecycle.stage, runId, history };
    ctx.io.stdout(`${JSON.stringify({ ...body, disposal: asset.disposal }, null, 2)}\n`);
    return;
  }
  const stage = asset.lifecycle.stage;
  const moved = from === stage ? `stage ${stage}` : `stage ${from} -> ${stage}`;
  const lines = [
    history.length === 0
      ? `asset ${asset.id}: nothing changed (stage ${stage})`
      : `asset ${asset.id}: ${moved}, ${history.length} change${history.length === 1 ? '' : 's'} (run ${runId})`,
  ];
  for (const entry of asset.disposal?.custody ?? []) lines.push(`  custody ${custodyText(entry)}`);
  ctx.io.stdout(`${lines.join('\n')}\n`);
}

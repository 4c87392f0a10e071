import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AssetbridgeError, isAssetbridgeError } from '../../core/errors';
import type { CustodyEntry } from '../../core/model/asset';
import {
  DisposalPatch,
  DisposalRecorder,
  custodyText,
  type DisposalOutcome,
} from '../../core/store/disposal-recorder';
import { parseJsonText } from '../../core/ingest/parse-json-text';
import { parseInstant } from '../../core/time/parse-instant';
import type { CliContext } from '../cli-context';
import { EXIT } from '../cli-io';
import { resolveOneAsset } from '../resolve-one-asset';

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
  const { patch, origin } = disposePatch(ctx, opts, now);
  return write(ctx, ref, { patch, origin, by: opts.by, kind: 'dispose' }, (r, w) =>
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
  const origin: Origin = () => (opts.at === undefined ? '--at (default: now)' : '--at');
  return write(ctx, ref, { patch, origin, by: opts.by, kind: 'custody' }, (r, w) =>
    r.addCustody(w),
  );
}

/** Names where a stated value came from (a flag, or the --record file) for an error message. */
type Origin = (field: string, index?: number) => string;

interface Statement {
  patch: DisposalPatch;
  origin: Origin;
  by: string | undefined;
  kind: 'dispose' | 'custody';
}

type Operation = (
  recorder: DisposalRecorder,
  write: Parameters<DisposalRecorder['dispose']>[0],
) => Promise<DisposalOutcome>;

async function write(
  ctx: CliContext,
  ref: string,
  statement: Statement,
  operation: Operation,
): Promise<number> {
  const { patch, by, kind } = statement;
  const store = await ctx.openStore();
  try {
    const asset = await resolveOneAsset(store, ref);
    const runId = randomUUID();
    const at = ctx.clock().toISOString();
    const source = by?.trim() || 'manual';
    const recorder = new DisposalRecorder(store, { clock: () => ctx.clock() });
    const outcome = await operation(recorder, {
      assetId: asset.id,
      patch,
      source,
      runId,
      at,
    }).catch((err: unknown) => {
      throw withOptionNames(err, statement.origin);
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

/**
 * The recorder's errors in the words of the command line: each impossible value named by the
 * flag or file it came from, and a move that needs the asset retired first suggests --retire.
 */
function withOptionNames(err: unknown, origin: Origin): unknown {
  if (isAssetbridgeError(err, 'DISPOSAL_INVALID')) {
    const issues = (err.details.issues ?? []) as {
      field: string;
      index?: number;
      message: string;
    }[];
    const named = issues.map((i) => `${origin(i.field, i.index)}: ${i.message}`);
    return new AssetbridgeError(
      'DISPOSAL_INVALID',
      `invalid disposal record: ${named.join('; ')}`,
      {
        cause: err,
        details: err.details,
      },
    );
  }
  if (isAssetbridgeError(err, 'LIFECYCLE_TRANSITION') && err.details.needsStage === 'retired') {
    return new AssetbridgeError(
      'LIFECYCLE_TRANSITION',
      `${err.message}; pass --retire to retire it in the same step`,
      { cause: err, details: err.details },
    );
  }
  return err;
}

/** The flag of each field of the disposal record. */
const FLAGS: Record<string, string> = {
  wipeMethod: '--wipe-method',
  wipeProofRef: '--wipe-proof',
  wipedAt: '--wiped-at',
  approvedBy: '--approved-by',
  approvedAt: '--approved-at',
  disposalVendor: '--vendor',
  certificateRef: '--certificate',
};

function disposePatch(
  ctx: CliContext,
  opts: DisposeCommandOptions,
  now: string,
): { patch: DisposalPatch; origin: Origin } {
  const file = opts.record === undefined ? null : path.resolve(ctx.io.cwd, opts.record);
  const fromFile = file === null ? {} : readRecordFile(file);
  const flags: Record<string, string | undefined> = {
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
  const custodyFlags = opts.custody ?? [];
  const fileCustody = Array.isArray(fromFile.custody) ? (fromFile.custody as unknown[]) : [];
  merged.custody = [...fileCustody, ...custodyFlags.map(parseCustody)];
  const approvedAtDefaulted = merged.approvedBy !== undefined && merged.approvedAt === undefined;
  if (approvedAtDefaulted) merged.approvedAt = now;

  const origin: Origin = (field, index) => {
    if (field === 'custody' && index !== undefined) {
      const flag = custodyFlags[index - fileCustody.length];
      return flag === undefined ? `${file} custody[${index}]` : `--custody '${flag}'`;
    }
    if (flags[field] !== undefined) return FLAGS[field] ?? field;
    if (field === 'approvedAt' && approvedAtDefaulted) return '--approved-at (default: now)';
    return file !== null && field in fromFile ? `${file} ${field}` : field;
  };
  const parsed = DisposalPatch.safeParse(merged);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => issueText(i.path, i.message, origin));
    throw new AssetbridgeError('USAGE', `invalid disposal record: ${issues.join('; ')}`, {
      details: { issues },
    });
  }
  return { patch: parsed.data, origin };
}

/** A zod issue of the record as `<flag or file field>[.sub.path]: message`. */
function issueText(at: readonly PropertyKey[], message: string, origin: Origin): string {
  const [field, index] = at;
  if (typeof field !== 'string') return `(record): ${message}`;
  const entry = field === 'custody' && typeof index === 'number' ? index : undefined;
  const rest = at.slice(entry === undefined ? 1 : 2).map(String);
  return `${[origin(field, entry), ...rest].join('.')}: ${message}`;
}

function readRecordFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new AssetbridgeError('IMPORT_FILE', `cannot read disposal record ${file}: ${why}`, {
      cause: err,
      details: { file },
    });
  }
  const data = parseJsonText(text, `disposal record ${file}`);
  const record = z.record(z.string(), z.unknown()).safeParse(data);
  if (!record.success) {
    throw new AssetbridgeError('USAGE', `${file}: a disposal record must be a JSON object`);
  }
  const normalised = { ...record.data };
  for (const key of ['wipedAt', 'approvedAt']) {
    const value = normalised[key];
    if (typeof value === 'string') normalised[key] = instantOption(`${file} ${key}`, value);
  }
  if (normalised.custody !== undefined && !Array.isArray(normalised.custody)) {
    throw new AssetbridgeError(
      'USAGE',
      `${file} custody: expected a list of hand-overs ({ at, from, to, note })`,
    );
  }
  if (Array.isArray(normalised.custody)) {
    normalised.custody = normalised.custody.map((entry: unknown, i: number) =>
      entry !== null && typeof entry === 'object' && typeof (entry as CustodyEntry).at === 'string'
        ? { ...entry, at: instantOption(`${file} custody[${i}].at`, (entry as CustodyEntry).at) }
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

import { mapOutbound } from '../mapping/mapper';
import type { Mapping } from '../mapping/mapping-schema';
import { readPath, writePath } from '../mapping/source-path';
import type { Asset } from '../model/asset';

/** Source paths of the fields a mapping writes to its vendor. */
export function outboundPaths(mapping: Mapping) {
  return mapping.fields
    .filter((f) => f.direction !== 'in' && f.source !== null)
    .map((f) => f.source!);
}

/**
 * What a vendor record holds of the outbound fields, keyed by source path text. A property the
 * record does not carry at all (lists that leave it out) keeps what was held before.
 */
export function heldView(
  mapping: Mapping,
  data: unknown,
  before: Record<string, unknown> = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const ref of outboundPaths(mapping)) {
    const value = readPath(data, ref.segments);
    out[ref.text] = value === undefined ? (before[ref.text] ?? null) : value;
  }
  return out;
}

/** What the core record says the vendor should hold, keyed by source path text. */
export function desiredView(mapping: Mapping, asset: Asset): Record<string, unknown> {
  const nested = mapOutbound(mapping, asset);
  const out: Record<string, unknown> = {};
  for (const ref of outboundPaths(mapping)) {
    const value = readPath(nested, ref.segments);
    if (value !== undefined) out[ref.text] = value;
  }
  return out;
}

/** Two vendor values are the same when they print the same (vendors return numbers as text). */
export function sameVendorValue(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) =>
    v === null || v === undefined
      ? ''
      : typeof v === 'object'
        ? JSON.stringify(v)
        : String(v).trim();
  const na = norm(a);
  const nb = norm(b);
  if (na === nb) return true;
  const fa = Number(na);
  const fb = Number(nb);
  return na !== '' && nb !== '' && Number.isFinite(fa) && Number.isFinite(fb) && fa === fb;
}

export interface FieldDiff {
  path: string;
  before: unknown;
  after: unknown;
}

/** Fields whose desired value differs from what the vendor holds. Absent desired values clear nothing. */
export function diffViews(
  desired: Record<string, unknown>,
  held: Record<string, unknown>,
): FieldDiff[] {
  const out: FieldDiff[] = [];
  for (const [path, after] of Object.entries(desired)) {
    const before = held[path] ?? null;
    if (!sameVendorValue(after, before)) out.push({ path, before, after });
  }
  return out;
}

/** The nested vendor object of a list of diffs. */
export function changesObject(
  mapping: Mapping,
  diffs: readonly FieldDiff[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const refs = new Map(outboundPaths(mapping).map((r) => [r.text, r]));
  for (const d of diffs) writePath(out, refs.get(d.path)!.segments, d.after);
  return out;
}

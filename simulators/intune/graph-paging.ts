/**
 * OData query options for the managedDevices collection: `$select` (unknown names are a 400),
 * `$top` (capped), `$count`, and the opaque `$skiptoken` carried by absolute `@odata.nextLink`s.
 */
import { GraphHttpError } from './graph-errors';
import { isKnownProperty } from './managed-device-properties';

export interface SkipToken {
  offset: number;
  /** The empty-page quirk already fired at this offset; do not fire it again. */
  emptied: boolean;
}

export function encodeSkipToken(token: SkipToken): string {
  const raw = JSON.stringify({ o: token.offset, e: token.emptied ? 1 : 0 });
  return `RFNwdA${Buffer.from(raw, 'utf8').toString('base64url')}`;
}

export function decodeSkipToken(text: string): SkipToken {
  try {
    if (!text.startsWith('RFNwdA')) throw new Error('prefix');
    const parsed = JSON.parse(Buffer.from(text.slice(6), 'base64url').toString('utf8')) as {
      o?: unknown;
      e?: unknown;
    };
    if (typeof parsed.o !== 'number' || !Number.isInteger(parsed.o) || parsed.o < 0) {
      throw new Error('offset');
    }
    return { offset: parsed.o, emptied: parsed.e === 1 };
  } catch {
    throw new GraphHttpError(400, 'BadRequest', `The skip token '${text}' is not valid.`);
  }
}

function single(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) {
    throw new GraphHttpError(
      400,
      'BadRequest',
      `Query option '${name}' was specified more than once, but it must be specified at most once.`,
    );
  }
  return String(value);
}

export function parseSelect(value: unknown): string[] | null {
  const text = single(value, '$select');
  if (text === undefined || text.trim() === '') return null;
  const names = text.split(',').map((name) => name.trim());
  for (const name of names) {
    if (!isKnownProperty(name)) {
      throw new GraphHttpError(
        400,
        'BadRequest',
        `Could not find a property named '${name}' on type 'microsoft.graph.managedDevice'.`,
      );
    }
  }
  return [...new Set(names)];
}

export function parseTop(value: unknown, max: number): number {
  const text = single(value, '$top');
  if (text === undefined) return max;
  if (!/^\d+$/.test(text)) {
    throw new GraphHttpError(
      400,
      'BadRequest',
      `Invalid value '${text}' for $top query option found. The $top query option requires a non-negative integer value.`,
    );
  }
  return Math.min(Number(text), max);
}

export function parseCount(value: unknown): boolean {
  const text = single(value, '$count');
  if (text === undefined) return false;
  if (text !== 'true' && text !== 'false') {
    throw new GraphHttpError(400, 'BadRequest', `'${text}' is not a valid count option.`);
  }
  return text === 'true';
}

export function singleFilter(value: unknown): string {
  return single(value, '$filter') ?? '';
}

/** A deterministic 32-bit hash of the offset and seed, mapped into [0, 1). */
export function pageRoll(seed: number, offset: number): number {
  let h = (seed ^ Math.imul(offset + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

/** Applies `$select` to a device; `null` keeps every property. */
export function project(
  device: Record<string, unknown>,
  select: string[] | null,
): Record<string, unknown> {
  if (select === null) return device;
  const out: Record<string, unknown> = {};
  for (const name of select) out[name] = device[name] ?? null;
  return out;
}

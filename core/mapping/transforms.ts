import { parseOptionalDate, parseOptionalInstant } from '../time/parse-instant';
import { describeValue, isBlank } from './describe-value';
import { readPath } from './source-path';
import type { Transform } from './transform-schema';

const GIB = 1024 ** 3;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;
const GROUPED_NUMBER = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/**
 * A number from a number or numeric text; null when blank. Accepts `1234.5`, `1e3` and
 * comma-grouped thousands `1,234.50`; nothing locale-dependent (no decimal commas).
 */
export function toNumber(value: unknown): number | null {
  if (isBlank(value)) return null;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${describeValue(value)} is not a finite number`);
    return value;
  }
  if (typeof value === 'string') {
    const text = value.trim();
    if (PLAIN_NUMBER.test(text)) return Number(text);
    if (GROUPED_NUMBER.test(text)) return Number(text.replace(/,/g, ''));
  }
  throw new Error(`${describeValue(value)} is not a number`);
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function eachString(value: unknown, fn: (s: string) => string): unknown {
  if (typeof value === 'string') return fn(value);
  if (typeof value === 'number' || typeof value === 'boolean') return fn(String(value));
  if (Array.isArray(value)) return value.map((v) => eachString(v, fn));
  return value;
}

function scalarText(value: unknown, what: string): string | null {
  if (isBlank(value)) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new Error(`${what} needs text, got ${describeValue(value)}`);
}

/** A date in a `DD/MM/YYYY`-style format (tokens YYYY, MM, DD; M and D allow one digit). */
function dateWithFormat(value: unknown, format: string): string | null {
  const text = scalarText(value, 'date')?.trim();
  if (text === undefined || text === null) return null;
  const escaped = format.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const source = escaped
    .replace('YYYY', '(?<y>\\d{4})')
    .replace(/MM?/, '(?<m>\\d{1,2})')
    .replace(/DD?/, '(?<d>\\d{1,2})');
  const groups = new RegExp(`^${source}$`).exec(text)?.groups;
  if (groups === undefined)
    throw new Error(`${describeValue(text)} does not match date format '${format}'`);
  const iso = `${groups.y}-${groups.m.padStart(2, '0')}-${groups.d.padStart(2, '0')}`;
  return parseOptionalDate(iso);
}

function regexExtract(t: Extract<Transform, { kind: 'regex' }>, value: unknown): string | null {
  const text = scalarText(value, 'regex');
  if (text === null) return null;
  const m = t.re.exec(text);
  if (m === null) return null;
  const group = typeof t.group === 'number' ? m[t.group] : m.groups?.[t.group];
  return group ?? null;
}

function mapValue(t: Extract<Transform, { kind: 'map' }>, value: unknown): unknown {
  const text = scalarText(value, 'map');
  if (text === null) return null;
  const key = t.caseInsensitive ? text.trim().toLowerCase() : text;
  if (t.values.has(key)) return t.values.get(key);
  return t.fallback === null ? value : t.fallback.value;
}

function numeric(value: unknown, fn: (n: number) => number): number | null {
  const n = toNumber(value);
  return n === null ? null : fn(n);
}

/** Applies one transform. `record` is the whole vendor record, for source-taking transforms. */
export function applyTransform(t: Transform, value: unknown, record: unknown): unknown {
  switch (t.kind) {
    case 'trim':
      return eachString(value, (s) => s.trim());
    case 'upper':
      return eachString(value, (s) => s.toUpperCase());
    case 'lower':
      return eachString(value, (s) => s.toLowerCase());
    case 'date':
      return t.format === null ? parseOptionalDate(value) : dateWithFormat(value, t.format);
    case 'instant':
      return parseOptionalInstant(value);
    case 'number':
      return toNumber(value);
    case 'bytesToGb':
      return numeric(value, (n) => round2(n / GIB));
    case 'mbToGb':
      return numeric(value, (n) => round2(n / 1024));
    case 'divide':
      return numeric(value, (n) => n / t.by);
    case 'multiply':
      return numeric(value, (n) => n * t.by);
    case 'regex':
      return regexExtract(t, value);
    case 'map':
      return mapValue(t, value);
    default:
      return applyStructural(t, value, record);
  }
}

function applyStructural(t: Transform, value: unknown, record: unknown): unknown {
  switch (t.kind) {
    case 'concat': {
      const parts = t.sources.map((s) => readPath(record, s.segments)).filter((v) => !isBlank(v));
      return parts.length === 0
        ? null
        : parts.map((p) => scalarText(p, 'concat')).join(t.separator);
    }
    case 'firstNonEmpty':
      if (!isBlank(value)) return value;
      return t.sources.map((s) => readPath(record, s.segments)).find((v) => !isBlank(v)) ?? null;
    case 'split': {
      if (Array.isArray(value)) return value;
      const text = scalarText(value, 'split');
      if (text === null) return null;
      return text
        .split(t.separator)
        .map((s) => s.trim())
        .filter((s) => s !== '');
    }
    case 'join':
      return Array.isArray(value)
        ? value.map((v) => scalarText(v, 'join')).join(t.separator)
        : value;
    case 'default':
      return isBlank(value) ? t.value : value;
    default:
      throw new Error(`transform '${t.kind}' is not handled`);
  }
}

/** Applies transforms in order, starting from `value`. */
export function applyTransforms(
  transforms: readonly Transform[],
  value: unknown,
  record: unknown,
): unknown {
  return transforms.reduce((v, t) => applyTransform(t, v, record), value);
}

function invertMap(t: Extract<Transform, { kind: 'map' }>): Transform | string {
  const inverse = new Map<string, string | null>();
  for (const [key, value] of t.values) {
    if (value === null) continue;
    const invKey = t.caseInsensitive ? value.trim().toLowerCase() : value;
    const earlier = inverse.get(invKey);
    if (earlier !== undefined) {
      return `map is ambiguous backwards ('${value}' comes from '${earlier}' and '${key}')`;
    }
    inverse.set(invKey, key);
  }
  return { kind: 'map', values: inverse, fallback: null, caseInsensitive: t.caseInsensitive };
}

function invertOne(t: Transform): Transform | null | string {
  switch (t.kind) {
    case 'bytesToGb':
      return { kind: 'multiply', by: GIB };
    case 'mbToGb':
      return { kind: 'multiply', by: 1024 };
    case 'divide':
      return { kind: 'multiply', by: t.by };
    case 'multiply':
      return { kind: 'divide', by: t.by };
    case 'split':
      return { kind: 'join', separator: t.separator };
    case 'join':
      return { kind: 'split', separator: t.separator };
    case 'map':
      return invertMap(t);
    case 'regex':
    case 'concat':
      return `transform '${t.kind}' cannot be reversed`;
    default:
      return null;
  }
}

/**
 * The transforms that turn a core value back into a vendor value, or a message saying why they
 * cannot be derived. Normalising steps (trim, case, date, number, defaults) are left out: the core
 * value is already in canonical form.
 */
export function invertTransforms(transforms: readonly Transform[]): Transform[] | string {
  const out: Transform[] = [];
  for (const t of [...transforms].reverse()) {
    const inverse = invertOne(t);
    if (typeof inverse === 'string') return inverse;
    if (inverse !== null) out.push(inverse);
  }
  return out;
}

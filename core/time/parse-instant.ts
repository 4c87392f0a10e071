import { AssetbridgeError } from '../errors';

/**
 * Vendor timestamps to UTC instants, without locale-dependent parsing (`new Date(text)` is never
 * called on free text). Accepted inputs:
 *
 * - ISO-8601 / RFC 3339 date-times `YYYY-MM-DDTHH:mm[:ss[.f]]` with 0 to 9 fraction digits (a `,`
 *   decimal mark is accepted too; digits beyond milliseconds are truncated, never rounded) and a
 *   zone `Z`, `+hh:mm`, `+hhmm` or `+hh` (either sign). `T` and `Z` may be lower case.
 * - The same with a space instead of `T` (ServiceNow `YYYY-MM-DD HH:mm:ss`).
 * - A date-time without a zone is read as UTC (ServiceNow sends UTC without a zone); the machine's
 *   local time zone is never used.
 * - Date-only `YYYY-MM-DD`: midnight UTC.
 * - Epoch values as an integer number or a digit string: 13 digits are milliseconds, 10 digits are
 *   seconds. Other lengths are rejected as ambiguous (both forms cover 2001-09-09 to 2286-11-20).
 * - A valid `Date` object.
 *
 * Calendar dates are checked (February 30 is rejected), hours run 00 to 23, no leap seconds.
 *
 * "No value" sentinels: .NET `DateTime.MinValue` (exactly `0001-01-01T00:00:00Z`, as Microsoft
 * Graph sends for a never-set date) and `DateTime.MaxValue` (any instant from
 * `9999-12-31T23:59:59Z` on), and the dates `0001-01-01` and `9999-12-31`, mean that the vendor has
 * no value. `tryParseInstant` and the `parseOptional*` functions return null for them;
 * `parseInstant` and `parseDate` reject them, because they must return a real value.
 */

const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

const MS_PER_MINUTE = 60_000;

/** Milliseconds since the epoch for a UTC calendar time; works for years 0..99 too. */
function utcMs(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number) {
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, ms);
  return date.getTime();
}

const MIN_SENTINEL_MS = utcMs(1, 1, 1, 0, 0, 0, 0);
const MAX_SENTINEL_MS = utcMs(9999, 12, 31, 23, 59, 59, 0);

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function validDate(y: number, mo: number, d: number): boolean {
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

function describe(value: unknown): string {
  if (typeof value === 'string') {
    const cut = value.length > 80 ? `${value.slice(0, 80)}…` : value;
    return `'${cut}'`;
  }
  if (value instanceof Date) return 'an invalid Date';
  if (value === null || value === undefined) return String(value);
  return typeof value === 'object'
    ? `a ${Array.isArray(value) ? 'list' : 'object'}`
    : String(value);
}

function invalid(value: unknown, why: string): AssetbridgeError {
  return new AssetbridgeError('TIMESTAMP_INVALID', `timestamp ${describe(value)} ${why}`, {
    details: { value: typeof value === 'string' ? value.slice(0, 200) : String(value) },
  });
}

/** Minutes east of UTC for a zone designator; null when out of range. */
function offsetMinutes(zone: string): number | null {
  if (zone === 'Z' || zone === 'z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 23 || minutes > 59) return null;
  return sign * (hours * 60 + minutes);
}

/** Parsed epoch milliseconds, or an error message. */
function epochFromDigits(digits: string): number | string {
  if (digits.length === 13) return Number(digits);
  if (digits.length === 10) return Number(digits) * 1000;
  return 'is an epoch value with neither 10 digits (seconds) nor 13 digits (milliseconds)';
}

function msFromIsoMatch(m: RegExpExecArray): number | string {
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!validDate(y, mo, d)) return 'is not a calendar date';
  if (m[4] === undefined) return utcMs(y, mo, d, 0, 0, 0, 0);
  const [h, mi, s] = [Number(m[4]), Number(m[5]), Number(m[6] ?? '0')];
  if (h > 23 || mi > 59 || s > 59) return 'has a time of day out of range';
  const ms = Number((m[7] ?? '').slice(0, 3).padEnd(3, '0'));
  const offset = m[8] === undefined ? 0 : offsetMinutes(m[8]);
  if (offset === null) return 'has a UTC offset out of range';
  return utcMs(y, mo, d, h, mi, s, ms) - offset * MS_PER_MINUTE;
}

/** Epoch milliseconds for a supported value, or an error message. Blank is an error here. */
function toEpochMs(value: unknown): number | string {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? 'is not a date' : value.getTime();
  }
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) return 'is not a whole non-negative epoch value';
    return epochFromDigits(String(value));
  }
  if (typeof value !== 'string') return 'is not a string, number or Date';
  const text = value.trim();
  if (text === '') return 'is empty';
  if (/^\d+$/.test(text)) return epochFromDigits(text);
  const m = ISO_RE.exec(text);
  if (m === null) {
    return 'is not ISO-8601 (YYYY-MM-DD, YYYY-MM-DDTHH:mm:ss[.fff][Z|±hh:mm]) or epoch';
  }
  return msFromIsoMatch(m);
}

function isSentinelMs(ms: number): boolean {
  return ms === MIN_SENTINEL_MS || ms >= MAX_SENTINEL_MS;
}

function isoFromMs(value: unknown, ms: number): string {
  const iso = new Date(ms).toISOString();
  if (!/^\d{4}-/.test(iso)) throw invalid(value, 'is outside the years 0000 to 9999');
  return iso;
}

function isBlank(value: unknown): boolean {
  return (
    value === null || value === undefined || (typeof value === 'string' && value.trim() === '')
  );
}

/**
 * The UTC instant of a vendor timestamp in `toISOString` form (`2026-01-02T03:04:05.123Z`).
 * Throws AssetbridgeError TIMESTAMP_INVALID naming the value when it cannot be parsed or is a
 * "no value" sentinel.
 */
export function parseInstant(value: unknown): string {
  const ms = toEpochMs(value);
  if (typeof ms === 'string') throw invalid(value, ms);
  if (isSentinelMs(ms)) throw invalid(value, 'is a "no value" sentinel, not a real time');
  return isoFromMs(value, ms);
}

/** Like `parseInstant`, but null for blank values and sentinels; still throws when invalid. */
export function parseOptionalInstant(value: unknown): string | null {
  if (isBlank(value)) return null;
  const ms = toEpochMs(value);
  if (typeof ms === 'string') throw invalid(value, ms);
  return isSentinelMs(ms) ? null : isoFromMs(value, ms);
}

/** The instant, or null when the value is blank, a sentinel or not a timestamp. */
export function tryParseInstant(value: unknown): string | null {
  try {
    return parseOptionalInstant(value);
  } catch {
    return null;
  }
}

const DATE_ONLY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A calendar date `YYYY-MM-DD`: a date-only value as written (after checking it), or the UTC
 * date of any instant `parseInstant` accepts. Throws TIMESTAMP_INVALID otherwise.
 */
export function parseDate(value: unknown): string {
  const date = parseOptionalDate(value);
  if (date === null) {
    throw invalid(value, isBlank(value) ? 'is empty' : 'is a "no value" sentinel, not a date');
  }
  return date;
}

/** Like `parseDate`, but null for blank values and sentinels (`0001-01-01`, `9999-12-31`). */
export function parseOptionalDate(value: unknown): string | null {
  if (isBlank(value)) return null;
  const text = typeof value === 'string' ? value.trim() : null;
  const m = text === null ? null : DATE_ONLY_RE.exec(text);
  if (m !== null && text !== null) {
    if (!validDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
      throw invalid(value, 'is not a calendar date');
    }
    return text === '0001-01-01' || text === '9999-12-31' ? null : text;
  }
  const instant = parseOptionalInstant(value);
  return instant === null ? null : instant.slice(0, 10);
}

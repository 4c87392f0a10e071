/** Reset values below this are seconds from now; above, seconds since the epoch. (~2001-09-09) */
const EPOCH_SECONDS_FLOOR = 1e9;
/** Above this a reset value is milliseconds since the epoch. */
const EPOCH_MILLIS_FLOOR = 1e12;

/** `Retry-After`: delay in seconds or an HTTP date. Milliseconds to wait, or null if unusable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | null {
  if (value === undefined) return null;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  return untilDate(text, nowMs);
}

/**
 * A rate-limit reset header (`X-RateLimit-Reset`, `RateLimit-Reset`): a number is epoch seconds
 * or seconds from now, decided by its size (epoch milliseconds when very large); otherwise a date
 * (Jira sends ISO-8601 like `2026-01-01T00:01Z`). Milliseconds to wait, or null if unusable.
 */
export function parseResetHeader(value: string | undefined, nowMs: number): number | null {
  if (value === undefined) return null;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) {
    const n = Number(text);
    if (n >= EPOCH_MILLIS_FLOOR) return Math.round(n - nowMs);
    if (n >= EPOCH_SECONDS_FLOOR) return Math.round(n * 1000 - nowMs);
    return Math.round(n * 1000);
  }
  return untilDate(text, nowMs);
}

function untilDate(text: string, nowMs: number): number | null {
  if (!/[a-z]/i.test(text)) return null;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : at - nowMs;
}

/**
 * How long the vendor asks us to wait, from `Retry-After`, then `X-RateLimit-Reset`, then
 * `RateLimit-Reset` (headers with lower-case names). Null when none gives a positive wait, so
 * the caller falls back to backoff (a date already past, e.g. through clock skew, counts as none).
 */
export function vendorWaitMs(
  headers: Readonly<Record<string, string>>,
  nowMs: number,
): number | null {
  const candidates = [
    parseRetryAfter(headers['retry-after'], nowMs),
    parseResetHeader(headers['x-ratelimit-reset'], nowMs),
    parseResetHeader(headers['ratelimit-reset'], nowMs),
  ];
  for (const wait of candidates) {
    if (wait !== null && wait > 0) return wait;
  }
  return null;
}

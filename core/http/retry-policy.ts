import type { ErrorCode } from '../errors';
import { vendorWaitMs } from './retry-after';

export interface RetryPolicyOptions {
  /** Requests sent at most for one call, the first included (default 5). */
  maxAttempts?: number;
  /** Backoff before the first retry, before jitter (default 500 ms). */
  baseDelayMs?: number;
  /** Largest backoff, before jitter (default 30 s). */
  maxDelayMs?: number;
  /** Longest wait a vendor may ask for (`Retry-After`, reset headers); beyond it fail (120 s). */
  maxWaitMs?: number;
  /** Uniform random number in [0, 1); injected so that tests are repeatable. */
  random?: () => number;
}

/** What happened on one attempt that did not give an answer. */
export type AttemptFailure =
  | { kind: 'status'; status: number; headers: Readonly<Record<string, string>> }
  /** The request was never sent (connection refused, DNS retry), so any method may be resent. */
  | { kind: 'not-sent'; reason: string }
  /** The request may have reached the vendor (reset, timeout, truncated body). */
  | { kind: 'maybe-sent'; reason: string }
  /** Retrying cannot help (host not found, bad TLS, ...). */
  | { kind: 'fatal'; reason: string };

export type RetryDecision =
  | { retry: true; delayMs: number; reason: string; fromVendor: boolean }
  | { retry: false; code: ErrorCode; retryable: boolean; reason: string };

/** Statuses worth another try: too many requests and the gateway/availability family. */
const TRANSIENT_STATUS = new Set([429, 502, 503, 504, 500]);
/** Statuses that say the vendor did not process the request, so even a POST may be resent. */
const NOT_PROCESSED_STATUS = new Set([429, 503]);

/**
 * Bounded retries: full-jitter exponential backoff, vendor waits honoured up to a maximum, and
 * no blind resend of a non-idempotent request that may have reached the vendor.
 */
export class RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxWaitMs: number;
  private readonly random: () => number;

  constructor(options: RetryPolicyOptions = {}) {
    this.maxAttempts = options.maxAttempts ?? 5;
    this.baseDelayMs = options.baseDelayMs ?? 500;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
    this.maxWaitMs = options.maxWaitMs ?? 120_000;
    this.random = options.random ?? Math.random;
    if (!Number.isInteger(this.maxAttempts) || this.maxAttempts < 1) {
      throw new RangeError(
        `RetryPolicy: maxAttempts must be an integer >= 1, got ${this.maxAttempts}`,
      );
    }
  }

  /** Backoff before retry number `retry` (1 = first retry): random in [0, min(cap, base·2^(n-1))). */
  backoffMs(retry: number): number {
    const ceiling = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** Math.max(0, retry - 1));
    return Math.floor(this.random() * ceiling);
  }

  /** What to do after attempt number `attempt` (1-based) failed. */
  decide(
    failure: AttemptFailure,
    attempt: number,
    idempotent: boolean,
    nowMs: number,
  ): RetryDecision {
    const reason = failure.kind === 'status' ? `HTTP ${failure.status}` : failure.reason;
    const verdict = classify(failure, idempotent);
    if (verdict !== 'retry') return { retry: false, code: verdict, retryable: false, reason };
    const vendorWait =
      failure.kind === 'status' && (failure.status === 429 || failure.status === 503)
        ? vendorWaitMs(failure.headers, nowMs)
        : null;
    if (vendorWait !== null && vendorWait > this.maxWaitMs) {
      const why = `${reason}, vendor asks to wait ${Math.ceil(vendorWait / 1000)} s (over the ${this.maxWaitMs / 1000} s allowed)`;
      return { retry: false, code: 'RATE_LIMITED', retryable: true, reason: why };
    }
    if (attempt >= this.maxAttempts) {
      return { retry: false, code: 'RETRIES_EXHAUSTED', retryable: true, reason };
    }
    if (vendorWait !== null) return { retry: true, delayMs: vendorWait, reason, fromVendor: true };
    return { retry: true, delayMs: this.backoffMs(attempt), reason, fromVendor: false };
  }
}

type Verdict = 'retry' | ErrorCode;

function classify(failure: AttemptFailure, idempotent: boolean): Verdict {
  switch (failure.kind) {
    case 'not-sent':
      return 'retry';
    case 'fatal':
      return 'VENDOR_UNREACHABLE';
    case 'maybe-sent':
      return idempotent ? 'retry' : 'WRITE_OUTCOME_UNKNOWN';
    case 'status':
      if (!TRANSIENT_STATUS.has(failure.status)) return 'VENDOR_HTTP';
      if (idempotent || NOT_PROCESSED_STATUS.has(failure.status)) return 'retry';
      return 'WRITE_OUTCOME_UNKNOWN';
  }
}

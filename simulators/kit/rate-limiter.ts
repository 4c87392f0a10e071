/**
 * A fixed-window request counter per key, as vendors such as ServiceNow and Jamf apply them: at
 * most `limit` requests per aligned window of `windowMs`; the window resets at its end.
 */
export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Epoch milliseconds at which the current window ends. */
  resetAtMs: number;
  /** Whole seconds until the window ends (at least 1). */
  retryAfterSeconds: number;
}

export interface FixedWindowLimiterOptions {
  limit: number;
  windowMs: number;
  now?: () => number;
}

export class FixedWindowLimiter {
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly now: () => number;
  private readonly windows = new Map<string, { start: number; used: number }>();

  constructor(opts: FixedWindowLimiterOptions) {
    if (!Number.isInteger(opts.limit) || opts.limit < 0) {
      throw new Error(
        `FixedWindowLimiter: limit must be a non-negative integer, got ${opts.limit}`,
      );
    }
    if (!(opts.windowMs > 0)) {
      throw new Error(`FixedWindowLimiter: windowMs must be positive, got ${opts.windowMs}`);
    }
    this.limit = opts.limit;
    this.windowMs = opts.windowMs;
    this.now = opts.now ?? Date.now;
  }

  /** Counts one request for `key` and says whether it is allowed. */
  take(key: string): RateDecision {
    const now = this.now();
    const start = Math.floor(now / this.windowMs) * this.windowMs;
    let window = this.windows.get(key);
    if (!window || window.start !== start) {
      window = { start, used: 0 };
      this.windows.set(key, window);
      if (this.windows.size > 10_000) this.forgetOldWindows(start);
    }
    const allowed = window.used < this.limit;
    if (allowed) window.used += 1;
    const resetAtMs = start + this.windowMs;
    return {
      allowed,
      limit: this.limit,
      remaining: Math.max(0, this.limit - window.used),
      resetAtMs,
      retryAfterSeconds: Math.max(1, Math.ceil((resetAtMs - now) / 1000)),
    };
  }

  /** Forgets all counts (for `/_sim/reset`). */
  reset(): void {
    this.windows.clear();
  }

  private forgetOldWindows(currentStart: number): void {
    for (const [key, window] of this.windows) {
      if (window.start !== currentStart) this.windows.delete(key);
    }
  }
}

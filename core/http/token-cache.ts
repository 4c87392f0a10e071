import type { Clock } from './http-client';

/** An access token and when it stops working (milliseconds since the epoch). */
export interface ExpiringToken {
  token: string;
  expiresAt: number;
}

/**
 * Caches one token: fetched on first use, fetched again `skewMs` before it expires (at most half
 * its lifetime early, so that short-lived tokens are still reused) and after `invalidate()`.
 * Concurrent callers share one in-flight fetch; a failed fetch is not cached.
 */
export class TokenCache {
  private current: { token: string; refreshAt: number } | null = null;
  private inflight: Promise<string> | null = null;

  constructor(
    private readonly fetchToken: () => Promise<ExpiringToken>,
    private readonly clock: Clock,
    private readonly skewMs: number,
  ) {}

  async get(): Promise<string> {
    if (this.current !== null && this.clock.now() < this.current.refreshAt) {
      return this.current.token;
    }
    return this.refresh();
  }

  /** Drops the cached token; the next `get()` fetches a new one. */
  invalidate(): void {
    this.current = null;
  }

  private refresh(): Promise<string> {
    if (this.inflight !== null) return this.inflight;
    const started = this.clock.now();
    const fetching = this.fetchToken()
      .then(({ token, expiresAt }) => {
        const lifetime = Math.max(0, expiresAt - started);
        this.current = { token, refreshAt: expiresAt - Math.min(this.skewMs, lifetime / 2) };
        return token;
      })
      .finally(() => {
        this.inflight = null;
      });
    this.inflight = fetching;
    return fetching;
  }
}

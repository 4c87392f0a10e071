/** `2xx` .. `5xx`, or `error` when no response came. */
export type StatusClass = '1xx' | '2xx' | '3xx' | '4xx' | '5xx' | 'error';

export function statusClassOf(status: number | null): StatusClass {
  if (status === null || status < 100 || status > 599) return 'error';
  return `${Math.floor(status / 100)}xx` as StatusClass;
}

export interface RequestCount {
  system: string;
  method: string;
  statusClass: StatusClass;
  count: number;
}

export interface RetryCount {
  system: string;
  /** `HTTP 429`, `ECONNRESET`, ... */
  reason: string;
  count: number;
}

export interface RequestStatsListener {
  request(system: string, method: string, status: number | null): void;
  retry(system: string, reason: string): void;
}

export interface RequestStatsSnapshot {
  /** Every request sent (each attempt counts), by system, method and status class. */
  requests: RequestCount[];
  /** Every retry scheduled, by system and reason. */
  retries: RetryCount[];
}

/**
 * Counters of outbound requests, shared by the clients of a run. The sync run stores a snapshot;
 * the runtime exports it as metrics.
 */
export class RequestStats {
  private readonly requests = new Map<string, RequestCount>();
  private readonly retries = new Map<string, RetryCount>();
  private readonly listeners: RequestStatsListener[] = [];

  /** Also tells `listener` of every request and retry (the runtime's Prometheus counters). */
  listen(listener: RequestStatsListener): void {
    this.listeners.push(listener);
  }

  recordRequest(system: string, method: string, status: number | null): void {
    const statusClass = statusClassOf(status);
    const key = JSON.stringify([system, method, statusClass]);
    const entry = this.requests.get(key) ?? { system, method, statusClass, count: 0 };
    entry.count += 1;
    this.requests.set(key, entry);
    for (const l of this.listeners) l.request(system, method, status);
  }

  recordRetry(system: string, reason: string): void {
    const key = JSON.stringify([system, reason]);
    const entry = this.retries.get(key) ?? { system, reason, count: 0 };
    entry.count += 1;
    this.retries.set(key, entry);
    for (const l of this.listeners) l.retry(system, reason);
  }

  /** A copy of the counters, sorted, safe to store or serialise. */
  snapshot(): RequestStatsSnapshot {
    const byKey = <T extends object>(m: Map<string, T>): T[] =>
      [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => ({ ...v }));
    return { requests: byKey(this.requests), retries: byKey(this.retries) };
  }

  /** Total requests sent to a system (or to all systems). */
  total(system?: string): number {
    let sum = 0;
    for (const e of this.requests.values())
      if (system === undefined || e.system === system) sum += e.count;
    return sum;
  }
}

/** What was counted between two snapshots of the same counters (entries that grew). */
export function requestStatsSince(
  after: RequestStatsSnapshot,
  before: RequestStatsSnapshot,
): RequestStatsSnapshot {
  const keyOf = (e: object) => JSON.stringify({ ...e, count: 0 });
  const since = <T extends { count: number }>(now: T[], then: T[]): T[] => {
    const old = new Map(then.map((e) => [keyOf(e), e.count]));
    return now
      .map((e) => ({ ...e, count: e.count - (old.get(keyOf(e)) ?? 0) }))
      .filter((e) => e.count > 0);
  };
  return {
    requests: since(after.requests, before.requests),
    retries: since(after.retries, before.retries),
  };
}

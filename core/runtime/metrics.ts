import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { InboxDepth } from './inbox-types';

/** Webhook rejections, by a fixed set of reasons (label values must stay few). */
export type RejectReason = 'unverified' | 'stale' | 'malformed' | 'too_large' | 'bad_request';

/** What the sync engine reports; `RuntimeMetrics` implements it. */
export interface SyncMetrics {
  /** One finished run: `kind` is the run kind (`incremental`, `full`, `webhook`, `import`). */
  recordRun(kind: string, status: string): void;
  /** Record outcomes of one batch, e.g. `{ created: 3, unchanged: 40 }`. */
  recordOutcomes(connector: string, outcomes: Readonly<Record<string, number>>): void;
  /** Requests to a vendor system; `status` is the HTTP status, or `error` when none came back. */
  recordRequests(system: string, method: string, status: number | 'error', count?: number): void;
  recordRetry(system: string, count?: number): void;
}

export interface RuntimeMetricsOptions {
  /** Also export Node.js process metrics (CPU, memory, event loop). Off by default. */
  processMetrics?: boolean;
}

/**
 * The runtime's Prometheus metrics in their own registry (never prom-client's global one, so
 * tests and several runtimes in one process do not collide). `/metrics` serves `text()`.
 */
export class RuntimeMetrics implements SyncMetrics {
  readonly registry = new Registry();
  private readonly runs: Counter<'kind' | 'status'>;
  private readonly records: Counter<'connector' | 'outcome'>;
  private readonly requests: Counter<'system' | 'method' | 'status'>;
  private readonly retries: Counter<'system'>;
  private readonly rejected: Counter<'connector' | 'reason'>;
  private readonly accepted: Counter<'connector'>;
  private readonly duplicates: Counter<'connector'>;
  private readonly processed: Counter<'connector' | 'outcome'>;
  private readonly ackSeconds: Histogram<'connector'>;
  private inboxDepthSource: (() => Promise<InboxDepth>) | null = null;

  constructor(options: RuntimeMetricsOptions = {}) {
    const registers = [this.registry];
    this.runs = new Counter({
      name: 'assetbridge_runs_total',
      help: 'Sync runs by kind and final status (skipped: a schedule fired during a run)',
      labelNames: ['kind', 'status'],
      registers,
    });
    this.records = new Counter({
      name: 'assetbridge_records_total',
      help: 'Records handled by connector and outcome (created, updated, unchanged, ...)',
      labelNames: ['connector', 'outcome'],
      registers,
    });
    this.requests = new Counter({
      name: 'assetbridge_http_requests_total',
      help: 'Requests to vendor systems by system, method and status',
      labelNames: ['system', 'method', 'status'],
      registers,
    });
    this.retries = new Counter({
      name: 'assetbridge_http_retries_total',
      help: 'Retried requests to vendor systems',
      labelNames: ['system'],
      registers,
    });
    this.rejected = new Counter({
      name: 'assetbridge_webhooks_rejected_total',
      help: 'Webhook deliveries refused, by connector and reason',
      labelNames: ['connector', 'reason'],
      registers,
    });
    this.accepted = new Counter({
      name: 'assetbridge_webhooks_accepted_total',
      help: 'Webhook deliveries stored in the inbox',
      labelNames: ['connector'],
      registers,
    });
    this.duplicates = new Counter({
      name: 'assetbridge_webhooks_duplicate_total',
      help: 'Webhook deliveries answered as duplicates (replays); nothing stored',
      labelNames: ['connector'],
      registers,
    });
    this.processed = new Counter({
      name: 'assetbridge_webhooks_processed_total',
      help: 'Inbox processing attempts by connector and outcome (done, retry, dead, lost)',
      labelNames: ['connector', 'outcome'],
      registers,
    });
    this.ackSeconds = new Histogram({
      name: 'assetbridge_webhook_ack_seconds',
      help: 'Time from receiving a webhook body to answering it',
      labelNames: ['connector'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    });
    this.createInboxGauge();
    if (options.processMetrics === true) collectDefaultMetrics({ register: this.registry });
  }

  private createInboxGauge(): void {
    const source = (): (() => Promise<InboxDepth>) | null => this.inboxDepthSource;
    new Gauge({
      name: 'assetbridge_inbox_depth',
      help: 'Webhook inbox events by status, read from the store on each scrape',
      labelNames: ['status'],
      registers: [this.registry],
      async collect() {
        const read = source();
        if (read === null) return;
        const depth = await read();
        this.reset();
        for (const [status, n] of Object.entries(depth)) this.set({ status }, n);
      },
    });
  }

  /** Where the inbox depth gauge reads from on each scrape. */
  setInboxDepthSource(read: () => Promise<InboxDepth>): void {
    this.inboxDepthSource = read;
  }

  recordRun(kind: string, status: string): void {
    this.runs.inc({ kind, status });
  }

  recordOutcomes(connector: string, outcomes: Readonly<Record<string, number>>): void {
    for (const [outcome, n] of Object.entries(outcomes)) {
      if (n > 0) this.records.inc({ connector, outcome }, n);
    }
  }

  recordRequests(system: string, method: string, status: number | 'error', count = 1): void {
    this.requests.inc({ system, method: method.toUpperCase(), status: String(status) }, count);
  }

  recordRetry(system: string, count = 1): void {
    this.retries.inc({ system }, count);
  }

  webhookRejected(connector: string, reason: RejectReason): void {
    this.rejected.inc({ connector, reason });
  }

  webhookAccepted(connector: string, duplicate: boolean): void {
    (duplicate ? this.duplicates : this.accepted).inc({ connector });
  }

  webhookProcessed(connector: string, outcome: 'done' | 'retry' | 'dead' | 'lost'): void {
    this.processed.inc({ connector, outcome });
  }

  observeAck(connector: string, seconds: number): void {
    this.ackSeconds.observe({ connector }, seconds);
  }

  /** The Prometheus text exposition of every metric. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

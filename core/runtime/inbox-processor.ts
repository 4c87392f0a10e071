import type { Logger } from 'pino';
import type { WebhookEvent } from '../sync/connector';
import type { FailOutcome, InboxStore } from './inbox-store';
import type { ClaimedEntry } from './inbox-types';
import type { RuntimeMetrics } from './metrics';

/**
 * Handles the events of one delivery (the sync engine re-reads the records or tickets they
 * name). A throw counts as a failed attempt; the event is tried again later.
 */
export type WebhookHandler = (
  connector: string,
  events: WebhookEvent[],
  log: Logger,
) => Promise<void>;

/** The timer functions the processor uses; tests pass fakes. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface InboxProcessorOptions {
  inbox: InboxStore;
  handle: WebhookHandler;
  logger: Logger;
  clock: () => Date;
  metrics?: Pick<RuntimeMetrics, 'webhookProcessed'>;
  /** Events claimed (and handled concurrently) per round. 10 by default. */
  batchSize?: number;
  /** Wait between rounds when the inbox had nothing due. 1 s by default. */
  pollIntervalMs?: number;
  timers?: Timers;
  /** Done events are deleted after this long. 24 h by default. */
  retainDoneMs?: number;
  /** How often done events are pruned. 1 h by default. */
  pruneIntervalMs?: number;
}

/**
 * Takes due events from the inbox and hands them to the handler, with a child logger per
 * delivery. Runs in rounds: a full batch starts the next round at once, otherwise it waits the
 * poll interval (or until `wake`). `stop` waits for the round in flight. An event whose worker
 * died is taken again once its lease expires, so a crash loses nothing.
 */
export class InboxProcessor {
  private running = false;
  private timer: unknown = null;
  private current: Promise<void> | null = null;
  private again = false;
  private lastPrune = 0;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly timers: Timers;
  private readonly log: Logger;

  constructor(private readonly options: InboxProcessorOptions) {
    this.batchSize = options.batchSize ?? 10;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.timers = options.timers ?? realTimers;
    this.log = options.logger.child({ component: 'inbox' });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** Starts a round soon (a new event was stored) instead of waiting for the poll interval. */
  wake(): void {
    if (!this.running) return;
    if (this.current !== null) {
      this.again = true;
      return;
    }
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.schedule(0);
  }

  /** Stops the loop and waits for the events in hand to finish. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    await this.current;
  }

  private schedule(ms: number): void {
    if (!this.running || this.timer !== null || this.current !== null) return;
    this.timer = this.timers.setTimeout(() => this.tick(), ms);
  }

  private tick(): void {
    this.timer = null;
    this.again = false;
    let handled = 0;
    this.current = this.runOnce()
      .then((n) => {
        handled = n;
      })
      .catch((err: unknown) => this.log.error({ err }, 'inbox round failed'))
      .finally(() => {
        this.current = null;
        const busy = handled >= this.batchSize || this.again;
        this.schedule(busy ? 0 : this.pollIntervalMs);
      });
  }

  /** One round: claims up to a batch of due events and handles them; returns how many. */
  async runOnce(): Promise<number> {
    const now = this.options.clock();
    await this.maybePrune(now);
    const claimed = await this.options.inbox.claim(this.batchSize, now);
    await Promise.all(claimed.map((entry) => this.process(entry)));
    return claimed.length;
  }

  private async process(entry: ClaimedEntry): Promise<void> {
    const { inbox, handle, clock, metrics } = this.options;
    const log = this.log.child({
      connector: entry.connector,
      deliveryId: entry.deliveryId,
      inboxId: entry.id,
      attempt: entry.attempts,
    });
    let outcome: FailOutcome | 'done';
    try {
      await handle(entry.connector, entry.events, log);
      outcome = (await inbox.complete(entry, clock())) ? 'done' : 'lost';
      log.debug({ outcome }, 'webhook processed');
    } catch (err) {
      outcome = await this.failed(entry, err, log);
    }
    metrics?.webhookProcessed(entry.connector, outcome);
  }

  private async failed(entry: ClaimedEntry, err: unknown, log: Logger): Promise<FailOutcome> {
    const message = err instanceof Error ? err.message : String(err);
    try {
      const outcome = await this.options.inbox.fail(entry, message, this.options.clock());
      if (outcome === 'dead') {
        log.error({ error: message }, 'webhook failed too often; moved to the dead-letter list');
      } else {
        log.warn({ error: message, outcome }, 'webhook processing failed');
      }
      return outcome;
    } catch (storeErr) {
      log.error({ err: storeErr, error: message }, 'webhook failure could not be recorded');
      return 'lost';
    }
  }

  private async maybePrune(now: Date): Promise<void> {
    const interval = this.options.pruneIntervalMs ?? 3_600_000;
    if (now.getTime() - this.lastPrune < interval) return;
    this.lastPrune = now.getTime();
    const before = new Date(now.getTime() - (this.options.retainDoneMs ?? 86_400_000));
    const removed = await this.options.inbox.prune(before);
    if (removed > 0) this.log.debug({ removed }, 'pruned processed webhook events');
  }
}

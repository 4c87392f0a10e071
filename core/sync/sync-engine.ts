import type { Logger } from 'pino';
import { requestStatsSince, type RequestStatsSnapshot } from '../http/request-stats';
import type { AssetIngestor } from '../ingest/asset-ingestor';
import type { Mapping } from '../mapping/mapping-schema';
import type { Asset } from '../model/asset';
import type { Store } from '../store/store';
import type { Connector, WebhookEvent } from './connector';
import { AssetbridgeError } from '../errors';
import { DryRunState } from './dry-run-state';
import { InboundReader } from './inbound-reader';
import { OutboundWriter } from './outbound-writer';
import { emptyConnectorReport, type ConnectorReport, type SyncReport } from './sync-report';
import type { SyncStateStore } from './sync-state-store';
import type { SyncProgress } from './sync-progress';
import { KyselyStore } from '../store/kysely-store';
import { TicketLinker } from './ticket-linker';
import { TicketStateStore } from './ticket-state-store';

/** What the engine reports to the runtime's metrics. */
export interface EngineMetrics {
  recordRun(kind: string, status: string): void;
  recordOutcomes(connector: string, outcomes: Readonly<Record<string, number>>): void;
}

/** A configured connector instance as the engine uses it. */
export interface EngineConnector {
  connector: Connector;
  mapping: Mapping;
}

export interface SyncOptions {
  full: boolean;
  dryRun: boolean;
  /**
   * Read and store only: nothing is written to any system (no creates, updates, retirements or
   * ticket notes). A first read-only run gives the store every system's records, so that a dry
   * run after it plans exactly what a real run would do.
   */
  readOnly?: boolean;
  /** Limit the run to these instance names; all when empty. */
  only?: readonly string[];
}

export interface SyncPolicy {
  /** A complete read may mark at most this share of a connector's records missing (0..1). */
  maxMissingShare: number;
  /** A record missing from this many complete reads in a row retires its asset. */
  retireAfterMissingRuns: number;
}

export const DEFAULT_SYNC_POLICY: SyncPolicy = { maxMissingShare: 0.1, retireAfterMissingRuns: 3 };

export interface SyncEngineDeps {
  store: Store;
  state: SyncStateStore;
  ingestor: AssetIngestor;
  connectors: ReadonlyMap<string, EngineConnector>;
  logger: Logger;
  clock: () => Date;
  newRunId: () => string;
  policy?: SyncPolicy;
  progress?: SyncProgress;
  /** Prometheus counters of `serve` (runs and record outcomes); none for a one-off CLI run. */
  metrics?: EngineMetrics;
  /** Counters of the requests the connectors made; stored with the run. */
  requestStats?: { snapshot(): RequestStatsSnapshot };
  /** Links tickets to assets; built on the store's own tables when absent. */
  tickets?: TicketLinker;
}

/**
 * One sync run: for each connector that reads, read what changed (or everything), map, resolve and
 * reconcile into the store with a checkpoint after every page; then, for each connector that
 * writes, send only the fields where the core record differs from what that system last held.
 */
export class SyncEngine {
  private readonly linker: TicketLinker | null;

  constructor(private readonly deps: SyncEngineDeps) {
    const { store, clock, logger } = deps;
    this.linker =
      deps.tickets ??
      (store instanceof KyselyStore
        ? new TicketLinker({
            store,
            state: new TicketStateStore(store.kysely, clock),
            clock,
            logger,
          })
        : null);
  }

  /** The ticket linker (`assetbridge link`, backfills); null on a store without ticket tables. */
  get tickets(): TicketLinker | null {
    return this.linker;
  }

  /** Connects the runtime's metrics once `serve` has built them. */
  useMetrics(metrics: EngineMetrics): void {
    this.deps.metrics = metrics;
  }

  async run(options: SyncOptions): Promise<SyncReport> {
    const startedAt = this.deps.clock().toISOString();
    const before = this.deps.requestStats?.snapshot() ?? null;
    const runId = this.deps.newRunId();
    const log = this.deps.logger.child({ runId });
    const selected = this.select(options.only ?? []);
    if (!options.dryRun) {
      await this.deps.store.startRun({ id: runId, kind: 'sync', startedAt, summary: {} });
    }
    log.info(
      { connectors: [...selected.keys()], full: options.full, dryRun: options.dryRun },
      'sync started',
    );
    const reports = new Map<string, ConnectorReport>();
    const touched = new Map<string, Asset | null>();
    // A dry run keeps what it would have stored in memory, so that its sweep and diffs are real.
    const state = options.dryRun ? new DryRunState(this.deps.state) : this.deps.state;
    for (const [name, ec] of selected) {
      const report = emptyConnectorReport(name);
      reports.set(name, report);
      if (!ec.connector.read) continue;
      const reader = new InboundReader({
        ...this.deps,
        state,
        log,
        runId,
        name,
        ec,
        options,
        report,
      });
      await reader.run(touched);
    }
    for (const [name, ec] of selected) {
      if (!ec.connector.writer || options.readOnly) continue;
      const writer = new OutboundWriter({
        ...this.deps,
        state,
        log,
        name,
        ec,
        options,
        report: reports.get(name)!,
        runId,
      });
      await writer.run(touched, startedAt);
    }
    if (options.dryRun) await this.planTickets(selected, reports, log);
    else if (!options.readOnly) await this.readTickets(selected, reports, runId, log);
    return this.finish(
      runId,
      startedAt,
      options,
      [...reports.values()],
      log,
      kindOf(options),
      before,
    );
  }

  /**
   * Handles webhook hints of one connector: each named record is read again (a record the vendor
   * no longer has is skipped), applied like a page of a read, and the changed assets are written
   * to every connector that writes. Throws when a re-read fails, so the inbox retries the event.
   */
  async applyWebhookEvents(name: string, events: readonly WebhookEvent[]): Promise<SyncReport> {
    const ec = this.deps.connectors.get(name);
    if (!ec?.connector.webhooks)
      throw new AssetbridgeError('USAGE', `connector ${name} takes no webhooks`);
    const startedAt = this.deps.clock().toISOString();
    const before = this.deps.requestStats?.snapshot() ?? null;
    const runId = this.deps.newRunId();
    const log = this.deps.logger.child({ runId, connector: name });
    const options: SyncOptions = { full: false, dryRun: false };
    await this.deps.store.startRun({ id: runId, kind: 'webhook', startedAt, summary: {} });
    const ids = [...new Set(events.flatMap((e) => (e.kind === 'record' ? [e.externalId] : [])))];
    const ticketKeys = [
      ...new Set(events.flatMap((e) => (e.kind === 'ticket' ? [e.ticketKey] : []))),
    ];
    const records = [];
    for (const id of ids) {
      const record = await ec.connector.webhooks.fetch(id);
      if (record) records.push(record);
    }
    const reports = new Map(
      [...this.deps.connectors.keys()].map((n) => [n, emptyConnectorReport(n)]),
    );
    const touched = new Map<string, Asset | null>();
    const reader = new InboundReader({
      ...this.deps,
      log,
      runId,
      name,
      ec,
      options,
      report: reports.get(name)!,
    });
    await reader.applyRecords(records, touched);
    for (const [other, oec] of this.deps.connectors) {
      if (!oec.connector.writer || touched.size === 0) continue;
      const report = reports.get(other)!;
      const writer = new OutboundWriter({
        ...this.deps,
        log,
        name: other,
        ec: oec,
        options,
        report,
        runId,
      });
      const loaded = await this.deps.store.getAssets([...touched.keys()]);
      await writer.writeAssets([...loaded.values()].map((s) => s.asset));
    }
    if (ticketKeys.length > 0) {
      const tickets = ec.connector.tickets;
      if (!tickets || !this.linker) {
        throw new AssetbridgeError('USAGE', `connector ${name} does not handle tickets`);
      }
      const summary = reports.get(name)!.tickets;
      for (const key of ticketKeys) {
        summary.read++;
        const outcome = await this.linker.refresh(name, tickets, key, runId);
        summary.linked += outcome.linked.length;
        summary.unlinked += outcome.unlinked.length;
        if (outcome.contextPosted) summary.notes++;
      }
    }
    return this.finish(runId, startedAt, options, [...reports.values()], log, 'webhook', before);
  }

  /** After reads and writes: tickets changed since the ticket watermark of each connector. */
  private async readTickets(
    selected: ReadonlyMap<string, EngineConnector>,
    reports: Map<string, ConnectorReport>,
    runId: string,
    log: Logger,
  ): Promise<void> {
    if (!this.linker) return;
    for (const [name, ec] of selected) {
      const tickets = ec.connector.tickets;
      if (!tickets?.changedTickets) continue;
      const report = reports.get(name)!;
      try {
        report.tickets = await this.linker.syncChanged(name, tickets, runId);
      } catch (err) {
        report.error = `ticket read failed: ${err instanceof Error ? err.message : String(err)}`;
        log.error({ err, connector: name }, 'ticket read failed');
      }
    }
  }

  /** A dry run's plan of the ticket links the ticket read would make and remove. */
  private async planTickets(
    selected: ReadonlyMap<string, EngineConnector>,
    reports: Map<string, ConnectorReport>,
    log: Logger,
  ): Promise<void> {
    if (!this.linker) return;
    for (const [name, ec] of selected) {
      const tickets = ec.connector.tickets;
      if (!tickets?.changedTickets) continue;
      const report = reports.get(name)!;
      try {
        for (const t of await this.linker.planChanged(name, tickets)) {
          for (const [action, ids] of [
            ['link', t.linked],
            ['unlink', t.unlinked],
          ] as const) {
            for (const assetId of ids) {
              report.plan.push({ action, assetId, externalId: null, fields: [], ticketKey: t.key });
            }
          }
        }
      } catch (err) {
        report.error = `ticket read failed: ${err instanceof Error ? err.message : String(err)}`;
        log.error({ err, connector: name }, 'ticket read failed');
      }
    }
  }

  private select(only: readonly string[]): Map<string, EngineConnector> {
    const out = new Map<string, EngineConnector>();
    for (const [name, ec] of this.deps.connectors) {
      if (only.length === 0 || only.includes(name)) out.set(name, ec);
    }
    return out;
  }

  private async finish(
    runId: string,
    startedAt: string,
    options: SyncOptions,
    connectors: ConnectorReport[],
    log: Logger,
    kind: RunMetricKind,
    /** The request counters when the run started: the run stores what it added to them. */
    before: RequestStatsSnapshot | null,
  ): Promise<SyncReport> {
    const endedAt = this.deps.clock().toISOString();
    const someFailed = connectors.some(
      (c) =>
        c.error !== null ||
        c.failures.length > 0 ||
        c.tickets.failed > 0 ||
        c.missing.stopped !== null ||
        c.read.outcomes.rejected + c.read.outcomes.conflict > 0,
    );
    const report: SyncReport = {
      runId,
      dryRun: options.dryRun,
      readOnly: options.readOnly === true,
      startedAt,
      endedAt,
      connectors,
      someFailed,
    };
    if (!options.dryRun) {
      const status = connectors.some((c) => c.error !== null)
        ? 'partial'
        : someFailed
          ? 'partial'
          : 'ok';
      const after = this.deps.requestStats?.snapshot() ?? null;
      const requests = after && before ? requestStatsSince(after, before) : after;
      await this.deps.store.finishRun(runId, status, endedAt, { ...summaryOf(report), requests });
    }
    if (!options.dryRun) {
      const status = connectors.some((c) => c.error !== null) || someFailed ? 'partial' : 'ok';
      this.deps.metrics?.recordRun(kind, status);
      for (const c of connectors) this.deps.metrics?.recordOutcomes(c.connector, c.read.outcomes);
    }
    log.info({ someFailed }, 'sync finished');
    return report;
  }
}

/** How the metrics label a run: a scheduled or CLI sync by its mode, or a webhook delivery. */
export type RunMetricKind = 'full' | 'incremental' | 'webhook';

function kindOf(options: SyncOptions): RunMetricKind {
  return options.full ? 'full' : 'incremental';
}

/** Failures kept with a stored run, per connector; the count is always complete. */
export const STORED_FAILURES = 100;

function summaryOf(report: SyncReport): Record<string, unknown> {
  return {
    connectors: Object.fromEntries(
      report.connectors.map((c) => [
        c.connector,
        {
          read: c.read,
          missing: c.missing,
          writes: c.writes,
          tickets: { ...c.tickets, failures: c.tickets.failures.slice(0, STORED_FAILURES) },
          failures: c.failures.length,
          /** The first failures with the vendor's error message. */
          failureList: c.failures.slice(0, STORED_FAILURES),
          error: c.error,
        },
      ]),
    ),
  };
}

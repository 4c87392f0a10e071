import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import type { KyselyStore } from '../store/kysely-store';
import type { Connector } from '../sync/connector';
import { errorHandler, notFound } from './http-errors';
import { InboxProcessor, type Timers, type WebhookHandler } from './inbox-processor';
import { InboxStore, type InboxStoreOptions } from './inbox-store';
import type { JobLock } from './job-lock';
import { RuntimeMetrics } from './metrics';
import { createReadApi } from './read-api';
import { storeReadiness, type Readiness } from './readiness';
import {
  planJobs,
  Scheduler,
  type CronFactory,
  type JobRunner,
  type SchedulableConnector,
} from './scheduler';
import { createWebhookRouter } from './webhook-receiver';

/** Tuning; every field has a default. */
export interface RuntimeOptions {
  /** Largest webhook body (bytes or `1mb`). */
  bodyLimit?: number | string;
  /** Allowed distance between a webhook's sent time and the receiver's clock, in ms. */
  toleranceMs?: number;
  inbox?: InboxStoreOptions;
  processor?: {
    batchSize?: number;
    pollIntervalMs?: number;
    timers?: Timers;
    retainDoneMs?: number;
  };
  /** Export Node.js process metrics on /metrics too. */
  processMetrics?: boolean;
  cronFactory?: CronFactory;
  jobLock?: JobLock;
  readiness?: () => Promise<Readiness>;
}

export interface RuntimeDeps {
  store: KyselyStore;
  /** Connector instances by name; those with `webhooks` get `POST /webhooks/<name>`. */
  connectors: ReadonlyMap<string, Connector>;
  /** Processes the events of one stored webhook delivery (the sync engine). */
  handle: WebhookHandler;
  /** Runs one scheduled sync (the sync engine). */
  runJob: JobRunner;
  /** Connector configs whose `schedule` blocks drive the scheduler. */
  schedules: readonly SchedulableConnector[];
  logger: Logger;
  clock?: () => Date;
  /** Bearer token of the read API; null switches it off. */
  apiToken: string | null;
  options?: RuntimeOptions;
}

export interface Runtime {
  app: Express;
  metrics: RuntimeMetrics;
  inbox: InboxStore;
  processor: InboxProcessor;
  scheduler: Scheduler;
  /** Listens (127.0.0.1 unless told otherwise) and starts the processor and the schedules. */
  start(port: number, host?: string): Promise<{ url: string }>;
  /** Stops listening, the schedules and the processor, waiting for work in hand. */
  stop(): Promise<void>;
}

/**
 * The `assetbridge serve` runtime: `/healthz`, `/readyz`, `/metrics`, webhook receivers, the
 * read API, the inbox processor and the scheduler. The store is the caller's to close.
 */
export function createRuntime(deps: RuntimeDeps): Runtime {
  const options = deps.options ?? {};
  const clock = deps.clock ?? (() => new Date());
  const log = deps.logger.child({ component: 'runtime' });
  const metrics = new RuntimeMetrics({ processMetrics: options.processMetrics });
  const inbox = new InboxStore(deps.store, options.inbox);
  metrics.setInboxDepthSource(() => inbox.depth());
  const processor = new InboxProcessor({
    ...options.processor,
    inbox,
    handle: deps.handle,
    logger: deps.logger,
    clock,
    metrics,
  });
  const scheduler = new Scheduler({
    jobs: planJobs(deps.schedules),
    runJob: deps.runJob,
    logger: deps.logger,
    lock: options.jobLock,
    cronFactory: options.cronFactory,
    metrics,
  });
  const app = buildApp(deps, options, { metrics, inbox, processor, clock, log });

  let server: Server | null = null;
  return {
    app,
    metrics,
    inbox,
    processor,
    scheduler,
    async start(port, host = '127.0.0.1') {
      server = await listen(app, port, host);
      processor.start();
      scheduler.start();
      const { port: bound } = server.address() as AddressInfo;
      const url = `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;
      log.info({ url, connectors: [...deps.connectors.keys()] }, 'assetbridge serving');
      return { url };
    },
    async stop() {
      const closing = server === null ? Promise.resolve() : close(server);
      server = null;
      await Promise.all([closing, scheduler.stop(), processor.stop()]);
      log.info('assetbridge stopped');
    },
  };
}

interface AppParts {
  metrics: RuntimeMetrics;
  inbox: InboxStore;
  processor: InboxProcessor;
  clock: () => Date;
  log: Logger;
}

function buildApp(deps: RuntimeDeps, options: RuntimeOptions, parts: AppParts): Express {
  const app = express();
  app.disable('x-powered-by');
  const readiness = options.readiness ?? storeReadiness(deps.store);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const state = await readiness();
    if (state.ok) res.json({ status: 'ready' });
    else res.status(503).json({ status: 'not ready', reason: state.reason });
  });
  app.get('/metrics', async (_req, res) => {
    const text = await parts.metrics.text();
    res.set('Content-Type', parts.metrics.contentType).send(text);
  });
  app.use(
    createWebhookRouter({
      connectors: deps.connectors,
      inbox: parts.inbox,
      metrics: parts.metrics,
      logger: deps.logger.child({ component: 'webhooks' }),
      clock: parts.clock,
      bodyLimit: options.bodyLimit,
      toleranceMs: options.toleranceMs,
      onAccepted: () => parts.processor.wake(),
    }),
  );
  app.use(createReadApi({ store: deps.store, apiToken: deps.apiToken }));
  app.use(notFound());
  app.use(errorHandler(parts.log));
  return app;
}

function listen(app: Express, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
    server.once('listening', () => resolve(server));
    server.once('error', (err) =>
      reject(new Error(`cannot listen on ${host}:${port}: ${err.message}`, { cause: err })),
    );
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeIdleConnections();
  });
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger, type Logger } from '../../../core/logging/logger';
import type { Timers, WebhookHandler } from '../../../core/runtime/inbox-processor';
import type { JobRunner } from '../../../core/runtime/scheduler';
import { createRuntime, type Runtime, type RuntimeDeps } from '../../../core/runtime/server';
import { createStore } from '../../../core/store/create-store';
import type { KyselyStore } from '../../../core/store/kysely-store';
import type { Connector, WebhookEvent } from '../../../core/sync/connector';
import { fakeConnector, signedHeaders } from './fake-connector';

export const WEBHOOK_SECRET = 'whsec_PLANTED_3f9a0c71e2';
export const API_TOKEN = 'api-token-PLANTED-81d2e4';
export const T0 = new Date('2025-06-01T12:00:00.000Z');

/** Timers that fire only when the test says so (no real waiting). */
export class ManualTimers implements Timers {
  private next = 1;
  readonly pending = new Map<number, { fn: () => void; ms: number }>();
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.set(id, { fn, ms });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  /** Fires every pending timer once. */
  fireAll(): number {
    const due = [...this.pending.entries()];
    this.pending.clear();
    for (const [, t] of due) t.fn();
    return due.length;
  }
}

/** Log lines captured at debug level through the project's logger (with its redaction). */
export function captureLogger(level = 'debug'): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger({ level, destination: { write: (s: string) => lines.push(s) } });
  return { logger, lines };
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'assetbridge-runtime-'));
}

export async function sqliteStore(dir: string, name = 'store.db'): Promise<KyselyStore> {
  const store = await createStore({ kind: 'sqlite', file: path.join(dir, name) });
  await store.migrate();
  return store;
}

export interface Handled {
  connector: string;
  events: WebhookEvent[];
}

export interface Harness {
  dir: string;
  store: KyselyStore;
  runtime: Runtime;
  url: string;
  timers: ManualTimers;
  handled: Handled[];
  lines: string[];
  now: { value: Date };
  post(
    connector: string,
    body: string | Buffer,
    opts?: {
      deliveryId?: string;
      sentAt?: Date;
      secret?: string;
      headers?: Record<string, string>;
    },
  ): Promise<{ status: number; json: Record<string, unknown> }>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  handle?: WebhookHandler;
  runJob?: JobRunner;
  connectors?: Connector[];
  apiToken?: string | null;
  options?: RuntimeDeps['options'];
}

/** A runtime on 127.0.0.1 port 0 over a fresh SQLite store, with one fake connector `fake-1`. */
export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const dir = tempDir();
  const store = await sqliteStore(dir);
  const timers = new ManualTimers();
  const handled: Handled[] = [];
  const { logger, lines } = captureLogger();
  const now = { value: T0 };
  const connectors = opts.connectors ?? [fakeConnector('fake-1', WEBHOOK_SECRET)];
  const runtime = createRuntime({
    store,
    connectors: new Map(connectors.map((c) => [c.name, c])),
    handle:
      opts.handle ??
      (async (connector, events) => {
        handled.push({ connector, events });
      }),
    runJob: opts.runJob ?? (async () => undefined),
    schedules: [],
    logger,
    clock: () => new Date(now.value),
    apiToken: opts.apiToken === undefined ? API_TOKEN : opts.apiToken,
    options: { ...opts.options, processor: { timers, ...opts.options?.processor } },
  });
  const { url } = await runtime.start(0);
  return {
    dir,
    store,
    runtime,
    url,
    timers,
    handled,
    lines,
    now,
    async post(connector, body, o = {}) {
      const headers = {
        ...signedHeaders(o.secret ?? WEBHOOK_SECRET, body, {
          sentAt: o.sentAt ?? now.value,
          deliveryId: o.deliveryId ?? 'delivery-1',
        }),
        ...o.headers,
      };
      const res = await fetch(`${url}/webhooks/${connector}`, { method: 'POST', headers, body });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    },
    async close() {
      await runtime.stop();
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function eventsBody(...externalIds: string[]): string {
  return JSON.stringify({ events: externalIds.map((externalId) => ({ externalId })) });
}

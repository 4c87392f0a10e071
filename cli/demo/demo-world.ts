import { rmSync } from 'node:fs';
import { RequestStats } from '../../core/http/request-stats';
import { createRuntime, type Runtime } from '../../core/runtime/server';
import { KyselyStore } from '../../core/store/kysely-store';
import type { Connector } from '../../core/sync/connector';
import type { SyncEngine } from '../../core/sync/sync-engine';
import { startAllSimulators, type StartedSimulators } from '../../simulators';
import { JAMF_WEBHOOK_EVENTS } from '../../simulators/jamf';
import type { SimStats } from '../../simulators/kit/sim-types';
import { PACKAGE_ROOT } from '../../core/runtime/package-root';
import { createContext, type CliContext } from '../cli-context';
import type { CliIo } from '../cli-io';
import { buildConnectors, createSyncEngine } from '../commands/sync-command';
import { logProgress, terminalProgress } from '../sync-progress-view';
import {
  DEMO_INSTANCES,
  DEMO_JAMF_WEBHOOK_HEADER,
  DEMO_WEBHOOK_SECRET,
  demoEnvironment,
  writeDemoConfig,
  writeDemoEnv,
  type DemoUrls,
} from './demo-config';

export interface DemoWorldOptions {
  fleetSize: number;
  seed: number;
  /** The demo's folder: its configuration and SQLite store, made anew on each run. */
  folder: string;
  logLevel?: string;
  /** The demo prints JSON: no progress bars. */
  json?: boolean;
}

/** Everything the demo runs on: the simulators, the store, the sync engine and `serve`. */
export interface DemoWorld {
  urls: DemoUrls;
  serveUrl: string;
  configFile: string;
  /** The variables the configuration names, with the simulators' credentials. */
  envFile: string;
  ctx: CliContext;
  store: KyselyStore;
  engine: SyncEngine;
  runtime: Runtime;
  sims: StartedSimulators;
  /** A control call (`/_sim/...`) or an API call to a simulator, as a person or a script would. */
  call(system: keyof DemoUrls, method: string, route: string, body?: unknown): Promise<unknown>;
  stats(system: keyof DemoUrls): Promise<SimStats>;
  /** Waits until `serve` has processed every webhook delivery it accepted. */
  settle(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** How long the inbox must stay unchanged before the demo takes it as settled. */
const SETTLE_QUIET_MS = 400;

/** Basic credentials of the simulators' APIs, for the calls the demo makes as a person. */
const PERSON_AUTH: Partial<Record<keyof DemoUrls, string>> = {
  servicenow: `Basic ${Buffer.from('admin:admin').toString('base64')}`,
  jira: `Basic ${Buffer.from('sim-admin@example.com:sim-api-token').toString('base64')}`,
};

export async function startDemoWorld(opts: DemoWorldOptions, io: CliIo): Promise<DemoWorld> {
  rmSync(opts.folder, { recursive: true, force: true });
  const sims = await startAllSimulators({ fleetSize: opts.fleetSize, seed: opts.seed });
  const url = (name: string) => sims.simulators.find((s) => s.name === name)!.url;
  const urls: DemoUrls = {
    servicenow: url('servicenow'),
    jira: url('jira'),
    jamf: url('jamf'),
    intune: url('intune'),
  };
  const closers: (() => Promise<void>)[] = [() => sims.close()];
  try {
    const configFile = writeDemoConfig(urls, opts.folder, PACKAGE_ROOT);
    const envFile = writeDemoEnv(opts.folder);
    // Connectors read webhook secrets from the process environment (jamf-connector.ts).
    closers.push(setProcessEnv(demoEnvironment()));
    const demoIo: CliIo = { ...io, env: { ...io.env, ...demoEnvironment() } };
    delete demoIo.env.ASSETBRIDGE_STORE_URL;
    const ctx = createContext({ config: configFile, logLevel: opts.logLevel ?? 'error' }, demoIo);
    const store = (await ctx.openStore()) as KyselyStore;
    closers.unshift(() => store.close());
    const stats = new RequestStats();
    const connectors = buildConnectors(ctx, stats);
    closers.unshift(async () => {
      for (const ec of connectors.values()) await ec.connector.close?.();
    });
    // Bars on a terminal, structured progress lines on stderr elsewhere; none under --json.
    const progress = opts.json
      ? undefined
      : io.isTty
        ? terminalProgress()
        : logProgress(ctx.progressLogger);
    const engine = createSyncEngine(ctx, store, connectors, stats, progress);
    const runtime = createRuntime({
      store,
      connectors: new Map<string, Connector>([...connectors].map(([n, ec]) => [n, ec.connector])),
      handle: async (connector, events) => {
        await engine.applyWebhookEvents(connector, events);
      },
      runJob: async (connector, mode) => {
        await engine.run({ full: mode === 'full', dryRun: false, only: [connector] });
      },
      schedules: [],
      logger: ctx.logger,
      apiToken: null,
      options: { processor: { pollIntervalMs: 100 } },
    });
    const { url: serveUrl } = await runtime.start(0, '127.0.0.1');
    closers.unshift(() => runtime.stop());
    const world = makeWorld({
      urls,
      serveUrl,
      configFile,
      envFile,
      ctx,
      store,
      engine,
      runtime,
      sims,
    });
    await connectWebhooks(world);
    return { ...world, close: () => closeAll(closers) };
  } catch (error) {
    await closeAll(closers).catch(() => undefined);
    throw error;
  }
}

type WorldParts = Omit<DemoWorld, 'call' | 'stats' | 'settle' | 'close'>;

function makeWorld(parts: WorldParts): Omit<DemoWorld, 'close'> {
  const call = async (system: keyof DemoUrls, method: string, route: string, body?: unknown) => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const auth = PERSON_AUTH[system];
    if (auth && !route.startsWith('/_sim')) headers.authorization = auth;
    const res = await fetch(`${parts.urls[system]}${route}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status >= 300) {
      throw new Error(`${system} ${method} ${route} answered ${res.status}: ${text.slice(0, 300)}`);
    }
    return text === '' ? null : (JSON.parse(text) as unknown);
  };
  const settle = async (timeoutMs = 30_000) => {
    // Vendors send their webhooks after answering the change that caused them, so the inbox is
    // idle only once nothing is in hand and no new delivery has come for a while.
    const until = Date.now() + timeoutMs;
    let seen = -1;
    let quietSince = Date.now();
    for (;;) {
      const depth = await parts.runtime.inbox.depth();
      const total = depth.pending + depth.processing + depth.done + depth.dead;
      if (total !== seen) {
        seen = total;
        quietSince = Date.now();
      }
      const open = depth.pending + depth.processing;
      if (open === 0 && Date.now() - quietSince >= SETTLE_QUIET_MS) return;
      if (Date.now() > until) throw new Error(`serve still has ${open} webhook events in hand`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  return {
    ...parts,
    call,
    stats: async (system) => (await call(system, 'GET', '/_sim/stats')) as SimStats,
    settle,
  };
}

/** Points the simulators' outbound webhooks at `serve`, as an administrator would. */
async function connectWebhooks(world: Omit<DemoWorld, 'close'>): Promise<void> {
  const hook = (instance: string) => `${world.serveUrl}/webhooks/${instance}`;
  await world.call('servicenow', 'PUT', '/_sim/config', {
    webhookUrl: hook(DEMO_INSTANCES.servicenow),
    webhookSecret: DEMO_WEBHOOK_SECRET,
  });
  await world.call('jira', 'PUT', '/_sim/config', {
    webhooks: [{ url: hook(DEMO_INSTANCES.jsm), secret: DEMO_WEBHOOK_SECRET, events: [] }],
  });
  await world.call('jamf', 'PUT', '/_sim/config', {
    webhooks: JAMF_WEBHOOK_EVENTS.map((event, index) => ({
      id: index + 1,
      name: `assetbridge ${event}`,
      url: hook(DEMO_INSTANCES.jamf),
      event,
      authType: 'header',
      header: DEMO_JAMF_WEBHOOK_HEADER,
      value: DEMO_WEBHOOK_SECRET,
      enabled: true,
    })),
  });
}

async function closeAll(closers: (() => Promise<void>)[]): Promise<void> {
  const errors: string[] = [];
  for (const close of closers) {
    try {
      await close();
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
    }
  }
  if (errors.length > 0) throw new Error(`could not stop the demo cleanly: ${errors.join('; ')}`);
}

/** Sets variables in the process environment; the returned closer puts the old values back. */
function setProcessEnv(values: Record<string, string>): () => Promise<void> {
  const old = new Map(Object.keys(values).map((k) => [k, process.env[k]]));
  Object.assign(process.env, values);
  return async () => {
    for (const [key, value] of old) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}

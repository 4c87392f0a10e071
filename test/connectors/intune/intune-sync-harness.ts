/** Runs the Intune connector against the Intune simulator over HTTP through the real SyncEngine. */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { intuneConnector } from '../../../connectors/intune';
import { buildAuthority } from '../../../core/config/authority';
import type { ConnectorConfig } from '../../../core/config/config-schema';
import type { ConnectorSecrets } from '../../../core/config/secrets';
import { createHttpFactory } from '../../../core/http/http-factory';
import { RequestStats } from '../../../core/http/request-stats';
import { silentLogger } from '../../../core/logging/logger';
import { loadMapping } from '../../../core/mapping/mapping-loader';
import type { KyselyStore } from '../../../core/store/kysely-store';
import type { Connector, ReadRequest } from '../../../core/sync/connector';
import { SyncEngine, type SyncPolicy } from '../../../core/sync/sync-engine';
import type { SyncReport } from '../../../core/sync/sync-report';
import { SyncStateStore } from '../../../core/sync/sync-state-store';
import { generateFleet } from '../../../simulators/fleet/fleet-generator';
import type { FleetDevice } from '../../../simulators/fleet/fleet-device';
import { createIntuneSimulator, type IntuneSimulator } from '../../../simulators/intune';
import { DEFAULT_INTUNE_CONFIG, type IntuneConfig } from '../../../simulators/intune/intune-state';
import type { RunningSimulator, SimStats } from '../../../simulators/kit/sim-types';
import { ingestHarness, type Harness } from '../../support/ingest-harness';

export const NAME = 'intune-test';
export const MAPPING = loadMapping(
  path.join(__dirname, '../../../mappings/intune-managed-devices.yaml'),
);

/** The first `count` Intune devices of a seeded fleet (Windows, Android, some Apple handhelds). */
export function intuneFleet(count: number, seed = 7, troubleShare = 0.05): FleetDevice[] {
  const fleet = generateFleet({ size: Math.ceil(count * 4), seed, troubleShare });
  const inIntune = fleet.filter((d) => d.presence.intune);
  if (inIntune.length < count) throw new Error(`fleet has only ${inIntune.length} Intune devices`);
  return inIntune.slice(0, count);
}

export interface RunOptions {
  full?: boolean;
  connectorOptions?: Record<string, unknown>;
  /** Called after each page the connector yields (before the engine applies it). */
  afterPage?: (page: number) => Promise<void> | void;
}

export interface IntuneWorld {
  sim: IntuneSimulator;
  running: RunningSimulator;
  h: Harness;
  /** Milliseconds added to the simulator's clock (to expire its tokens). */
  skewMs: number;
  connector(options?: Record<string, unknown>): Connector;
  run(options?: RunOptions): Promise<SyncReport>;
  control(method: string, route: string, body?: unknown): Promise<unknown>;
  stats(): Promise<SimStats>;
  configure(config: Partial<IntuneConfig>): Promise<void>;
  close(): Promise<void>;
}

const CONFIG: ConnectorConfig = {
  name: NAME,
  type: 'intune',
  baseUrl: 'http://placeholder',
  auth: { kind: 'oauth_client_credentials', clientIdEnv: 'X_ID', clientSecretEnv: 'X_SECRET' },
  mapping: 'mappings/intune-managed-devices.yaml',
  enabled: true,
};
const SECRETS = {
  kind: 'oauth_client_credentials',
  clientId: DEFAULT_INTUNE_CONFIG.clientId,
  clientSecret: DEFAULT_INTUNE_CONFIG.clientSecret,
} as ConnectorSecrets;

export const POLICY: SyncPolicy = { maxMissingShare: 0.1, retireAfterMissingRuns: 3 };

export async function intuneWorld(config: Partial<IntuneConfig> = {}): Promise<IntuneWorld> {
  const world = { skewMs: 0 } as IntuneWorld;
  const sim = createIntuneSimulator({ seed: 5, now: () => Date.now() + world.skewMs, config });
  const running = await sim.start(0);
  const mappings = new Map([[MAPPING.file, MAPPING]]);
  const h = await ingestHarness(buildAuthority(null, mappings, new Map([[NAME, MAPPING.file]])));
  const store = h.store as KyselyStore;
  const logger = silentLogger();
  const connector = (options: Record<string, unknown> = {}) =>
    intuneConnector.create({
      name: NAME,
      config: { ...CONFIG, baseUrl: running.url },
      options: intuneConnector.optionsSchema.parse({
        tenantId: DEFAULT_INTUNE_CONFIG.tenantId,
        authority: running.url,
        pageSize: 250,
        ...options,
      }),
      secrets: SECRETS,
      mapping: MAPPING,
      http: createHttpFactory({
        system: NAME,
        type: 'intune',
        logger,
        stats: new RequestStats(),
        retry: { baseDelayMs: 20, maxDelayMs: 200, maxWaitMs: 5_000 },
      }),
      logger,
      clock: () => new Date(),
    });
  const control = async (method: string, route: string, body?: unknown) => {
    const res = await fetch(`${running.url}/_sim${route}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} /_sim${route}: ${res.status} ${text}`);
    return text === '' ? null : (JSON.parse(text) as unknown);
  };
  return Object.assign(world, {
    sim,
    running,
    h,
    connector,
    control,
    run: async (opts: RunOptions = {}) => {
      const c = withPageHook(connector(opts.connectorOptions), opts.afterPage);
      const engine = new SyncEngine({
        store,
        state: new SyncStateStore(store.kysely, () => new Date()),
        ingestor: h.ingestor,
        connectors: new Map([[NAME, { connector: c, mapping: MAPPING }]]),
        logger,
        clock: () => new Date(),
        newRunId: randomUUID,
        policy: POLICY,
      });
      return engine.run({ full: opts.full ?? false, dryRun: false });
    },
    stats: async () => (await control('GET', '/stats')) as SimStats,
    configure: async (c: Partial<IntuneConfig>) => {
      await control('PUT', '/config', c);
    },
    close: async () => {
      await running.close();
      await h.close();
    },
  });
}

function withPageHook(c: Connector, hook: RunOptions['afterPage']): Connector {
  if (hook === undefined || c.read === undefined) return c;
  const read = c.read.bind(c);
  return {
    ...c,
    read: async function* (req: ReadRequest) {
      let n = 0;
      for await (const page of read(req)) {
        n += 1;
        await hook(n);
        yield page;
      }
    },
  };
}

/** The one connector report of a run. */
export const reportOf = (report: SyncReport) => report.connectors[0];

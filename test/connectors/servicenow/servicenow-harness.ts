/** The ServiceNow connector over HTTP against the ServiceNow simulator (and optionally Jamf). */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { buildAuthority } from '../../../core/config/authority';
import type { ConnectorConfig } from '../../../core/config/config-schema';
import type { ConnectorSecrets } from '../../../core/config/secrets';
import { createHttpFactory } from '../../../core/http/http-factory';
import { RequestStats } from '../../../core/http/request-stats';
import { silentLogger } from '../../../core/logging/logger';
import { loadMapping } from '../../../core/mapping/mapping-loader';
import type { Mapping } from '../../../core/mapping/mapping-schema';
import type { KyselyStore } from '../../../core/store/kysely-store';
import type { Connector, ReadRequest } from '../../../core/sync/connector';
import { SyncEngine, type EngineConnector } from '../../../core/sync/sync-engine';
import type { SyncReport } from '../../../core/sync/sync-report';
import { SyncStateStore } from '../../../core/sync/sync-state-store';
import { createJamfConnector } from '../../../connectors/jamf';
import { createServiceNowConnector } from '../../../connectors/servicenow';
import type { FleetDevice } from '../../../simulators/fleet/fleet-device';
import { generateFleet } from '../../../simulators/fleet/fleet-generator';
import { createJamfSimulator, type JamfSimulator } from '../../../simulators/jamf';
import type { LoggedRequest, RunningSimulator } from '../../../simulators/kit/sim-types';
import {
  createServiceNowSimulator,
  type ServiceNowSimulator,
} from '../../../simulators/servicenow';
import { ingestHarness, type Harness } from '../../support/ingest-harness';

export const SN = 'sn-test';
export const JAMF = 'jamf-test';
export const SN_MAPPING_FILE = path.join(__dirname, '../../../mappings/servicenow-cmdb.yaml');
const JAMF_MAPPING_FILE = path.join(__dirname, '../../../mappings/jamf-computers.yaml');
export const HOOK_SECRET = 'sn-hook-secret-1';

export type SnAuth = 'basic' | 'oauth_password' | 'oauth_client_credentials';

const SECRETS: Record<SnAuth, ConnectorSecrets> = {
  basic: { kind: 'basic', username: 'admin', password: 'admin' } as ConnectorSecrets,
  oauth_password: {
    kind: 'oauth_password',
    clientId: 'assetbridge',
    clientSecret: 'assetbridge-secret',
    username: 'admin',
    password: 'admin',
  } as ConnectorSecrets,
  oauth_client_credentials: {
    kind: 'oauth_client_credentials',
    clientId: 'assetbridge',
    clientSecret: 'assetbridge-secret',
  } as ConnectorSecrets,
};

const AUTH: Record<SnAuth, ConnectorConfig['auth']> = {
  basic: { kind: 'basic', usernameEnv: 'X_USER', passwordEnv: 'X_PASS' },
  oauth_password: {
    kind: 'oauth_password',
    clientIdEnv: 'X_ID',
    clientSecretEnv: 'X_SECRET',
    usernameEnv: 'X_USER',
    passwordEnv: 'X_PASS',
  },
  oauth_client_credentials: {
    kind: 'oauth_client_credentials',
    clientIdEnv: 'X_ID',
    clientSecretEnv: 'X_SECRET',
  },
};

export interface SnOptions {
  auth?: SnAuth;
  options?: Record<string, unknown>;
  /** Called after each page the connector yields. */
  afterPage?: (page: number) => Promise<void> | void;
}

export interface SnWorld {
  sim: ServiceNowSimulator;
  running: RunningSimulator;
  jamf: JamfSimulator | null;
  jamfUrl: string | null;
  h: Harness;
  snMapping: Mapping;
  /** Milliseconds added to the ServiceNow simulator's clock (to expire its tokens). */
  skewMs: number;
  connector(opts?: SnOptions): Connector;
  jamfConnector(): Connector;
  engine(connectors: Connector[]): SyncEngine;
  /** A sync run of the ServiceNow connector (and Jamf when the world has it). */
  run(opts?: SnOptions & { full?: boolean }): Promise<SyncReport>;
  control(method: string, route: string, body?: unknown): Promise<unknown>;
  requests(): Promise<LoggedRequest[]>;
  clearLog(): Promise<void>;
  table(table: string, query?: string): Promise<Record<string, string>[]>;
  close(): Promise<void>;
}

export async function snWorld(withJamf = false): Promise<SnWorld> {
  const world = { skewMs: 0 } as SnWorld;
  const sim = createServiceNowSimulator({
    seed: 3,
    now: () => new Date(Date.now() + world.skewMs),
    webhookSecret: HOOK_SECRET,
  });
  const running = await sim.start(0);
  const jamf = withJamf ? createJamfSimulator({ seed: 7 }) : null;
  const jamfRunning = jamf ? await jamf.start(0) : null;
  const snMapping = loadMapping(SN_MAPPING_FILE);
  const jamfMapping = loadMapping(JAMF_MAPPING_FILE);
  const files = new Map([
    [SN_MAPPING_FILE, snMapping],
    [JAMF_MAPPING_FILE, jamfMapping],
  ]);
  const instances = new Map([
    [SN, SN_MAPPING_FILE],
    [JAMF, JAMF_MAPPING_FILE],
  ]);
  const h = await ingestHarness(buildAuthority(null, files, instances));
  const store = h.store as KyselyStore;
  const logger = silentLogger();
  const http = (type: string, name: string) =>
    createHttpFactory({
      system: name,
      type,
      logger,
      stats: new RequestStats(),
      retry: { baseDelayMs: 5, maxDelayMs: 50, maxWaitMs: 5_000, random: () => 0.5 },
    });
  const connector = (opts: SnOptions = {}): Connector => {
    const auth = opts.auth ?? 'basic';
    const options = opts.options ?? {};
    const config: ConnectorConfig = {
      name: SN,
      type: 'servicenow',
      baseUrl: running.url,
      auth: AUTH[auth],
      mapping: SN_MAPPING_FILE,
      enabled: true,
      options,
    };
    const c = createServiceNowConnector(
      {
        name: SN,
        config,
        options,
        secrets: SECRETS[auth],
        mapping: snMapping,
        http: http('servicenow', SN),
        logger,
        clock: () => new Date(),
      },
      { SN_HOOK_SECRET: HOOK_SECRET },
    );
    return withPageHook(c, opts.afterPage);
  };
  const jamfConnector = (): Connector => {
    if (jamfRunning === null) throw new Error('this world has no Jamf');
    const config: ConnectorConfig = {
      name: JAMF,
      type: 'jamf',
      baseUrl: jamfRunning.url,
      auth: { kind: 'oauth_client_credentials', clientIdEnv: 'X_ID', clientSecretEnv: 'X_SECRET' },
      mapping: JAMF_MAPPING_FILE,
      enabled: true,
      options: {},
    };
    const secrets = {
      kind: 'oauth_client_credentials',
      clientId: 'assetbridge-client',
      clientSecret: 'assetbridge-secret',
    } as ConnectorSecrets;
    return createJamfConnector({
      name: JAMF,
      config,
      options: {},
      secrets,
      mapping: jamfMapping,
      http: http('jamf', JAMF),
      logger,
      clock: () => new Date(),
    });
  };
  const engine = (connectors: Connector[]) => {
    const map = new Map<string, EngineConnector>(
      connectors.map((c) => [
        c.name,
        { connector: c, mapping: c.type === 'jamf' ? jamfMapping : snMapping },
      ]),
    );
    return new SyncEngine({
      store,
      state: new SyncStateStore(store.kysely, () => new Date()),
      ingestor: h.ingestor,
      connectors: map,
      logger,
      clock: () => new Date(),
      newRunId: randomUUID,
      policy: { maxMissingShare: 0.5, retireAfterMissingRuns: 3 },
    });
  };
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
  const auth = `Basic ${Buffer.from('admin:admin').toString('base64')}`;
  return Object.assign(world, {
    sim,
    running,
    jamf,
    jamfUrl: jamfRunning?.url ?? null,
    h,
    snMapping,
    connector,
    jamfConnector,
    engine,
    run: async (opts: SnOptions & { full?: boolean } = {}) => {
      const connectors = [connector(opts), ...(jamf ? [jamfConnector()] : [])];
      return engine(connectors).run({ full: opts.full ?? false, dryRun: false });
    },
    control,
    requests: async () =>
      ((await control('GET', '/requests')) as { requests: LoggedRequest[] }).requests,
    clearLog: async () => {
      await control('DELETE', '/requests');
    },
    table: async (table: string, query = '') => {
      const url = `${running.url}/api/now/table/${table}?sysparm_exclude_reference_link=true&sysparm_query=${encodeURIComponent(query)}`;
      const res = await fetch(url, {
        headers: { authorization: auth, accept: 'application/json' },
      });
      return ((await res.json()) as { result: Record<string, string>[] }).result;
    },
    close: async () => {
      await running.close();
      await jamfRunning?.close();
      await h.close();
    },
  });
}

function withPageHook(c: Connector, hook: SnOptions['afterPage']): Connector {
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

/**
 * The first `count` devices of a generated fleet without random trouble; `where` picks which
 * systems hold them (both ServiceNow and Jamf by default: Apple devices).
 */
export function cleanFleet(
  count: number,
  presence: Partial<FleetDevice['presence']> = { servicenow: true, jamf: true },
  seed = 11,
): FleetDevice[] {
  const out: FleetDevice[] = [];
  const wantJamf = presence.jamf ?? false;
  for (let size = count * 4; out.length < count; size *= 2) {
    out.length = 0;
    for (const d of generateFleet({ size, seed, troubleShare: 0 })) {
      if (out.length >= count || d.presence.jamf !== wantJamf) continue;
      if (d.serial === null || d.userEmail === null) continue;
      out.push({
        ...d,
        presence: { ...d.presence, servicenow: presence.servicenow ?? false, jamf: wantJamf },
        variants: {},
        reEnrolments: 0,
        hidden: false,
        nullSections: false,
      });
    }
  }
  return out;
}

/** Requests of one method whose path matches. */
export function matching(
  requests: LoggedRequest[],
  method: string,
  pattern: RegExp,
): LoggedRequest[] {
  return requests.filter((r) => r.method === method && pattern.test(r.path));
}

/** The one report of a connector in a run. */
export function reportOf(report: SyncReport, name = SN) {
  return report.connectors.find((c) => c.connector === name)!;
}

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
import type { Connector } from '../../../core/sync/connector';
import { SyncEngine, type EngineConnector } from '../../../core/sync/sync-engine';
import { SyncStateStore } from '../../../core/sync/sync-state-store';
import { createJsmConnector } from '../../../connectors/jsm';
import type { FleetDevice } from '../../../simulators/fleet/fleet-device';
import { generateFleet } from '../../../simulators/fleet/fleet-generator';
import { createJiraSimulator, type JiraSimulator } from '../../../simulators/jira';
import type { LoggedRequest } from '../../../simulators/kit/sim-types';
import { ingestHarness, type Harness } from '../../support/ingest-harness';

export const MAPPING_FILE = path.join(__dirname, '../../../mappings/jsm-assets.yaml');
export const INSTANCE = 'jsm-test';
export const WEBHOOK_SECRET = 'jsm-hook-secret-1';
export const SECRETS = {
  kind: 'api_token',
  email: 'sim-admin@example.com',
  token: 'sim-api-token',
} as unknown as ConnectorSecrets;

export interface JsmTestBed {
  sim: JiraSimulator;
  baseUrl: string;
  h: Harness;
  mapping: Mapping;
  stats: RequestStats;
  connector(options?: Record<string, unknown>, mapping?: Mapping): Connector;
  /** A sync engine over the JSM connector and any others (name → connector and mapping). */
  engine(connector: Connector, others?: Map<string, EngineConnector>): SyncEngine;
  requests(): Promise<LoggedRequest[]>;
  clearLog(): Promise<void>;
  control(
    method: 'GET' | 'PUT' | 'POST' | 'DELETE',
    route: string,
    body?: unknown,
  ): Promise<unknown>;
  /** Calls the simulated Jira/Assets API as the connector's account would. */
  api(method: string, route: string, body?: unknown): Promise<unknown>;
  close(): Promise<void>;
}

export interface TestBedOptions {
  /** Mapping files of the other connectors of `engine`, by instance name. */
  otherMappings?: Map<string, string>;
}

/** The Jira simulator on 127.0.0.1 port 0, a SQLite store, and the JSM connector over HTTP. */
export async function jsmTestBed(opts: TestBedOptions = {}): Promise<JsmTestBed> {
  const sim = createJiraSimulator({ seed: 7 });
  const server = await sim.start(0);
  const baseUrl = server.url;
  const mapping = loadMapping(MAPPING_FILE);
  const files = new Map<string, Mapping>([[MAPPING_FILE, mapping]]);
  const instances = new Map<string, string>([[INSTANCE, MAPPING_FILE]]);
  for (const [name, file] of opts.otherMappings ?? []) {
    files.set(file, loadMapping(file));
    instances.set(name, file);
  }
  const h = await ingestHarness(buildAuthority(null, files, instances));
  const stats = new RequestStats();
  const call = async (method: string, url: string, body?: unknown, auth = false) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (auth) {
      const basic = Buffer.from(`${SECRETS.email}:${SECRETS.token}`).toString('base64');
      headers.authorization = `Basic ${basic}`;
    }
    const res = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${url}: HTTP ${res.status} ${await res.text()}`);
    const text = await res.text();
    return text === '' ? null : (JSON.parse(text) as unknown);
  };
  return {
    sim,
    baseUrl,
    h,
    mapping,
    stats,
    connector(options = {}, useMapping = mapping) {
      const all = { assetsBaseUrl: baseUrl, webhookSecretEnv: 'JSM_HOOK_SECRET', ...options };
      const config: ConnectorConfig = {
        name: INSTANCE,
        type: 'jsm',
        baseUrl,
        auth: { kind: 'api_token', emailEnv: 'X_EMAIL', tokenEnv: 'X_TOKEN' },
        mapping: MAPPING_FILE,
        enabled: true,
        options: all,
      };
      const http = createHttpFactory({
        system: INSTANCE,
        type: 'jsm',
        logger: silentLogger(),
        stats,
        retry: { baseDelayMs: 1, maxDelayMs: 5, random: () => 0.5 },
      });
      return createJsmConnector(
        {
          name: INSTANCE,
          config,
          options: all,
          secrets: SECRETS,
          mapping: useMapping,
          http,
          logger: silentLogger(),
          clock: () => new Date(),
        },
        { JSM_HOOK_SECRET: WEBHOOK_SECRET },
      );
    },
    engine(connector, others = new Map()) {
      const store = h.store as KyselyStore;
      return new SyncEngine({
        store,
        state: new SyncStateStore(store.kysely, () => new Date()),
        ingestor: h.ingestor,
        connectors: new Map([[INSTANCE, { connector, mapping }], ...others]),
        logger: silentLogger(),
        clock: () => new Date(),
        newRunId: randomUUID,
      });
    },
    async requests() {
      const body = (await call('GET', `${baseUrl}/_sim/requests`)) as { requests: LoggedRequest[] };
      return body.requests;
    },
    async clearLog() {
      await call('DELETE', `${baseUrl}/_sim/requests`);
    },
    control: (method, route, body) => call(method, `${baseUrl}/_sim${route}`, body),
    api: (method, route, body) => call(method, `${baseUrl}${route}`, body, true),
    async close() {
      await server.close();
      await h.close();
    },
  };
}

/** The first `count` devices of a generated fleet that Assets holds, without random trouble. */
export function cleanJiraFleet(count: number, seed = 11, also?: 'jamf'): FleetDevice[] {
  const out: FleetDevice[] = [];
  for (let size = count * 3; out.length < count; size *= 2) {
    out.length = 0;
    for (const d of generateFleet({ size, seed, troubleShare: 0 })) {
      const wanted = d.presence.jira && (also === undefined || d.presence[also]);
      if (wanted && d.serial !== null && out.length < count) {
        out.push({ ...d, variants: {}, reEnrolments: 0, hidden: false, nullSections: false });
      }
    }
  }
  return out;
}

/** Requests of one method whose path matches. */
export function matching(requests: LoggedRequest[], method: string, path: RegExp): LoggedRequest[] {
  return requests.filter((r) => r.method === method && path.test(r.path));
}

export const ASSETS = '/jsm/assets/workspace/f1668d0c-0c7a-4b7e-9d3b-5b1d8a2c7e10/v1';

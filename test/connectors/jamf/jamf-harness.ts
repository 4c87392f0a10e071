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
import { SyncEngine, type SyncPolicy } from '../../../core/sync/sync-engine';
import { SyncStateStore } from '../../../core/sync/sync-state-store';
import { createJamfConnector } from '../../../connectors/jamf';
import type { FleetDevice } from '../../../simulators/fleet/fleet-device';
import { generateFleet } from '../../../simulators/fleet/fleet-generator';
import { createJamfSimulator, type JamfSimulator } from '../../../simulators/jamf';
import type { LoggedRequest } from '../../../simulators/kit/sim-types';
import { ingestHarness, type Harness } from '../../support/ingest-harness';

export const MAPPING_FILE = path.join(__dirname, '../../../mappings/jamf-computers.yaml');
export const INSTANCE = 'jamf-test';

export interface JamfTestBed {
  sim: JamfSimulator;
  baseUrl: string;
  h: Harness;
  mapping: Mapping;
  stats: RequestStats;
  connector(
    options?: Record<string, unknown>,
    auth?: 'oauth' | 'basic',
    clock?: () => Date,
  ): Connector;
  engine(connector: Connector, policy?: SyncPolicy): SyncEngine;
  /** Requests the simulator answered since the last `clearLog()`. */
  requests(): Promise<LoggedRequest[]>;
  clearLog(): Promise<void>;
  control(method: 'PUT' | 'POST', route: string, body?: unknown): Promise<unknown>;
  close(): Promise<void>;
}

const OAUTH_SECRETS = {
  kind: 'oauth_client_credentials',
  clientId: 'assetbridge-client',
  clientSecret: 'assetbridge-secret',
};
const BASIC_SECRETS = { kind: 'basic', username: 'assetbridge', password: 'assetbridge-password' };

/** The Jamf simulator on 127.0.0.1 port 0, a SQLite store, and the connector built over HTTP. */
export async function jamfTestBed(simNow?: () => number): Promise<JamfTestBed> {
  const sim = createJamfSimulator({ seed: 7, now: simNow });
  const server = await sim.start(0);
  const baseUrl = server.url;
  const mapping = loadMapping(MAPPING_FILE);
  const authority = buildAuthority(
    null,
    new Map([[MAPPING_FILE, mapping]]),
    new Map([[INSTANCE, MAPPING_FILE]]),
  );
  const h = await ingestHarness(authority);
  const stats = new RequestStats();
  const call = async (method: string, route: string, body?: unknown) => {
    const res = await fetch(`${baseUrl}/_sim${route}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} /_sim${route}: HTTP ${res.status} ${await res.text()}`);
    return res.status === 204 ? null : ((await res.json()) as unknown);
  };
  return {
    sim,
    baseUrl,
    h,
    mapping,
    stats,
    connector(options = {}, auth = 'oauth', clock = () => new Date()) {
      const config: ConnectorConfig = {
        name: INSTANCE,
        type: 'jamf',
        baseUrl,
        auth:
          auth === 'oauth'
            ? { kind: 'oauth_client_credentials', clientIdEnv: 'X_ID', clientSecretEnv: 'X_SECRET' }
            : { kind: 'basic', usernameEnv: 'X_USER', passwordEnv: 'X_PASS' },
        mapping: MAPPING_FILE,
        enabled: true,
        options,
      };
      const http = createHttpFactory({
        system: INSTANCE,
        type: 'jamf',
        logger: silentLogger(),
        stats,
        retry: { baseDelayMs: 1, maxDelayMs: 5, random: () => 0.5 },
      });
      const secrets = (auth === 'oauth' ? OAUTH_SECRETS : BASIC_SECRETS) as ConnectorSecrets;
      return createJamfConnector(
        { name: INSTANCE, config, options, secrets, mapping, http, logger: silentLogger(), clock },
        { JAMF_HOOK_SECRET: 'hook-secret-1' },
      );
    },
    engine(connector, policy) {
      const store = h.store as KyselyStore;
      return new SyncEngine({
        store,
        state: new SyncStateStore(store.kysely, () => new Date()),
        ingestor: h.ingestor,
        connectors: new Map([[INSTANCE, { connector, mapping }]]),
        logger: silentLogger(),
        clock: () => new Date(),
        newRunId: randomUUID,
        policy,
      });
    },
    async requests() {
      const body = (await call('GET', '/requests')) as { requests: LoggedRequest[] };
      return body.requests;
    },
    async clearLog() {
      await call('DELETE', '/requests');
    },
    control: (method, route, body) => call(method, route, body),
    async close() {
      await server.close();
      await h.close();
    },
  };
}

/**
 * The first `count` devices of a generated fleet that Jamf holds, without the generator's random
 * trouble (each test adds the trouble it checks), so that counts are exact.
 */
export function cleanJamfFleet(count: number, seed = 11): FleetDevice[] {
  const out: FleetDevice[] = [];
  for (let size = count * 3; out.length < count; size *= 2) {
    out.length = 0;
    for (const d of generateFleet({ size, seed, troubleShare: 0 })) {
      if (d.presence.jamf && out.length < count) {
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

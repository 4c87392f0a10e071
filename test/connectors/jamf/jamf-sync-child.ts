/**
 * One sync of the Jamf simulator and the CMDB fake into a SQLite store, as a separate process
 * that the crash test kills at random points. Usage: jamf-sync-child.ts <db> <jamf url> <cmdb url>
 */
import { randomUUID } from 'node:crypto';
import { buildAuthority } from '../../../core/config/authority';
import type { ConnectorConfig } from '../../../core/config/config-schema';
import type { ConnectorSecrets } from '../../../core/config/secrets';
import { createHttpFactory } from '../../../core/http/http-factory';
import { RequestStats } from '../../../core/http/request-stats';
import { makeSerialPolicy } from '../../../core/identity/normalize';
import { AssetIngestor } from '../../../core/ingest/asset-ingestor';
import { silentLogger } from '../../../core/logging/logger';
import { loadMapping } from '../../../core/mapping/mapping-loader';
import { createStore } from '../../../core/store/create-store';
import type { KyselyStore } from '../../../core/store/kysely-store';
import { SyncEngine } from '../../../core/sync/sync-engine';
import { SyncStateStore } from '../../../core/sync/sync-state-store';
import { createJamfConnector, JamfOptions } from '../../../connectors/jamf';
import { DEFAULT_JAMF_CONFIG } from '../../../simulators/jamf';
import { httpFakeConnector } from '../../core/sync/http-fake-connector';
import { JAMF_FILE, WORLD_CMDB_MAPPING } from './jamf-crash-world';

async function main(): Promise<void> {
  const [file, jamfUrl, cmdbUrl] = process.argv.slice(2);
  const stats = new RequestStats();
  const retry = { baseDelayMs: 10, maxDelayMs: 100 };
  const http = (system: string, type: string) =>
    createHttpFactory({ system, type, logger: silentLogger(), stats, retry });
  const jamfMapping = loadMapping(JAMF_FILE);
  // Small pages, so that a run makes enough requests for faults and kills to land mid-read.
  const options = JamfOptions.parse({ pageSize: 10 });
  const config: ConnectorConfig = {
    name: 'jamf',
    type: 'jamf',
    baseUrl: jamfUrl,
    auth: { kind: 'oauth_client_credentials', clientIdEnv: 'X_ID', clientSecretEnv: 'X_SECRET' },
    mapping: JAMF_FILE,
    enabled: true,
    options,
  };
  const secrets = {
    kind: 'oauth_client_credentials',
    clientId: DEFAULT_JAMF_CONFIG.clientId,
    clientSecret: DEFAULT_JAMF_CONFIG.clientSecret,
  } as ConnectorSecrets;
  const jamf = createJamfConnector({
    name: 'jamf',
    config,
    options,
    secrets,
    mapping: jamfMapping,
    http: http('jamf', 'jamf'),
    logger: silentLogger(),
    clock: () => new Date(),
  });
  const cmdb = httpFakeConnector(http('cmdb', 'http-fake').client({ baseUrl: cmdbUrl }), 'cmdb');
  const store = (await createStore({ kind: 'sqlite', file })) as KyselyStore;
  await store.migrate();
  const mappings = new Map([
    ['jamf', jamfMapping],
    ['cmdb', WORLD_CMDB_MAPPING],
  ]);
  const sources = new Map([
    ['jamf', 'jamf'],
    ['cmdb', 'cmdb'],
  ]);
  const engine = new SyncEngine({
    store,
    state: new SyncStateStore(store.kysely, () => new Date()),
    ingestor: new AssetIngestor({
      store,
      authority: buildAuthority(null, mappings, sources),
      serialPolicy: makeSerialPolicy(),
      clock: () => new Date(),
      newId: randomUUID,
      logger: silentLogger(),
    }),
    connectors: new Map([
      ['jamf', { connector: jamf, mapping: jamfMapping }],
      ['cmdb', { connector: cmdb, mapping: WORLD_CMDB_MAPPING }],
    ]),
    logger: silentLogger(),
    clock: () => new Date(),
    newRunId: randomUUID,
  });
  const report = await engine.run({ full: process.argv[5] === 'full', dryRun: false });
  await store.close();
  process.exitCode = report.someFailed ? 1 : 0;
}

void main();

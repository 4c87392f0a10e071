/**
 * Runs one sync of the fake vendor into a SQLite store, as a separate process that the crash
 * test kills at random points. Usage: sync-child.ts <db file> <vendor url>
 */
import { randomUUID } from 'node:crypto';
import { buildAuthority } from '../../../core/config/authority';
import { makeSerialPolicy } from '../../../core/identity/normalize';
import { AssetIngestor } from '../../../core/ingest/asset-ingestor';
import { silentLogger } from '../../../core/logging/logger';
import { createStore } from '../../../core/store/create-store';
import type { KyselyStore } from '../../../core/store/kysely-store';
import { SyncEngine } from '../../../core/sync/sync-engine';
import { SyncStateStore } from '../../../core/sync/sync-state-store';
import { httpFakeConnector } from './http-fake-connector';
import { createHttpFactory } from '../../../core/http/http-factory';
import { RequestStats } from '../../../core/http/request-stats';
import { CRASH_CMDB_MAPPING, CRASH_MDM_MAPPING } from './crash-mappings';

async function main(): Promise<void> {
  const [file, url] = process.argv.slice(2);
  const stats = new RequestStats();
  const client = (system: string) =>
    createHttpFactory({
      system,
      type: 'http-fake',
      logger: silentLogger(),
      stats,
      retry: { baseDelayMs: 20, maxDelayMs: 200 },
    }).client({ baseUrl: url });
  const store = (await createStore({ kind: 'sqlite', file })) as KyselyStore;
  await store.migrate();
  const mappings = new Map([
    ['mdm', CRASH_MDM_MAPPING],
    ['cmdb', CRASH_CMDB_MAPPING],
  ]);
  const engine = new SyncEngine({
    store,
    state: new SyncStateStore(store.kysely, () => new Date()),
    ingestor: new AssetIngestor({
      store,
      authority: buildAuthority(
        null,
        mappings,
        new Map([
          ['mdm', 'mdm'],
          ['cmdb', 'cmdb'],
        ]),
      ),
      serialPolicy: makeSerialPolicy(),
      clock: () => new Date(),
      newId: randomUUID,
      logger: silentLogger(),
    }),
    connectors: new Map([
      ['mdm', { connector: httpFakeConnector(client('mdm'), 'mdm'), mapping: CRASH_MDM_MAPPING }],
      [
        'cmdb',
        { connector: httpFakeConnector(client('cmdb'), 'cmdb'), mapping: CRASH_CMDB_MAPPING },
      ],
    ]),
    logger: silentLogger(),
    clock: () => new Date(),
    newRunId: randomUUID,
  });
  const report = await engine.run({ full: false, dryRun: false });
  await store.close();
  process.exitCode = report.someFailed ? 1 : 0;
}

void main();

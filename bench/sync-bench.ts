import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { jamfConnector } from '../connectors/jamf';
import { intuneConnector } from '../connectors/intune';
import { buildAuthority } from '../core/config/authority';
import type { ConnectorConfig } from '../core/config/config-schema';
import type { ConnectorSecrets } from '../core/config/secrets';
import { createHttpFactory } from '../core/http/http-factory';
import { RequestStats } from '../core/http/request-stats';
import { makeSerialPolicy } from '../core/identity/normalize';
import { AssetIngestor } from '../core/ingest/asset-ingestor';
import { silentLogger } from '../core/logging/logger';
import { loadMapping } from '../core/mapping/mapping-loader';
import { createStore } from '../core/store/create-store';
import type { KyselyStore } from '../core/store/kysely-store';
import type { ConnectorModule } from '../core/sync/connector';
import { SyncEngine, type EngineConnector } from '../core/sync/sync-engine';
import type { SyncReport } from '../core/sync/sync-report';
import { SyncStateStore } from '../core/sync/sync-state-store';
import { PACKAGE_ROOT } from '../core/runtime/package-root';
import { spawnBenchChild } from './bench-child';

const ROOT = PACKAGE_ROOT;

export interface SyncFigures {
  devices: number;
  phase: 'full' | 'incremental';
  seconds: number;
  records: number;
  perSecond: number;
  requests: Record<string, number>;
  minimum: Record<string, number>;
  /** Creates and updates the run sent to the systems. */
  writes: number;
  /** Peak resident set of the process that ran the sync, from its start to the end of this phase. */
  peakRssBytes: number;
}

async function startSimulators(
  size: number,
): Promise<{ child: ChildProcess; urls: Record<string, string> }> {
  const child = spawnBenchChild('sim-child', [String(size)]);
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`simulators exited with ${code}`)));
  });
  return { child, urls: JSON.parse(line) as Record<string, string> };
}

function instance(module: ConnectorModule, name: string, url: string, stats: RequestStats) {
  const file = path.join(
    ROOT,
    'mappings',
    name === 'jamf' ? 'jamf-computers.yaml' : 'intune-managed-devices.yaml',
  );
  const mapping = loadMapping(file);
  const config: ConnectorConfig = {
    name,
    type: module.type,
    baseUrl: url,
    auth: { kind: 'oauth_client_credentials', clientIdEnv: 'X', clientSecretEnv: 'Y' },
    mapping: file,
    enabled: true,
  };
  const secrets = (
    name === 'jamf'
      ? {
          kind: 'oauth_client_credentials',
          clientId: 'assetbridge-client',
          clientSecret: 'assetbridge-secret',
        }
      : {
          kind: 'oauth_client_credentials',
          clientId: '0b5e7d3c-1a2f-4e6b-8c9d-3f5a7b9c1d2e',
          clientSecret: 'assetbridge-graph-secret',
        }
  ) as ConnectorSecrets;
  const options = module.optionsSchema.parse(
    name === 'jamf' ? {} : { tenantId: '6f1c2a5e-3b7d-4c1e-9a8f-2d4b6c8e0a11', authority: url },
  );
  const http = createHttpFactory({
    system: name,
    type: module.type,
    logger: silentLogger(),
    stats,
  });
  const connector = module.create({
    name,
    config,
    options,
    secrets,
    mapping,
    http,
    logger: silentLogger(),
    clock: () => new Date(),
  });
  return { file, mapping, ec: { connector, mapping } as EngineConnector };
}

/**
 * The fewest requests a full read needs: one token, the reference lists a connector must read
 * (Jamf departments and buildings), one page per device kind at the vendor's largest page size,
 * and the requests of each record the run wrote (a first run has writes to make: Intune notes,
 * each a GET of the device's notes and a PATCH, so that what people wrote there is kept).
 */
function fullMinimum(report: SyncReport): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of report.connectors) {
    const jamf = c.connector === 'jamf';
    const pages = Math.max(jamf ? 2 : 1, Math.ceil(c.read.records / (jamf ? 2000 : 1000)));
    const perWrite = c.connector === 'intune' ? 2 : 1;
    out[c.connector] =
      1 + (jamf ? 2 : 0) + pages + perWrite * (c.writes.created + c.writes.updated);
  }
  return out;
}

/**
 * The fewest requests an incremental run over the devices `touch` changed needs, computed from
 * what was changed in the simulators and not from what the run did: one token, Jamf's two
 * reference lists, one page per device kind (at least one, to learn that nothing else changed),
 * and no write, because OS versions and check-in times flow into the core and nowhere else. Every
 * write the run makes is therefore over the minimum.
 */
function incrementalMinimum(changed: Touched): Record<string, number> {
  const pages = (n: number, size: number) => Math.max(1, Math.ceil(n / size));
  return {
    jamf: 1 + 2 + pages(changed.jamfComputers, 2000) + pages(changed.jamfMobiles, 2000),
    intune: 1 + pages(changed.intune, 1000),
  };
}

/** How many devices `touch` changed in each simulator. */
interface Touched {
  jamfComputers: number;
  jamfMobiles: number;
  intune: number;
}

/**
 * Changes `share` of the bound devices as their owners' machines would: Jamf devices report a new
 * OS version (an inventory update), Intune devices check in (a new `lastSyncDateTime`).
 */
async function touch(
  urls: Record<string, string>,
  store: KyselyStore,
  share: number,
): Promise<Touched> {
  const rows = await store.kysely
    .selectFrom('external_links')
    .select(['system', 'external_id'])
    .where('alias', '=', 0)
    .execute();
  const changed: Touched = { jamfComputers: 0, jamfMobiles: 0, intune: 0 };
  for (const [i, r] of rows.entries()) {
    if (i % Math.round(1 / share) !== 0) continue;
    const [kind, id] = r.external_id.split(':');
    const jamf = r.system === 'jamf';
    const url = jamf
      ? `${urls.jamf}/_sim/devices/${kind === 'mobile' ? 'mobile' : 'computers'}/${id}/inventory`
      : `${urls.intune}/_sim/devices/${r.external_id}/sync`;
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(jamf ? { osVersion: `26.${i % 7}.${(i >> 3) % 5}` } : {}),
    });
    if (!res.ok) throw new Error(`changing ${r.system} ${r.external_id}: ${res.status}`);
    if (!jamf) changed.intune += 1;
    else if (kind === 'mobile') changed.jamfMobiles += 1;
    else changed.jamfComputers += 1;
  }
  return changed;
}

/** Full, then incremental (1 % of devices changed) sync of Jamf and Intune against the simulators. */
export async function benchSync(
  size: number,
): Promise<{ figures: SyncFigures[]; touched: number }> {
  let changed: Touched | null = null;
  const { child, urls } = await startSimulators(size);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assetbridge-bench-'));
  const store = (await createStore({
    kind: 'sqlite',
    file: path.join(dir, 'sync.db'),
  })) as KyselyStore;
  await store.migrate();
  try {
    const figures: SyncFigures[] = [];
    const run = async (phase: 'full' | 'incremental') => {
      const stats = new RequestStats();
      const jamf = instance(jamfConnector, 'jamf', urls.jamf, stats);
      const intune = instance(intuneConnector, 'intune', urls.intune, stats);
      const mappings = new Map([
        [jamf.file, jamf.mapping],
        [intune.file, intune.mapping],
      ]);
      const sources = new Map([
        ['jamf', jamf.file],
        ['intune', intune.file],
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
          ['jamf', jamf.ec],
          ['intune', intune.ec],
        ]),
        logger: silentLogger(),
        clock: () => new Date(),
        newRunId: randomUUID,
      });
      const t0 = process.hrtime.bigint();
      const report = await engine.run({ full: phase === 'full', dryRun: false });
      for (const c of report.connectors) {
        if (c.error) throw new Error(`${c.connector}: ${c.error}`);
      }
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      const records = report.connectors.reduce((a, c) => a + c.read.records, 0);
      figures.push({
        devices: size,
        phase,
        seconds,
        records,
        perSecond: Math.round(records / seconds),
        requests: { jamf: stats.total('jamf'), intune: stats.total('intune') },
        minimum: changed === null ? fullMinimum(report) : incrementalMinimum(changed),
        writes: report.connectors.reduce((a, c) => a + c.writes.created + c.writes.updated, 0),
        peakRssBytes: process.resourceUsage().maxRSS * 1024,
      });
    };
    await run('full');
    changed = await touch(urls, store, 0.01);
    await run('incremental');
    return { figures, touched: changed.jamfComputers + changed.jamfMobiles + changed.intune };
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
    child.stdin?.end();
  }
}

import { randomUUID } from 'node:crypto';
import { buildAuthority } from '../../../core/config/authority';
import { silentLogger } from '../../../core/logging/logger';
import { parseMapping } from '../../../core/mapping/mapping-loader';
import type { KyselyStore } from '../../../core/store/kysely-store';
import type { EngineConnector, SyncPolicy } from '../../../core/sync/sync-engine';
import { SyncEngine } from '../../../core/sync/sync-engine';
import { SyncStateStore } from '../../../core/sync/sync-state-store';
import { assetContents, ingestHarness, type Harness } from '../../support/ingest-harness';
import { FakeSystem } from './fake-system';

const MDM = parseMapping(
  `version: 1
connector: fake
authority: 60
fields:
  - { core: serial, source: serial }
  - { core: name, source: name }
`,
  'mdm.yaml',
);
const CMDB = parseMapping(
  `version: 1
connector: fake
authority: 50
fields:
  - { core: serial, source: serial, direction: both }
  - { core: name, source: name, direction: both }
`,
  'cmdb.yaml',
);
const POLICY: SyncPolicy = { maxMissingShare: 0.25, retireAfterMissingRuns: 1 };

let h: Harness;
let mdm: FakeSystem;
let cmdb: FakeSystem;

beforeEach(async () => {
  const authority = buildAuthority(
    null,
    new Map([
      ['mdm.yaml', MDM],
      ['cmdb.yaml', CMDB],
    ]),
    new Map([
      ['mdm', 'mdm.yaml'],
      ['cmdb', 'cmdb.yaml'],
    ]),
  );
  h = await ingestHarness(authority);
  mdm = new FakeSystem('mdm');
  cmdb = new FakeSystem('cmdb');
  for (let i = 1; i <= 5; i++) mdm.put({ id: `m${i}`, serial: `SERIAL000${i}`, name: `mac-${i}` });
});
afterEach(async () => h.close());

function engine(cmdbOptions: { retire?: boolean; batchSize?: number } = {}) {
  const connectors = new Map<string, EngineConnector>([
    ['mdm', { connector: mdm.connector({ write: false, create: false }), mapping: MDM }],
    [
      'cmdb',
      { connector: cmdb.connector({ write: true, create: true, ...cmdbOptions }), mapping: CMDB },
    ],
  ]);
  const store = h.store as KyselyStore;
  return new SyncEngine({
    store,
    state: new SyncStateStore(store.kysely, () => new Date()),
    ingestor: h.ingestor,
    connectors,
    logger: silentLogger(),
    clock: () => new Date(),
    newRunId: randomUUID,
    policy: POLICY,
  });
}

const of = (report: { connectors: { connector: string }[] }, name: string) =>
  report.connectors.find((c) => c.connector === name) as Awaited<
    ReturnType<SyncEngine['run']>
  >['connectors'][number];

describe('retirement reaches the other systems', () => {
  test('a record missing from the MDM retires the asset and its CMDB record, once', async () => {
    await engine({ retire: true }).run({ full: true, dryRun: false });
    const cmdbId = [...cmdb.devices.values()].find((d) => d.serial === 'SERIAL0005')!.id;
    mdm.devices.delete('m5');
    cmdb.calls.length = 0;

    const report = await engine({ retire: true }).run({ full: true, dryRun: false });
    expect(of(report, 'mdm').missing).toMatchObject({ retired: 1, stopped: null });
    expect(cmdb.mutating()).toEqual([`retire ${cmdbId}`]);
    expect(cmdb.devices.get(cmdbId)).toMatchObject({ retired: true, serial: 'SERIAL0005' });
    expect(of(report, 'cmdb').writes.retired).toBe(1);
    expect(of(report, 'cmdb').plan).toEqual([
      expect.objectContaining({ action: 'retire', externalId: cmdbId }),
    ]);

    cmdb.calls.length = 0;
    const again = await engine({ retire: true }).run({ full: true, dryRun: false });
    expect(cmdb.mutating()).toEqual([]);
    expect(of(again, 'cmdb').writes.retired).toBe(0);
  });

  test('a dry run plans the asset retirement and the CMDB retire, and sends and stores nothing', async () => {
    await engine({ retire: true }).run({ full: true, dryRun: false });
    const cmdbId = [...cmdb.devices.values()].find((d) => d.serial === 'SERIAL0005')!.id;
    const [asset] = await h.store.findAssets('SERIAL0005');
    mdm.devices.delete('m5');
    const before = await assetContents(h.store);
    const runs = (await h.store.listRuns()).length;
    cmdb.calls.length = 0;

    const dry = await engine({ retire: true }).run({ full: true, dryRun: true });
    expect(of(dry, 'mdm').plan).toEqual([
      expect.objectContaining({ action: 'retire-missing', assetId: asset.id, externalId: 'm5' }),
    ]);
    expect(of(dry, 'cmdb').plan).toEqual([
      expect.objectContaining({ action: 'retire', assetId: asset.id, externalId: cmdbId }),
    ]);
    expect(cmdb.mutating()).toEqual([]);
    expect(await assetContents(h.store)).toEqual(before);
    expect((await h.store.listRuns()).length).toBe(runs);

    const real = await engine({ retire: true }).run({ full: true, dryRun: false });
    const actions = (r: typeof real) =>
      r.connectors.flatMap((c) => c.plan.map((p) => `${c.connector} ${p.action} ${p.externalId}`));
    expect(actions(real)).toEqual(actions(dry));
  });

  test('an asset a source marks retired is retired in the CMDB once', async () => {
    await engine({ retire: true }).run({ full: true, dryRun: false });
    const cmdbId = [...cmdb.devices.values()].find((d) => d.serial === 'SERIAL0002')!.id;
    await h.store.startRun({
      id: 'register',
      kind: 'import',
      startedAt: '2030-01-01',
      summary: {},
    });
    const obs = (stage: string) => ({
      source: 'register',
      externalId: 'r2',
      observedAt: '2030-01-01T00:00:00.000Z',
      values: { serial: 'SERIAL0002', 'lifecycle.stage': stage },
      ref: 'register row 2',
    });
    await h.ingestor.ingestBatch([obs('retired')], 'register');
    cmdb.calls.length = 0;
    const report = await engine({ retire: true }).run({ full: true, dryRun: false });
    expect(cmdb.mutating()).toEqual([`retire ${cmdbId}`]);
    expect(of(report, 'mdm').missing.retired).toBe(0);
    cmdb.calls.length = 0;
    await engine({ retire: true }).run({ full: true, dryRun: false });
    expect(cmdb.mutating()).toEqual([]);
  });

  test('a system without retire keeps its record and the run goes on', async () => {
    await engine().run({ full: true, dryRun: false });
    mdm.devices.delete('m5');
    cmdb.calls.length = 0;
    const report = await engine().run({ full: true, dryRun: false });
    expect(of(report, 'mdm').missing.retired).toBe(1);
    expect(cmdb.mutating()).toEqual([]);
    expect(report.someFailed).toBe(false);
  });
});

describe('batch updates', () => {
  async function renameAll() {
    await engine({ batchSize: 3 }).run({ full: false, dryRun: false });
    for (const d of mdm.devices.values())
      mdm.put({ ...d, name: `${d.name}-v2`, updated: mdm.now() });
    cmdb.calls.length = 0;
  }

  test('updates go through updateBatch in groups of maxBatchSize; a failed item fails alone', async () => {
    await renameAll();
    const locked = [...cmdb.devices.keys()][1];
    cmdb.failUpdateFor.add(locked);
    const report = await engine({ batchSize: 3 }).run({ full: false, dryRun: false });
    const batches = cmdb.mutating();
    expect(batches.map((c) => c.split(' ')[0])).toEqual(['batch', 'batch']);
    expect(batches.map((c) => c.split(' ')[1].split(',').length)).toEqual([3, 2]);
    expect(of(report, 'cmdb').writes).toMatchObject({ updated: 4, failed: 1 });
    expect(of(report, 'cmdb').failures[0].message).toMatch(`${locked} is locked`);
    const stored = (await h.store.listRuns()).find((r) => r.id === report.runId)!;
    const cmdbRun = (stored.summary.connectors as Record<string, Record<string, unknown>>).cmdb;
    expect(cmdbRun.failures).toBe(1);
    expect(cmdbRun.failureList).toEqual([
      {
        connector: 'cmdb',
        ref: expect.any(String),
        message: `400 Bad Request: ${locked} is locked`,
      },
    ]);
    const names = [...cmdb.devices.values()].map((d) => d.name);
    expect(names.filter((n) => n?.endsWith('-v2'))).toHaveLength(4);

    cmdb.failUpdateFor.clear();
    cmdb.calls.length = 0;
    await engine({ batchSize: 3 }).run({ full: true, dryRun: false });
    expect(cmdb.mutating()).toEqual([`batch ${locked}`]);
    cmdb.calls.length = 0;
    await engine({ batchSize: 3 }).run({ full: false, dryRun: false });
    expect(cmdb.mutating()).toEqual([]);
  });

  test('a batch that fails as a whole is sent again record by record', async () => {
    await renameAll();
    cmdb.failNextBatch = true;
    const report = await engine({ batchSize: 10 }).run({ full: false, dryRun: false });
    const calls = cmdb.mutating().map((c) => c.split(' ')[0]);
    expect(calls).toEqual(['batch', 'update', 'update', 'update', 'update', 'update']);
    expect(of(report, 'cmdb').writes).toMatchObject({ updated: 5, failed: 0 });
  });
});

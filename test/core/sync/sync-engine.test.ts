import { randomUUID } from 'node:crypto';
import { parseMapping } from '../../../core/mapping/mapping-loader';
import type { EngineConnector } from '../../../core/sync/sync-engine';
import { SyncEngine } from '../../../core/sync/sync-engine';
import { SyncStateStore } from '../../../core/sync/sync-state-store';
import type { KyselyStore } from '../../../core/store/kysely-store';
import { silentLogger } from '../../../core/logging/logger';
import { buildAuthority } from '../../../core/config/authority';
import { ingestHarness, type Harness } from '../../support/ingest-harness';
import { FakeSystem } from './fake-system';

const MDM_MAPPING = parseMapping(
  `version: 1
connector: fake
authority: 60
fields:
  - { core: serial, source: serial }
  - { core: name, source: name }
  - { core: assignment.userEmail, source: owner, authority: 40 }
`,
  'mdm.yaml',
);
const CMDB_MAPPING = parseMapping(
  `version: 1
connector: fake
authority: 50
fields:
  - { core: serial, source: serial, direction: both }
  - { core: name, source: name, direction: both }
  - { core: assignment.userEmail, source: owner, direction: both, authority: 90 }
  - { core: assetTag, source: tag, direction: both, authority: 90 }
`,
  'cmdb.yaml',
);

let h: Harness;
let mdm: FakeSystem;
let cmdb: FakeSystem;

beforeEach(async () => {
  const mappings = new Map([
    ['mdm.yaml', MDM_MAPPING],
    ['cmdb.yaml', CMDB_MAPPING],
  ]);
  const sources = new Map([
    ['mdm', 'mdm.yaml'],
    ['cmdb', 'cmdb.yaml'],
  ]);
  h = await ingestHarness(buildAuthority(null, mappings, sources));
  mdm = new FakeSystem('mdm');
  cmdb = new FakeSystem('cmdb');
  for (let i = 1; i <= 5; i++)
    mdm.put({ id: `m${i}`, serial: `SERIAL000${i}`, name: `mac-${i}`, owner: `u${i}@example.com` });
});
afterEach(async () => h.close());

function engine(policy?: { maxMissingShare: number; retireAfterMissingRuns: number }) {
  const connectors = new Map<string, EngineConnector>([
    ['mdm', { connector: mdm.connector({ write: false, create: false }), mapping: MDM_MAPPING }],
    ['cmdb', { connector: cmdb.connector({ write: true, create: true }), mapping: CMDB_MAPPING }],
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
    policy,
  });
}

describe('SyncEngine', () => {
  test('a first run creates in the CMDB; a second run makes no create or update call', async () => {
    const first = await engine().run({ full: false, dryRun: false });
    expect(first.someFailed).toBe(false);
    expect(cmdb.mutating().filter((c) => c === 'create')).toHaveLength(5);
    expect(await h.store.countAssets()).toBe(5);
    cmdb.calls.length = 0;
    const second = await engine().run({ full: false, dryRun: false });
    expect(cmdb.mutating()).toEqual([]);
    expect(second.connectors.find((c) => c.connector === 'cmdb')!.writes).toMatchObject({
      created: 0,
      updated: 0,
    });
  });

  test('a few assets are written at once, each one once', async () => {
    cmdb.createDelayMs = 20;
    const report = await engine().run({ full: true, dryRun: false });
    expect(report.connectors.find((c) => c.connector === 'cmdb')!.writes.created).toBe(5);
    expect(cmdb.maxInFlight).toBe(5);
    expect(cmdb.mutating().filter((c) => c === 'create')).toHaveLength(5);
  });

  test('a change in one system is written to the other as only that field, and its echo stops there', async () => {
    await engine().run({ full: false, dryRun: false });
    mdm.put({ ...mdm.devices.get('m2')!, name: 'renamed-mac', updated: mdm.now() });
    cmdb.calls.length = 0;
    await engine().run({ full: false, dryRun: false });
    expect(cmdb.mutating()).toEqual([expect.stringMatching(/^update N\d+ name$/)]);
    cmdb.calls.length = 0;
    const [asset] = await h.store.findAssets('SERIAL0002');
    const history = (await h.store.getHistory(asset.id)).length;
    await engine().run({ full: false, dryRun: false });
    expect(cmdb.mutating()).toEqual([]);
    expect((await h.store.getHistory(asset.id)).length).toBe(history);
  });

  test('the CMDB owns assignment: its change wins and flows back to nothing it does not write', async () => {
    await engine().run({ full: false, dryRun: false });
    const rec = [...cmdb.devices.values()].find((d) => d.serial === 'SERIAL0003')!;
    cmdb.put({ ...rec, owner: 'new.owner@example.com', updated: cmdb.now() });
    await engine().run({ full: false, dryRun: false });
    const [asset] = await h.store.findAssets('SERIAL0003');
    expect(asset.assignment.userEmail).toBe('new.owner@example.com');
    mdm.put({ ...mdm.devices.get('m3')!, owner: 'mdm.says@example.com', updated: mdm.now() });
    await engine().run({ full: false, dryRun: false });
    const [again] = await h.store.findAssets('SERIAL0003');
    expect(again.assignment.userEmail).toBe('new.owner@example.com');
  });

  test('an interrupted read resumes from its checkpoint and ends as an uninterrupted run', async () => {
    mdm.failReadAfterPages = 2;
    const broken = await engine().run({ full: false, dryRun: false });
    expect(broken.connectors[0].error).toMatch(/read failed: connection reset/);
    expect(broken.someFailed).toBe(true);
    mdm.failReadAfterPages = null;
    mdm.calls.length = 0;
    const resumed = await engine().run({ full: false, dryRun: false });
    expect(resumed.connectors[0].read.resumed).toBe(true);
    expect(mdm.calls).toEqual(['read 4']);
    expect(await h.store.countAssets()).toBe(5);
    expect([...cmdb.devices.values()]).toHaveLength(5);
    expect(new Set([...cmdb.devices.values()].map((d) => d.serial)).size).toBe(5);
  });

  test('dry run prints the plan and sends no mutating request; nothing is stored', async () => {
    const report = await engine().run({ full: false, dryRun: true });
    const plan = report.connectors.find((c) => c.connector === 'cmdb')!.plan;
    expect(plan).toHaveLength(5);
    expect(plan[0]).toMatchObject({ action: 'create', externalId: null });
    expect(plan[0].fields.map((f) => f.path).sort()).toEqual(['name', 'owner', 'serial']);
    expect(cmdb.mutating()).toEqual([]);
    expect(await h.store.countAssets()).toBe(0);
    expect(await h.store.listRuns()).toEqual([]);
  });

  test('a read-only run stores every system and writes none; the dry run after it is exact', async () => {
    // The CMDB already holds two of the MDM's devices, as tenants synced by hand do.
    for (const i of [1, 2]) cmdb.put({ id: `c${i}`, serial: `SERIAL000${i}`, name: `mac-${i}` });
    const read = await engine().run({ full: true, dryRun: false, readOnly: true });
    expect(read.readOnly).toBe(true);
    expect(cmdb.mutating()).toEqual([]);
    expect(await h.store.countAssets()).toBe(5);
    const dry = await engine().run({ full: true, dryRun: true });
    const plan = dry.connectors.find((c) => c.connector === 'cmdb')!.plan;
    expect(plan.map((p) => p.action).sort()).toEqual([
      'create',
      'create',
      'create',
      'update',
      'update',
    ]);
    const real = await engine().run({ full: true, dryRun: false });
    const writes = real.connectors.find((c) => c.connector === 'cmdb')!.writes;
    expect(writes).toMatchObject({ created: 3, updated: 2, failed: 0 });
  });

  test('a failing record is reported and the others are written', async () => {
    await engine().run({ full: false, dryRun: false });
    const ids = [...cmdb.devices.keys()];
    cmdb.failUpdateFor.add(ids[0]);
    for (const d of mdm.devices.values())
      mdm.put({ ...d, name: `${d.name}-v2`, updated: mdm.now() });
    const report = await engine().run({ full: false, dryRun: false });
    const c = report.connectors.find((x) => x.connector === 'cmdb')!;
    expect(c.writes).toMatchObject({ updated: 4, failed: 1 });
    expect(c.failures[0].message).toMatch(/is locked/);
    expect(report.someFailed).toBe(true);
  });

  test('a create whose answer is lost is looked up again, never duplicated', async () => {
    cmdb.loseNextCreateAnswer = true;
    const report = await engine().run({ full: false, dryRun: false });
    expect(report.connectors.find((x) => x.connector === 'cmdb')!.failures).toEqual([]);
    expect(cmdb.devices.size).toBe(5);
    cmdb.calls.length = 0;
    await engine().run({ full: false, dryRun: false });
    expect(cmdb.mutating()).toEqual([]);
  });

  test('a record found for one asset that is another asset’s is refused and recorded', async () => {
    await engine().run({ full: false, dryRun: false });
    const [firstAsset] = await h.store.findByExternalIds('mdm', ['m1']);
    const [bound] = [...cmdb.devices.values()].filter((d) => d.name === 'mac-1');
    cmdb.findByName = true;
    mdm.put({ id: 'm6', serial: 'SERIAL0006', name: 'mac-1', owner: 'u6@example.com' });
    cmdb.calls.length = 0;
    const cmdbReport = async () =>
      (await engine().run({ full: false, dryRun: false })).connectors.find(
        (x) => x.connector === 'cmdb',
      )!;
    const first = await cmdbReport();
    expect(first.writes).toMatchObject({ created: 0, updated: 0, failed: 1, held: 0 });
    expect(first.failures[0].message).toMatch(
      new RegExp(`cmdb record ${bound!.id} is the record of asset ${firstAsset!.assetId}`),
    );
    // The open conflict holds the create back: no look-up, no failure, until it is resolved.
    cmdb.calls.length = 0;
    const second = await cmdbReport();
    expect(second.writes).toMatchObject({ failed: 0, held: 1 });
    expect(cmdb.calls.filter((c) => c === 'find')).toEqual([]);
    expect(cmdb.mutating()).toEqual([]);
    expect(cmdb.devices.get(bound!.id)).toMatchObject({
      serial: 'SERIAL0001',
      owner: 'u1@example.com',
    });
    const [conflict] = await h.store.listConflicts();
    expect(conflict).toMatchObject({ kind: 'multiple_assets', source: 'cmdb', occurrences: 1 });
    expect(conflict!.assetIds).toContain(firstAsset!.assetId);
    const [m6] = await h.store.findByExternalIds('mdm', ['m6']);
    expect(conflict!.assetIds).toContain(m6!.assetId);
    await h.store.resolveConflict(conflict!.id, new Date().toISOString());
    expect((await cmdbReport()).writes).toMatchObject({ failed: 1, held: 0 });
    expect(await h.store.listConflicts({ status: 'open' })).toHaveLength(1);
    const [stillFirst] = await h.store.findByExternalIds('cmdb', [bound!.id]);
    expect(stillFirst!.assetId).toBe(firstAsset!.assetId);
  });

  test('records missing from a complete read are marked, then retired; a large sweep stops', async () => {
    const policy = { maxMissingShare: 0.25, retireAfterMissingRuns: 2 };
    await engine(policy).run({ full: true, dryRun: false });
    mdm.devices.delete('m5');
    const r1 = await engine(policy).run({ full: true, dryRun: false });
    expect(r1.connectors[0].missing).toMatchObject({ marked: 1, retired: 0, stopped: null });
    const r2 = await engine(policy).run({ full: true, dryRun: false });
    expect(r2.connectors[0].missing).toMatchObject({ retired: 1 });
    const [gone] = await h.store.findAssets('SERIAL0005');
    expect(gone.lifecycle.stage).toBe('retired');
    mdm.devices.delete('m1');
    mdm.devices.delete('m2');
    const r3 = await engine(policy).run({ full: true, dryRun: false });
    expect(r3.connectors[0].missing.stopped).toMatch(
      /2 of 4 mdm records \(50\.0 %\).*limit of 25 %/,
    );
    const [still] = await h.store.findAssets('SERIAL0001');
    expect(still.lifecycle.stage).not.toBe('retired');
  });

  test('a webhook hint re-reads the record, reconciles it and writes the change once', async () => {
    await engine().run({ full: false, dryRun: false });
    mdm.put({ ...mdm.devices.get('m4')!, name: 'hinted-rename', updated: mdm.now() });
    cmdb.calls.length = 0;
    const report = await engine().applyWebhookEvents('mdm', [
      { kind: 'record', externalId: 'm4', deleted: false },
      { kind: 'record', externalId: 'gone', deleted: true },
    ]);
    expect(report.someFailed).toBe(false);
    expect(mdm.calls).toContain('fetch m4');
    expect(cmdb.mutating()).toEqual([expect.stringMatching(/^update N\d+ name$/)]);
    const [asset] = await h.store.findAssets('SERIAL0004');
    expect(asset.name).toBe('hinted-rename');
    cmdb.calls.length = 0;
    await engine().run({ full: false, dryRun: false });
    expect(cmdb.mutating()).toEqual([]);
  });

  test('a field changed on both sides is recorded as a conflict and authority decides', async () => {
    await engine().run({ full: false, dryRun: false });
    const rec = [...cmdb.devices.values()].find((d) => d.serial === 'SERIAL0001')!;
    cmdb.put({ ...rec, name: 'cmdb-name', updated: cmdb.now() });
    mdm.put({ ...mdm.devices.get('m1')!, name: 'mdm-name', updated: mdm.now() });
    const report = await engine().run({ full: false, dryRun: false });
    expect(report.connectors.find((c) => c.connector === 'cmdb')!.read.fieldConflicts).toBe(1);
    const [conflict] = await h.store.listConflicts();
    expect(conflict).toMatchObject({ kind: 'field_conflict', source: 'cmdb', externalId: rec.id });
    expect(conflict.summary).toMatch(/both changed name/);
    const [asset] = await h.store.findAssets('SERIAL0001');
    expect(asset.name).toBe('mdm-name');
    expect(cmdb.devices.get(rec.id)!.name).toBe('mdm-name');
    await engine().run({ full: false, dryRun: false });
    expect((await h.store.listConflicts()).map((c) => c.occurrences)).toEqual([1]);
  });

  test('runs and record outcomes reach the runtime metrics', async () => {
    const runs: string[] = [];
    const outcomes: string[] = [];
    const e = engine();
    e.useMetrics({
      recordRun: (kind, status) => runs.push(`${kind} ${status}`),
      recordOutcomes: (connector, counts) => outcomes.push(`${connector} ${counts.created}`),
    });
    await e.run({ full: true, dryRun: false });
    expect(runs).toEqual(['full ok']);
    expect(outcomes).toEqual(['mdm 5', 'cmdb 0']);
  });

  test('a webhook run reaches the metrics labelled webhook, not incremental', async () => {
    const runs: string[] = [];
    const e = engine();
    await e.run({ full: false, dryRun: false });
    e.useMetrics({
      recordRun: (kind, status) => runs.push(`${kind} ${status}`),
      recordOutcomes() {},
    });
    mdm.put({ ...mdm.devices.get('m1')!, name: 'hooked', updated: mdm.now() });
    await e.applyWebhookEvents('mdm', [{ kind: 'record', externalId: 'm1', deleted: false }]);
    expect(runs).toEqual(['webhook ok']);
  });
});

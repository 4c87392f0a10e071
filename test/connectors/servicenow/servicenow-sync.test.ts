import type { Observation } from '../../../core/identity/observation';
import { JAMF, matching, reportOf, snWorld, cleanFleet, type SnWorld } from './servicenow-harness';

let w: SnWorld;
beforeEach(async () => {
  w = await snWorld();
});
afterEach(async () => w.close());

const writes = (reqs: Awaited<ReturnType<SnWorld['requests']>>) =>
  reqs.filter((r) => r.method !== 'GET' && r.method !== 'HEAD');

let seq = 0;
/** Assets the core learnt from another system (as the Jamf instance would report them). */
async function coreAssets(values: Observation['values'][]): Promise<void> {
  const runId = `seed-${++seq}`;
  await w.h.store.startRun({
    id: runId,
    kind: 'import',
    startedAt: new Date().toISOString(),
    summary: {},
  });
  const obs: Observation[] = values.map((v, i) => ({
    source: JAMF,
    externalId: `computer:${String(v.assetTag ?? v.serial ?? i)}`,
    observedAt: new Date().toISOString(),
    values: v,
    ref: `test ${i}`,
  }));
  const outcomes = await w.h.ingestor.ingest(obs, runId);
  expect(outcomes.map((o) => o.status).filter((s) => s === 'rejected')).toEqual([]);
}

async function seedUser(email: string, name: string): Promise<string> {
  await w.control('POST', '/seed', {
    tables: { sys_user: [{ user_name: email.split('@')[0], email, name }] },
  });
  return (await w.table('sys_user', `email=${email}`))[0]!.sys_id!;
}

const LAPTOP = {
  serial: 'C02UNI0001',
  name: 'Ünïcode Mäc – Žofie 💻',
  category: 'laptop',
  manufacturer: 'Apple',
  model: 'MacBook Pro',
  assetTag: 'AB-9001',
  'assignment.userEmail': 'ada@example.com',
  'assignment.location': 'Zürich HQ',
  'lifecycle.stage': 'deployed',
  'warranty.end': '2027-05-31',
  'hardware.memoryGb': 16,
  'os.version': '14.5',
} as const;
const PRINTER = {
  name: 'PRN-Ørsted-2',
  category: 'printer',
  assetTag: 'AB-9002',
  'lifecycle.stage': 'in_stock',
} as const;

describe('ServiceNow sync against the simulator', () => {
  test('a full read brings every CI in; the run after it writes nothing', async () => {
    const fleet = cleanFleet(12, { servicenow: true });
    const counts = w.sim.seedFromFleet(fleet);
    const first = await w.run({ full: true });
    const r = reportOf(first);
    expect(r.error).toBeNull();
    expect(r.failures).toEqual([]);
    expect(r.read.records).toBe(counts.cis);
    expect(r.read.outcomes.created).toBe(counts.cis);
    await w.clearLog();
    const second = await w.run();
    expect(reportOf(second).error).toBeNull();
    expect(writes(await w.requests())).toEqual([]);
  });

  test('Unicode names, places and people are read as ServiceNow holds them and not rewritten', async () => {
    const zoe = await seedUser('zoë.ñúñez@example.com', 'Zoë Ñúñez');
    await w.control('POST', '/seed', {
      tables: {
        cmn_location: [{ sys_id: 'c'.repeat(32), name: 'São Paulo – Escritório 東京' }],
        cmdb_ci_computer: [
          {
            sys_id: 'd'.repeat(32),
            name: 'Ordinateur de Zoë – 東京',
            serial_number: 'ZOE0001',
            asset: 'e'.repeat(32),
            assigned_to: zoe,
            location: 'c'.repeat(32),
            sys_updated_on: '2026-11-01 10:00:00',
          },
        ],
        alm_hardware: [
          {
            sys_id: 'e'.repeat(32),
            ci: 'd'.repeat(32),
            asset_tag: 'AB-Ω1',
            install_status: '1',
            assigned_to: zoe,
            location: 'c'.repeat(32),
            sys_updated_on: '2026-11-01 10:00:00',
          },
        ],
      },
    });
    const first = reportOf(await w.run({ full: true }));
    expect(first.failures).toEqual([]);
    const [asset] = await w.h.store.findAssets('ZOE0001');
    expect(asset).toMatchObject({
      name: 'Ordinateur de Zoë – 東京',
      assetTag: 'AB-Ω1',
      assignment: { userEmail: 'zoë.ñúñez@example.com', location: 'São Paulo – Escritório 東京' },
      lifecycle: expect.objectContaining({ stage: 'deployed' }),
    });
    expect(first.writes).toMatchObject({ created: 0, updated: 0 });
    await w.clearLog();
    await w.run();
    expect(writes(await w.requests())).toEqual([]);
  });

  test('creates CIs through the IRE and their hardware assets pointing back; then writes nothing', async () => {
    const ada = await seedUser('ada@example.com', 'Ada Lovelace');
    await coreAssets([{ ...LAPTOP }, { ...PRINTER }]);
    const first = await w.run({ full: true });
    const r = reportOf(first);
    expect(r.failures).toEqual([]);
    expect(r.writes.created).toBe(2);
    const ire = matching(await w.requests(), 'POST', /^\/api\/now\/identifyreconcile$/);
    expect(ire).toHaveLength(2);
    expect(ire.every((q) => q.query.includes('sysparm_data_source=AssetSync'))).toBe(true);

    const [ci] = await w.table('cmdb_ci_hardware', 'serial_number=C02UNI0001');
    expect(ci).toMatchObject({
      sys_class_name: 'cmdb_ci_computer',
      name: 'Ünïcode Mäc – Žofie 💻',
      discovery_source: 'AssetSync',
      ram: '16384',
    });
    const [asset] = await w.table('alm_hardware', `ci=${ci!.sys_id}`);
    expect(asset).toMatchObject({
      sys_id: ci!.asset,
      asset_tag: 'AB-9001',
      assigned_to: ada,
      install_status: '1',
      warranty_expiration: '2027-05-31',
    });
    const [place] = await w.table('cmn_location', `sys_id=${asset!.location}`);
    expect(place!.name).toBe('Zürich HQ');

    const [printer] = await w.table('cmdb_ci_hardware', 'name=PRN-Ørsted-2');
    expect(printer).toMatchObject({ sys_class_name: 'cmdb_ci_printer', serial_number: '' });
    const [printerAsset] = await w.table('alm_hardware', `ci=${printer!.sys_id}`);
    expect(printerAsset).toMatchObject({
      install_status: '6',
      substatus: 'available',
      asset_tag: 'AB-9002',
    });

    await w.clearLog();
    const second = await w.run();
    expect(reportOf(second).failures).toEqual([]);
    expect(reportOf(second).writes).toMatchObject({ created: 0, updated: 0 });
    expect(writes(await w.requests())).toEqual([]);
    expect(await w.table('cmdb_ci_hardware', 'discovery_source=AssetSync')).toHaveLength(2);
  });

  test('a new device named like other devices is created as its own CI, not merged into theirs', async () => {
    const name = 'Jennifer’s MacBook Pro';
    await w.control('POST', '/seed', {
      tables: {
        cmdb_ci_computer: [
          { name, serial_number: 'C02OTHER0001', discovery_source: 'ServiceNow' },
          { name, serial_number: 'C02OTHER0002', discovery_source: 'ServiceNow' },
        ],
      },
    });
    await coreAssets([{ ...LAPTOP, name, 'assignment.userEmail': null }]);
    const r = reportOf(await w.run({ full: true }));
    expect(r.failures).toEqual([]);
    expect(r.writes.created).toBe(1);
    const named = await w.table('cmdb_ci_hardware', `name=${name}`);
    expect(named.map((ci) => ci.serial_number).sort()).toEqual([
      'C02OTHER0001',
      'C02OTHER0002',
      'C02UNI0001',
    ]);
    await w.clearLog();
    await w.run();
    expect(writes(await w.requests())).toEqual([]);
  });

  test('a device named like the serial-less CI of another asset gets a CI of its own', async () => {
    const name = 'Wei’s iPhone 15 Pro';
    const noSerial = { ...PRINTER, name, category: 'laptop', assetTag: 'AB-9101' };
    await coreAssets([noSerial]);
    expect(reportOf(await w.run({ full: true })).writes.created).toBe(1);
    const [theirs] = await w.table('cmdb_ci_hardware', `name=${name}`);
    expect(theirs!.serial_number).toBe('');

    await coreAssets([{ ...LAPTOP, name, 'assignment.userEmail': null }]);
    const r = reportOf(await w.run({ full: true }));
    expect(r.failures).toEqual([]);
    expect(r.writes.created).toBe(1);
    const named = await w.table('cmdb_ci_hardware', `name=${name}`);
    expect(named.map((ci) => ci.serial_number).sort()).toEqual(['', 'C02UNI0001']);
    const [again] = await w.table('cmdb_ci_hardware', `sys_id=${theirs!.sys_id}`);
    expect(again).toEqual(theirs);
    expect(await w.h.store.listConflicts()).toEqual([]);

    await w.clearLog();
    const third = reportOf(await w.run({ full: true }));
    expect(third.failures).toEqual([]);
    expect(writes(await w.requests())).toEqual([]);
  });

  test('a serial-less device named like another asset’s CI is refused, not merged into it', async () => {
    const name = 'Wei’s iPhone 15 Pro';
    await coreAssets([{ ...LAPTOP, name, 'assignment.userEmail': null }]);
    expect(reportOf(await w.run({ full: true })).writes.created).toBe(1);
    const [theirs] = await w.table('cmdb_ci_hardware', `name=${name}`);

    await coreAssets([{ ...PRINTER, name, category: 'laptop', assetTag: 'AB-9101' }]);
    await w.clearLog();
    const r = reportOf(await w.run({ full: true }));
    expect(r.writes.created).toBe(0);
    expect(r.failures).toHaveLength(1);
    expect(r.failures[0]!.message).toMatch(
      new RegExp(`has no serial and its name '${name}' is that of CI ${theirs!.sys_id}`),
    );
    expect(writes(await w.requests())).toEqual([]);
    const named = await w.table('cmdb_ci_hardware', `name=${name}`);
    expect(named).toEqual([theirs]);
    const [conflict] = await w.h.store.listConflicts({ status: 'open' });
    expect(conflict).toMatchObject({ kind: 'multiple_assets', externalId: theirs!.sys_id });
    const again = reportOf(await w.run({ full: true }));
    expect(again.failures).toEqual([]);
    expect(again.writes).toMatchObject({ created: 0, held: 1 });
  });

  test('same-named devices created in one run are never merged, in either order', async () => {
    const name = 'Wei’s iPhone 15 Pro';
    await coreAssets([
      { ...PRINTER, name, category: 'laptop', assetTag: 'AB-9101' },
      { ...LAPTOP, name, 'assignment.userEmail': null },
    ]);
    const first = reportOf(await w.run({ full: true }));
    await w.run({ full: true });
    const [noSerial] = await w.h.store.findAssets('AB-9101');
    expect(noSerial).toBeDefined();
    expect(noSerial!.serial ?? null).toBeNull();
    const serials = (await w.table('cmdb_ci_hardware', `name=${name}`)).map((c) => c.serial_number);
    if (first.failures.length === 0) expect(serials.sort()).toEqual(['', 'C02UNI0001']);
    else expect(serials).toEqual(['C02UNI0001']);
  });

  test('updates go through the IRE (also for a CI without serial) and are not repeated', async () => {
    await seedUser('ada@example.com', 'Ada Lovelace');
    await coreAssets([{ ...LAPTOP }, { ...PRINTER }]);
    await w.run({ full: true });
    await coreAssets([
      { ...LAPTOP, name: 'Žofie’s Mac (renamed)', 'os.version': '15.0' },
      { ...PRINTER, name: 'PRN-Ørsted-3' },
    ]);
    await w.clearLog();
    const r = reportOf(await w.run());
    expect(r.failures).toEqual([]);
    expect(r.writes.updated).toBe(2);
    const reqs = await w.requests();
    expect(matching(reqs, 'POST', /identifyreconcile/)).toHaveLength(2);
    expect(matching(reqs, 'PATCH', /cmdb_ci/)).toEqual([]);
    const [ci] = await w.table('cmdb_ci_computer', 'serial_number=C02UNI0001');
    expect(ci).toMatchObject({ name: 'Žofie’s Mac (renamed)', os_version: '15.0' });
    expect(await w.table('cmdb_ci_hardware', 'name=PRN-Ørsted-3')).toHaveLength(1);
    expect(await w.table('cmdb_ci_hardware', 'discovery_source=AssetSync')).toHaveLength(2);
    // The CI without serial read back is the same asset, not a second one.
    expect((await w.h.store.listAssets({ limit: 10, after: null })).assets).toHaveLength(2);
    await w.clearLog();
    await w.run();
    expect(writes(await w.requests())).toEqual([]);
  });

  test('IRE errors are reported on their record; the other records are written', async () => {
    await coreAssets([
      { ...LAPTOP, 'assignment.userEmail': null, 'assignment.location': null },
      { ...PRINTER },
      { category: 'desktop', assetTag: 'AB-9003', 'lifecycle.stage': 'in_stock' },
    ]);
    const r = reportOf(
      await w.run({ full: true, options: { ciClasses: { printer: 'cmdb_ci_network_adapter' } } }),
    );
    expect(r.writes.created).toBe(1);
    expect(r.writes.failed).toBe(2);
    const messages = r.failures.map((f) => f.message).sort();
    expect(messages).toEqual([
      expect.stringMatching(/IRE refused the cmdb_ci_computer CI: MISSING_MATCHING_ATTRIBUTES/),
      expect.stringMatching(
        /IRE refused the cmdb_ci_network_adapter CI: IDENTIFICATION_RULE_MISSING/,
      ),
    ]);
    expect(await w.table('cmdb_ci_hardware', 'discovery_source=AssetSync')).toHaveLength(1);
  });

  test('an unknown user fails that record with a reason; an unregistered data source fails every item', async () => {
    await coreAssets([{ ...LAPTOP, 'assignment.userEmail': 'nobody@example.com' }]);
    const r = reportOf(await w.run({ full: true }));
    expect(r.failures.map((f) => f.message)).toEqual([
      expect.stringMatching(/no sys_user record with email 'nobody@example.com'/),
    ]);
    expect(await w.table('cmdb_ci_hardware', 'serial_number=C02UNI0001')).toEqual([]);
    const skipped = reportOf(await w.run({ full: true, options: { unknownUsers: 'skip' } }));
    expect(skipped.failures).toEqual([]);
    const [ci] = await w.table('cmdb_ci_hardware', 'serial_number=C02UNI0001');
    expect((await w.table('alm_hardware', `ci=${ci!.sys_id}`))[0]).toMatchObject({
      asset_tag: 'AB-9001',
      assigned_to: '',
    });
    await coreAssets([{ ...PRINTER }]);
    const bad = reportOf(await w.run({ full: true, options: { dataSource: 'NotRegistered' } }));
    expect(bad.failures.map((f) => f.message).sort()).toEqual([
      expect.stringMatching(/INVALID_INPUT_DATA: In payload invalid data source \[NotRegistered\]/),
      expect.stringMatching(/no sys_user record/),
    ]);
  });
});

describe('ServiceNow creates whose answer is lost', () => {
  test('a create answer cut off is looked up again, never sent twice', async () => {
    await seedUser('ada@example.com', 'Ada Lovelace');
    await coreAssets([{ ...LAPTOP }, { ...PRINTER }]);
    await w.control('PUT', '/faults', {
      rules: [{ method: 'POST', path: '/api/now/identifyreconcile', kind: 'truncate', count: 2 }],
    });
    const r = reportOf(await w.run({ full: true }));
    expect(r.failures).toEqual([]);
    expect(r.writes.created).toBe(2);
    const ire = matching(await w.requests(), 'POST', /identifyreconcile/);
    expect(ire.map((q) => q.fault)).toEqual(['truncate', 'truncate']);
    expect(await w.table('cmdb_ci_hardware', 'discovery_source=AssetSync')).toHaveLength(2);
    // The asset records were not written with the lost answer; the next run adds them.
    const next = reportOf(await w.run());
    expect(next.failures).toEqual([]);
    const [ci] = await w.table('cmdb_ci_hardware', 'serial_number=C02UNI0001');
    expect((await w.table('alm_hardware', `ci=${ci!.sys_id}`))[0]).toMatchObject({
      asset_tag: 'AB-9001',
    });
    await w.clearLog();
    await w.run();
    expect(writes(await w.requests())).toEqual([]);
    expect((await w.h.store.listAssets({ limit: 10, after: null })).assets).toHaveLength(2);
  });
});

describe('ServiceNow retire', () => {
  test('retire sets the asset and the CI to Retired, deleting nothing', async () => {
    await seedUser('ada@example.com', 'Ada Lovelace');
    await coreAssets([{ ...LAPTOP }]);
    await w.run({ full: true });
    const [asset] = await w.h.store.findAssets('C02UNI0001');
    const [ci] = await w.table('cmdb_ci_hardware', 'serial_number=C02UNI0001');
    await w.connector().writer!.retire!(ci!.sys_id!, asset!);
    expect((await w.table('alm_hardware', `ci=${ci!.sys_id}`))[0]).toMatchObject({
      install_status: '7',
      substatus: 'disposed',
    });
    expect((await w.table('cmdb_ci_hardware', `sys_id=${ci!.sys_id}`))[0]).toMatchObject({
      install_status: '7',
    });
    await w.connector().writer!.retire!('f'.repeat(32), asset!);
    // Already retired on both: retiring again writes nothing.
    await w.clearLog();
    await w.connector().writer!.retire!(ci!.sys_id!, asset!);
    expect(writes(await w.requests())).toEqual([]);
  });
});

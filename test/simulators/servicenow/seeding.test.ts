import { generateFleet } from '../../../simulators/fleet/fleet-generator';
import { createServiceNowSimulator } from '../../../simulators/servicenow';
import { resultList, resultOne, startSn, type SnHarness } from './sn-test-client';

let h: SnHarness;

beforeAll(async () => {
  h = await startSn();
});

afterAll(async () => {
  await h.running.close();
});

beforeEach(async () => {
  await h.http.post('/_sim/reset');
});

/** A cmdb_ci_computer row as the Table API exports it (shape modelled on a real export). */
const EXPORTED_ROW = {
  asset: '',
  asset_tag: 'P1000479',
  assigned_to: {
    link: 'https://example.service-now.com/api/now/table/sys_user/5137153cc611227c000bbd1bd8cd2005',
    value: '5137153cc611227c000bbd1bd8cd2005',
  },
  install_status: '1',
  name: 'Léa’s MacBook Pro — 16″',
  serial_number: 'C02ZK1XYMD6R',
  sys_class_name: 'cmdb_ci_computer',
  sys_created_by: 'admin',
  sys_created_on: '2019-03-05 22:54:31',
  sys_id: '8fbc3c053bc07300b924874064efc4ae',
  sys_mod_count: '4',
  sys_updated_by: 'admin',
  sys_updated_on: '2021-07-01 08:00:00',
};

describe('POST /_sim/seed', () => {
  test('a generated fleet becomes CIs of the right classes, most with a linked asset', async () => {
    const res = await h.http.post('/_sim/seed', { fleet: { size: 300, seed: 11 } });
    expect(res.status).toBe(200);
    const { cis, assets, devices } = res.data.fleet as {
      cis: number;
      assets: number;
      devices: number;
    };
    expect(devices).toBeGreaterThan(0);
    expect(assets).toBeLessThan(cis);
    const hw = await h.http.get('/api/now/table/cmdb_ci_hardware', {
      params: {
        sysparm_fields: 'sys_id,sys_class_name,asset',
        sysparm_exclude_reference_link: true,
      },
    });
    expect(hw.headers['x-total-count']).toBe(String(cis));
    const classes = new Set(resultList(hw.data).map((r) => r.sys_class_name));
    expect(classes.has('cmdb_ci_computer')).toBe(true);
    const linked = resultList(hw.data).find((r) => r.asset !== '');
    expect(linked).toBeDefined();
    const asset = await h.http.get(`/api/now/table/alm_hardware/${String(linked?.asset)}`, {
      params: { sysparm_exclude_reference_link: true },
    });
    expect(resultOne(asset.data).ci).toBe(linked?.sys_id);
    const users = await h.http.get('/api/now/table/sys_user?sysparm_limit=1');
    expect(Number(users.headers['x-total-count'])).toBeGreaterThan(1);
    const models = await h.http.get('/api/now/table/cmdb_model?sysparm_limit=1');
    expect(resultList(models.data)[0].sys_class_name).toBe('cmdb_hardware_product_model');
  });

  test('records in the Table API format are replayed as they were exported', async () => {
    const res = await h.http.post('/_sim/seed', { tables: { cmdb_ci: [EXPORTED_ROW] } });
    expect(res.data).toEqual({ tables: { cmdb_ci: 1 } });
    const rec = resultOne(
      (await h.http.get(`/api/now/table/cmdb_ci_computer/${EXPORTED_ROW.sys_id}`)).data,
    );
    expect(rec).toMatchObject({
      name: EXPORTED_ROW.name,
      sys_class_name: 'cmdb_ci_computer',
      sys_mod_count: '4',
      sys_created_on: '2019-03-05 22:54:31',
      sys_updated_on: '2021-07-01 08:00:00',
    });
    expect(rec.assigned_to).toMatchObject({ value: EXPORTED_ROW.assigned_to.value });
  });

  test('a bad seed body answers 400 with a message naming the problem', async () => {
    const res = await h.http.post('/_sim/seed', { fleet: { size: 'ten' } });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.data)).toContain('fleet.size');
    const table = await h.http.post('/_sim/seed', { tables: { no_table: [{}] } });
    expect(table.status).toBe(400);
    expect(JSON.stringify(table.data)).toContain('no_table');
    const empty = await h.http.post('/_sim/seed', {});
    expect(empty.status).toBe(400);
  });

  test('reset empties the tables but keeps the discovery_source choices', async () => {
    await h.http.post('/_sim/seed', { tables: { cmdb_ci: [EXPORTED_ROW] } });
    await h.http.post('/_sim/reset');
    const list = await h.http.get('/api/now/table/cmdb_ci');
    expect(resultList(list.data)).toEqual([]);
    const choices = await h.http.get(
      '/api/now/table/sys_choice?sysparm_query=name=cmdb_ci^element=discovery_source^value=ServiceNow',
    );
    expect(resultList(choices.data)).toHaveLength(1);
  });
});

describe('seedFromFleet', () => {
  test('is deterministic for the same fleet and simulator seed', () => {
    const fleet = generateFleet({ size: 120, seed: 5 });
    const a = createServiceNowSimulator({ seed: 3 });
    const b = createServiceNowSimulator({ seed: 3 });
    expect(a.seedFromFleet(fleet)).toEqual(b.seedFromFleet(fleet));
    const ids = (s: typeof a): string[] => [...s.state.store.scan('cmdb_ci')].map((r) => r.sys_id);
    expect(ids(a)).toEqual(ids(b));
  });

  test('seeding twice reuses people, places, companies and models', () => {
    const fleet = generateFleet({ size: 150, seed: 4 });
    const sim = createServiceNowSimulator();
    sim.seedFromFleet(fleet);
    const count = (table: string): number => sim.state.store.count(table);
    const before = ['sys_user', 'cmn_location', 'core_company', 'cmdb_model'].map(count);
    sim.seedFromFleet(fleet);
    expect(['sys_user', 'cmn_location', 'core_company', 'cmdb_model'].map(count)).toEqual(before);
  });

  test('every owner in the fleet has one sys_user, also those of devices held elsewhere', () => {
    const fleet = generateFleet({ size: 300, seed: 42 });
    const sim = createServiceNowSimulator();
    sim.seedFromFleet(fleet);
    const owners = fleet.filter((d) => d.userEmail !== null);
    const elsewhere = owners.filter((d) => !d.presence.servicenow || d.hidden);
    expect(elsewhere.length).toBeGreaterThan(0);
    for (const device of owners) {
      const email = device.userEmail as string;
      const users = sim.state.store.findBy('sys_user', 'email', email);
      expect(users.map((u) => u.name)).toEqual([device.userFullName]);
    }
    const emails = [...sim.state.store.scan('sys_user')].flatMap((u) =>
      u.email ? [u.email.toLowerCase()] : [],
    );
    expect(new Set(emails).size).toBe(emails.length);
  });

  test('only devices present in servicenow and not hidden are rendered', () => {
    const fleet = generateFleet({ size: 200, seed: 9 });
    const sim = createServiceNowSimulator();
    const counts = sim.seedFromFleet(fleet);
    const expected = fleet.filter((d) => d.presence.servicenow && !d.hidden).length;
    expect(counts.devices).toBe(expected);
    const keys = new Set(fleet.map((d) => d.key));
    for (const ci of sim.state.store.scan('cmdb_ci_hardware')) {
      expect(keys.has(ci.correlation_id)).toBe(true);
    }
  });
});

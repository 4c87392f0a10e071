import { intuneFleet, intuneWorld, reportOf, type IntuneWorld } from './intune-sync-harness';

const SIZE = 5000;
let w: IntuneWorld;
let listed: string[];

beforeAll(async () => {
  w = await intuneWorld({ emptyPageRate: 0.1 });
  w.sim.seedFromFleet(intuneFleet(SIZE));
  listed = w.sim.state.visibleIds();
}, 30_000);
afterAll(async () => w.close());

describe('Intune connector over 5,000 devices', () => {
  test('a full read binds every listed device, past empty pages, and is complete', async () => {
    const report = reportOf(await w.run({ connectorOptions: { pageSize: 1000 } }));
    expect(report.error).toBeNull();
    expect(report.read).toMatchObject({ mode: 'full', complete: true, records: listed.length });
    expect(listed.length).toBeGreaterThan(SIZE);
    const requests = (await w.control('GET', '/requests')) as {
      requests: { path: string; query: string }[];
    };
    const lists = requests.requests.filter((r) => r.path.endsWith('/managedDevices'));
    expect(lists.length).toBeGreaterThan(Math.ceil(listed.length / 1000));
    const first = new URLSearchParams(lists[0].query);
    expect(first.get('$count')).toBe('true');
    expect(first.get('$select')!.split(',')).toEqual(
      expect.arrayContaining(['id', 'lastSyncDateTime', 'serialNumber', 'notes']),
    );
    const assets = await w.h.store.countAssets();
    expect(assets).toBeLessThan(listed.length);
    expect(assets).toBeGreaterThan(SIZE * 0.95);
    // The HTTP read itself takes about a second; creating 5,000 assets in the engine takes most
    // of the time (20-30 s on a loaded machine), hence the longer limit.
  }, 60_000);

  test('an incremental read returns only the devices that synced since, $filter applied or not', async () => {
    const serialOf = (id: string) => String(w.sim.state.devices.get(id)!.serialNumber);
    const changed = listed
      .filter((id) => /^[A-Z0-9]{7,}$/.test(serialOf(id)) && !/^(.)\1+$/.test(serialOf(id)))
      .slice(100, 110);
    for (const id of changed) {
      await w.control('POST', `/devices/${id}/sync`, { deviceName: `renamed-${id.slice(0, 8)}` });
    }
    await w.control('DELETE', '/requests');
    const applied = reportOf(await w.run());
    expect(applied.error).toBeNull();
    expect(applied.read.mode).toBe('incremental');
    expect(applied.read.records).toBeGreaterThanOrEqual(10);
    expect(applied.read.records).toBeLessThanOrEqual(11);
    const requests = (await w.control('GET', '/requests')) as {
      requests: { path: string; query: string }[];
    };
    const list = requests.requests.find((r) => r.path.endsWith('/managedDevices'))!;
    expect(new URLSearchParams(list.query).get('$filter')).toMatch(
      /^lastSyncDateTime ge \d{4}-\d\d-\d\dT[\d:.]+Z$/,
    );
    for (const id of changed) {
      const [asset] = await w.h.store.findAssets(serialOf(id));
      expect(asset?.name).toBe(`renamed-${id.slice(0, 8)}`);
    }

    await w.configure({ filterMode: 'ignore' });
    await w.control('POST', `/devices/${changed[0]}/sync`, { deviceName: 'renamed-again' });
    const ignored = reportOf(await w.run());
    expect(ignored.error).toBeNull();
    expect(ignored.read.records).toBeGreaterThanOrEqual(1);
    expect(ignored.read.records).toBeLessThanOrEqual(2);
    expect((await w.h.store.findAssets(serialOf(changed[0])))[0]?.name).toBe('renamed-again');
    await w.configure({ filterMode: 'apply' });
  }, 30_000);

  test('a second full run over unchanged data writes nothing', async () => {
    await w.control('DELETE', '/requests');
    const report = reportOf(await w.run({ full: true }));
    expect(report.error).toBeNull();
    expect(report.read.complete).toBe(true);
    expect(report.writes).toMatchObject({ created: 0, updated: 0, failed: 0 });
    const stats = await w.stats();
    expect(stats.byMethod.PATCH ?? 0).toBe(0);
    const tokenPosts = Object.entries(stats.byRoute)
      .filter(([route]) => route.startsWith('POST ') && route.endsWith('/token'))
      .reduce((n, [, count]) => n + count, 0);
    expect(stats.mutating).toBe(tokenPosts);
  }, 30_000);
});

import { cleanJamfFleet, INSTANCE, jamfTestBed, matching, type JamfTestBed } from './jamf-harness';

let bed: JamfTestBed;

beforeEach(async () => {
  bed = await jamfTestBed();
});
afterEach(async () => bed.close());

const reportOf = (r: { connectors: { connector: string }[] }) =>
  r.connectors.find((c) => c.connector === INSTANCE) as never as {
    error: string | null;
    read: {
      mode: string;
      records: number;
      complete: boolean;
      pages: number;
      outcomes: Record<string, number>;
    };
    writes: { updated: number; unchanged: number; failed: number };
  };

describe('Jamf connector reads', () => {
  test('full then incremental read of 5,000 devices; a second run writes nothing', async () => {
    const counts = bed.sim.seedFromFleet(cleanJamfFleet(5000));
    expect(counts.computers + counts.mobileDevices).toBe(5000);
    const connector = bed.connector();
    const first = reportOf(await bed.engine(connector).run({ full: true, dryRun: false }));
    expect(first.error).toBeNull();
    expect(first.read).toMatchObject({ mode: 'full', records: 5000, complete: true });
    expect(first.read.outcomes.created).toBe(5000);
    expect(await bed.h.store.countAssets()).toBe(5000);

    const requests = await bed.requests();
    const lists = matching(requests, 'GET', /computers-inventory$|mobile-devices\/detail$/);
    // 2000 a page: 5000 devices over two kinds need at most 4 pages (plus nothing else).
    expect(lists.length).toBeLessThanOrEqual(4);
    for (const r of lists) {
      const q = new URLSearchParams(r.query);
      expect(q.get('page-size')).toBe('2000');
      expect(q.get('sort')).toMatch(/^(id|mobileDeviceId):asc$/);
      expect(q.getAll('section')).not.toContain('APPLICATIONS');
    }
    expect(lists[0].path).toBe('/api/v4/computers-inventory');
    expect(new URLSearchParams(lists[0].query).getAll('section')).toEqual([
      'GENERAL',
      'HARDWARE',
      'OPERATING_SYSTEM',
      'PURCHASING',
      'STORAGE',
      'USER_AND_LOCATION',
    ]);
    expect(matching(requests, 'PATCH', /./)).toEqual([]);

    // Core ingest of 5,000 new assets dominates this test's time (the connector's read is ~3 s).
    // Three devices report again; the incremental read sees those (inclusive bound) and writes nothing.
    await bed.clearLog();
    for (const id of ['1', '2', '3'])
      await bed.control('POST', `/devices/computers/${id}/inventory`, {});
    const second = reportOf(await bed.engine(connector).run({ full: false, dryRun: false }));
    expect(second.error).toBeNull();
    expect(second.read.mode).toBe('incremental');
    expect(second.read.records).toBeGreaterThanOrEqual(3);
    expect(second.read.records).toBeLessThan(50);
    const incremental = await bed.requests();
    const [list] = matching(incremental, 'GET', /computers-inventory$/);
    const query = new URLSearchParams(list.query);
    expect(query.get('filter')).toMatch(/^general\.reportDate>="\d{4}-\d\d-\d\dT[\d:.]+Z"$/);
    expect(query.get('sort')).toBe('general.reportDate:asc,id:asc');
    const [mobileList] = matching(incremental, 'GET', /mobile-devices\/detail$/);
    expect(new URLSearchParams(mobileList.query).get('filter')).toMatch(
      /^lastInventoryUpdateDate>="/,
    );
    expect(matching(incremental, 'PATCH', /./)).toEqual([]);
    expect(await bed.h.store.countAssets()).toBe(5000);
  }, 90_000);

  test('the inventory API version the config names is used (v1 renames lastContact)', async () => {
    bed.sim.seedFromFleet(cleanJamfFleet(20));
    const report = reportOf(
      await bed.engine(bed.connector({ apiVersion: 'v1', deviceKinds: ['computer'] })).run({
        full: true,
        dryRun: false,
      }),
    );
    expect(report.error).toBeNull();
    const paths = (await bed.requests()).map((r) => r.path);
    expect(paths).toContain('/api/v1/computers-inventory');
    expect(paths.some((p) => p.includes('mobile-devices'))).toBe(false);
    const page = await bed.h.store.listAssets({ limit: 50, after: null });
    expect(page.assets.length).toBeGreaterThan(0);
    for (const a of page.assets) expect(a.lastSeen.at).toMatch(/^\d{4}-/);
  });

  test('a short read is incomplete: nothing is marked missing', async () => {
    bed.sim.seedFromFleet(cleanJamfFleet(30));
    const connector = bed.connector({ pageSize: 10 });
    await bed.engine(connector).run({ full: true, dryRun: false });
    // The second page of computers answers with an empty result list but the same totalCount.
    const tooShort = connector.read!;
    const shortConnector = {
      ...connector,
      read: async function* (req: Parameters<typeof tooShort>[0]) {
        let n = 0;
        for await (const page of tooShort(req)) {
          n += 1;
          yield n === 2 ? { ...page, records: [] } : page;
        }
      },
    };
    const report = reportOf(await bed.engine(shortConnector).run({ full: true, dryRun: false }));
    expect(report.read.complete).toBe(false);
    expect(report.error).toMatch(/incomplete read: \d+ of 30/);
  });
});

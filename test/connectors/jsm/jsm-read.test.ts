import {
  ASSETS,
  cleanJiraFleet,
  INSTANCE,
  jsmTestBed,
  matching,
  type JsmTestBed,
} from './jsm-harness';

let bed: JsmTestBed;
beforeEach(async () => {
  bed = await jsmTestBed();
});
afterEach(async () => bed.close());

const reportOf = (report: { connectors: { connector: string }[] }) =>
  report.connectors.find((c) => c.connector === INSTANCE) as never as {
    error: string | null;
    read: { records: number; complete: boolean; mode: string; outcomes: Record<string, number> };
    writes: Record<string, number>;
    failures: { message: string }[];
  };

describe('JSM reads', () => {
  test('a full read maps every object of the configured types; totals come from aql/totalcount', async () => {
    const fleet = cleanJiraFleet(12);
    bed.sim.seedFromFleet(fleet);
    const connector = bed.connector({ pageSize: 5 });
    const report = reportOf(await bed.engine(connector).run({ full: true, dryRun: false }));
    expect(report.failures).toEqual([]);
    expect(report.error).toBeNull();
    expect(report.read).toMatchObject({ records: 12, complete: true, mode: 'full' });
    const requests = await bed.requests();
    expect(matching(requests, 'POST', new RegExp(`^${ASSETS}/object/aql/totalcount$`)).length).toBe(
      8,
    );
    const assets = (await bed.h.store.listAssets({ limit: 50, after: null })).assets;
    expect(assets).toHaveLength(12);
    const first = fleet[0]!;
    const asset = assets.find((a) => a.serial === first.serial!.toUpperCase())!;
    expect(asset).toBeDefined();
    expect(asset.assetTag).toBe(first.assetTag);
    expect(asset.assignment.userEmail ?? null).toBe(first.userEmail ?? null);
  });
});

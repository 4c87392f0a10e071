import type { ObjectTypeInfo } from '../../../connectors/jsm/assets-catalog';
import { minuteIn } from '../../../connectors/jsm/account-zone';
import { jqlMinute } from '../../../connectors/jsm/jsm-tickets';
import { typeQuery } from '../../../connectors/jsm/assets-reader';
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

  test('an incremental read asks for objects updated since the watermark minute only', async () => {
    const fleet = cleanJiraFleet(10);
    bed.sim.seedFromFleet(fleet);
    const connector = bed.connector({ pageSize: 3 });
    await bed.engine(connector).run({ full: true, dryRun: false });
    const page = (await bed.api('POST', `${ASSETS}/object/aql`, {
      qlQuery: `"Serial Number" = "${fleet[4]!.serial}"`,
    })) as { values: { id: string }[] };
    await bed.control('PUT', `/assets/objects/${page.values[0]!.id}`, {
      attributes: [{ objectTypeAttributeId: '17', objectAttributeValues: [{ value: 'CC-0815' }] }],
    });
    const report = reportOf(await bed.engine(connector).run({ full: false, dryRun: false }));
    expect(report.error).toBeNull();
    expect(report.read.mode).toBe('incremental');
    expect(report.read.records).toBeGreaterThanOrEqual(1);
    expect(report.read.records).toBeLessThan(10);
    const asset = (await bed.h.store.listAssets({ limit: 50, after: null })).assets.find(
      (a) => a.serial === fleet[4]!.serial!.toUpperCase(),
    )!;
    expect(asset.assignment.costCenter).toBe('CC-0815');
  });

  test('a read resumes at its checkpoint; a foreign checkpoint is refused', async () => {
    bed.sim.seedFromFleet(cleanJiraFleet(7));
    const connector = bed.connector({
      pageSize: 2,
      objectTypes: { laptop: 'Laptop', desktop: 'Desktop' },
    });
    const pages = [];
    for await (const p of connector.read!({ mode: 'full', watermark: null, checkpoint: null })) {
      pages.push(p);
    }
    const all = pages.flatMap((p) => p.records.map((r) => r.externalId));
    expect(new Set(all).size).toBe(all.length);
    expect(pages[0]!.expectedTotal).toBe(all.length);
    const resumed = [];
    for await (const p of connector.read!({
      mode: 'full',
      watermark: null,
      checkpoint: pages[0]!.checkpoint,
    })) {
      resumed.push(...p.records.map((r) => r.externalId));
    }
    expect(resumed).toEqual(all.slice(pages[0]!.records.length));
    const foreign = connector.read!({ mode: 'full', watermark: null, checkpoint: '{"page":3}' });
    await expect(foreign[Symbol.asyncIterator]().next()).rejects.toMatchObject({ code: 'USAGE' });
  });

  test('AQL of a type: quoted name, and the Updated bound in the account zone, to the minute', () => {
    const type = { name: 'Network "Core" Device' } as ObjectTypeInfo;
    expect(typeQuery(type, null)).toBe('objectType = "Network \\"Core\\" Device"');
    const at = '2026-12-04T04:31:59.999Z';
    expect(minuteIn(at, 'UTC')).toBe('2026-12-04 04:31');
    expect(minuteIn(at, 'Europe/Berlin')).toBe('2026-12-04 05:31');
    expect(minuteIn(at, 'America/New_York')).toBe('2026-12-03 23:31');
    expect(typeQuery(type, at, 'Asia/Kolkata')).toContain('AND Updated >= "2026-12-04 10:01"');
    expect(jqlMinute(at, 'America/New_York')).toBe('2026/12/03 23:31');
  });
});

import { cleanJamfFleet, INSTANCE, jamfTestBed, matching, type JamfTestBed } from './jamf-harness';
import type { Connector, ReadPage, ReadRequest } from '../../../core/sync/connector';

let bed: JamfTestBed;
let simOffsetMs = 0;

beforeEach(async () => {
  simOffsetMs = 0;
  bed = await jamfTestBed(() => Date.now() + simOffsetMs);
});
afterEach(async () => bed.close());

async function run(connector: Connector, full = true) {
  const report = await bed.engine(connector).run({ full, dryRun: false });
  return report.connectors.find((c) => c.connector === INSTANCE)!;
}

/** The connector with a hook called after each page it yields. */
function afterEachPage(connector: Connector, hook: (n: number) => void): Connector {
  const read = connector.read!;
  return {
    ...connector,
    read: async function* (req: ReadRequest): AsyncIterable<ReadPage> {
      let n = 0;
      for await (const page of read(req)) {
        yield page;
        hook(++n);
      }
    },
  };
}

describe('Jamf connector under trouble', () => {
  test('a token that expires mid-run is replaced after one 401 and the read completes', async () => {
    bed.sim.seedFromFleet(cleanJamfFleet(40));
    // After the first page, the simulator's clock jumps past the 60 s token lifetime.
    const connector = afterEachPage(bed.connector({ pageSize: 10 }), (n) => {
      if (n === 1) simOffsetMs += 5 * 60_000;
    });
    const report = await run(connector);
    expect(report.error).toBeNull();
    expect(report.read).toMatchObject({ records: 40, complete: true });
    const requests = await bed.requests();
    expect(matching(requests, 'POST', /^\/api\/oauth\/token$/)).toHaveLength(2);
    expect(requests.filter((r) => r.status === 401)).toHaveLength(1);
  });

  test('a token is refreshed before it expires when the connector clock says so (no 401)', async () => {
    bed.sim.seedFromFleet(cleanJamfFleet(40));
    let clockMs = Date.now();
    const base = bed.connector({ pageSize: 10 }, 'oauth', () => new Date(clockMs));
    const connector = afterEachPage(base, () => {
      clockMs += 45_000;
      simOffsetMs += 45_000;
    });
    const report = await run(connector);
    expect(report.error).toBeNull();
    const requests = await bed.requests();
    expect(requests.filter((r) => r.status === 401)).toEqual([]);
    expect(matching(requests, 'POST', /^\/api\/oauth\/token$/).length).toBeGreaterThan(1);
  });

  test('basic credentials are exchanged for a bearer token at /api/v1/auth/token', async () => {
    bed.sim.seedFromFleet(cleanJamfFleet(12));
    const report = await run(bed.connector({}, 'basic'));
    expect(report.error).toBeNull();
    expect(report.read.records).toBe(12);
    const requests = await bed.requests();
    expect(matching(requests, 'POST', /^\/api\/v1\/auth\/token$/)).toHaveLength(1);
    expect(matching(requests, 'POST', /oauth/)).toEqual([]);
  });

  test('a burst of 429s (with and without Retry-After) is waited out', async () => {
    bed.sim.seedFromFleet(cleanJamfFleet(30));
    await bed.control('PUT', '/faults', {
      rules: [
        {
          path: '/api/v4/computers-inventory',
          kind: 'status',
          status: 429,
          count: 2,
          retryAfterSeconds: 0,
        },
        { path: '/api/v2/mobile-devices/detail', kind: 'status', status: 429, count: 2 },
      ],
    });
    const report = await run(bed.connector({ pageSize: 10 }));
    expect(report.error).toBeNull();
    expect(report.read).toMatchObject({ records: 30, complete: true });
    expect((await bed.requests()).filter((r) => r.status === 429)).toHaveLength(4);
  });

  test('a page that fails once is retried and the run ends as an undisturbed one', async () => {
    bed.sim.seedFromFleet(cleanJamfFleet(30));
    await bed.control('PUT', '/faults', {
      rules: [{ path: '/api/v2/mobile-devices/detail', kind: 'status', status: 503, count: 1 }],
    });
    const report = await run(bed.connector({ pageSize: 10 }));
    expect(report.error).toBeNull();
    expect(report.read).toMatchObject({ records: 30, complete: true });
    expect(await bed.h.store.countAssets()).toBe(30);
  });

  test('a page that fails on every attempt stops the read; the next run resumes at that page', async () => {
    const fleet = cleanJamfFleet(30);
    const counts = bed.sim.seedFromFleet(fleet);
    await bed.control('PUT', '/faults', {
      rules: [{ path: '/api/v2/mobile-devices/detail', kind: 'status', status: 500, count: 5 }],
    });
    const broken = await run(bed.connector({ pageSize: 10 }));
    expect(broken.error).toMatch(/read failed: .*mobile-devices\/detail/);
    expect(await bed.h.store.countAssets()).toBe(counts.computers);
    await bed.clearLog();
    const resumed = await run(bed.connector({ pageSize: 10 }));
    expect(resumed.error).toBeNull();
    expect(resumed.read).toMatchObject({ resumed: true, complete: true });
    expect(await bed.h.store.countAssets()).toBe(30);
    // The resumed run read no computer page again.
    expect(matching(await bed.requests(), 'GET', /computers-inventory/)).toEqual([]);
  });

  test('an incremental read misses nothing when devices report while it pages', async () => {
    bed.sim.seedFromFleet(cleanJamfFleet(40));
    const computers = [...bed.sim.state.computers.keys()];
    await run(bed.connector());
    const changed = computers.slice(0, 25);
    for (const id of changed) {
      simOffsetMs += 1000;
      await bed.control('POST', `/devices/computers/${id}/inventory`, {});
    }
    const read: string[] = [];
    const base = bed.connector({ pageSize: 10, deviceKinds: ['computer'] });
    const connector = afterEachPage(base, () => undefined);
    const inner = connector.read!;
    connector.read = async function* (req: ReadRequest) {
      let n = 0;
      for await (const page of inner(req)) {
        read.push(...page.records.map((r) => r.externalId));
        yield page;
        // While the read is under way, the first changed device reports again.
        if (++n === 1) {
          simOffsetMs += 1000;
          await bed.control('POST', `/devices/computers/${changed[0]}/inventory`, {});
        }
      }
    };
    const report = await run(connector, false);
    expect(report.read.mode).toBe('incremental');
    expect(report.error).toBeNull();
    for (const id of changed) expect(read).toContain(`computer:${id}`);
    // The device that reported twice is read twice (its second report is newer); nothing else is.
    expect(read.filter((x) => x === `computer:${changed[0]}`)).toHaveLength(2);
    expect(read.length).toBeLessThanOrEqual(changed.length + 2);
  });

  test('a device that disappears is marked missing and, when it comes back, is the same asset', async () => {
    const fleet = cleanJamfFleet(30);
    bed.sim.seedFromFleet(fleet);
    await run(bed.connector());
    const [before] = await bed.h.store.findAssets(fleet[0].serial!);
    const externalId = before.identifiers.external[0].id;
    const [kind, id] = externalId.split(':');
    const route = kind === 'computer' ? 'computers' : 'mobile';

    await bed.control('POST', `/devices/${route}/${id}/hide`);
    const gone = await run(bed.connector());
    expect(gone.read).toMatchObject({ records: 29, complete: true });
    expect(gone.missing.marked).toBe(1);
    expect(await bed.connector().webhooks!.fetch(externalId)).toBeNull();

    await bed.control('POST', `/devices/${route}/${id}/unhide`);
    const back = await run(bed.connector());
    expect(back.read.records).toBe(30);
    expect(back.missing.marked).toBe(0);
    expect(await bed.h.store.countAssets()).toBe(30);
    const [after] = await bed.h.store.findAssets(fleet[0].serial!);
    expect(after.id).toBe(before.id);
    expect((await bed.connector().webhooks!.fetch(externalId))?.externalId).toBe(externalId);
  });
});

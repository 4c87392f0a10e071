import { generateFleet } from '../../../simulators/fleet/fleet-generator';
import { cleanFleet, matching, reportOf, snWorld, type SnWorld } from './servicenow-harness';

let w: SnWorld;
beforeEach(async () => {
  w = await snWorld();
});
afterEach(async () => w.close());

const writes = (reqs: Awaited<ReturnType<SnWorld['requests']>>) =>
  reqs.filter((r) => r.method !== 'GET' && r.method !== 'HEAD');

describe('ServiceNow reads and writes under trouble', () => {
  test('a rate-limited run waits out 429 + Retry-After and completes', async () => {
    const counts = w.sim.seedFromFleet(cleanFleet(8, { servicenow: true }));
    await w.control('PUT', '/config', {
      rateLimitRules: [{ limit: 6, windowMs: 1000, api: 'all' }],
    });
    const r = reportOf(await w.run({ full: true, options: { pageSize: 3 } }));
    expect(r.error).toBeNull();
    expect(r.failures).toEqual([]);
    expect(r.read.records).toBe(counts.cis);
    const limited = (await w.requests()).filter((q) => q.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    await w.clearLog();
    const again = reportOf(await w.run({ options: { pageSize: 3 } }));
    expect(again.failures).toEqual([]);
    expect(writes(await w.requests())).toEqual([]);
  }, 60_000);

  test.each(['oauth_password', 'oauth_client_credentials'] as const)(
    'an OAuth token that expires mid-run (%s) is fetched again once and the run completes',
    async (auth) => {
      const counts = w.sim.seedFromFleet(cleanFleet(9, { servicenow: true }));
      const r = reportOf(
        await w.run({
          full: true,
          auth,
          options: { pageSize: 3 },
          afterPage: (page) => {
            if (page === 1) w.skewMs += 1800 * 1000;
          },
        }),
      );
      expect(r.error).toBeNull();
      expect(r.failures).toEqual([]);
      expect(r.read.records).toBe(counts.cis);
      const reqs = await w.requests();
      expect(reqs.filter((q) => q.status === 401).length).toBeGreaterThanOrEqual(1);
      expect(matching(reqs, 'POST', /^\/oauth_token\.do$/)).toHaveLength(2);
    },
  );

  test('full reads page by sys_id with X-Total-Count; incremental reads see changes once', async () => {
    const fleet = cleanFleet(7, { servicenow: true });
    const counts = w.sim.seedFromFleet(fleet);
    const full = reportOf(await w.run({ full: true, options: { pageSize: 2 } }));
    expect(full.read.records).toBe(counts.cis);
    expect(full.read.pages).toBe(Math.ceil((counts.cis + 1) / 2));
    const lists = matching(await w.requests(), 'GET', /^\/api\/now\/table\/cmdb_ci_hardware$/);
    expect(lists[0]!.query).toContain(encodeURIComponent('ORDERBYsys_id'));

    const cis = await w.table('cmdb_ci_hardware', 'ORDERBYsys_id');
    await w.clearLog();
    // Three CIs change in ServiceNow; one of them changes again while the read is under way.
    for (const ci of cis.slice(0, 3)) {
      await w.control('POST', `/mutate/cmdb_ci_hardware/${ci.sys_id}`, {
        values: { comments: 'x' },
      });
    }
    const inc = reportOf(
      await w.run({
        options: { pageSize: 2 },
        afterPage: async (page) => {
          if (page === 1) {
            await w.control('POST', `/mutate/cmdb_ci_hardware/${cis[2]!.sys_id}`, {
              values: { name: 'Renamed during the read' },
            });
          }
        },
      }),
    );
    expect(inc.error).toBeNull();
    const q = matching(await w.requests(), 'GET', /^\/api\/now\/table\/cmdb_ci_hardware$/)[0]!
      .query;
    expect(decodeURIComponent(q)).toMatch(
      /sys_updated_on>=\d{4}-\d\d-\d\d[ +]\d\d:\d\d:\d\d\^ORDERBYsys_updated_on\^ORDERBYsys_id/,
    );
    const renamed = await w.h.store.findAssets(cis[2]!.serial_number!);
    expect(renamed[0]!.name).toBe('Renamed during the read');
  });

  test('a fleet with realistic trouble settles: the run after the first writes nothing', async () => {
    const counts = w.sim.seedFromFleet(generateFleet({ size: 150, seed: 9 }));
    const first = reportOf(await w.run({ full: true }));
    expect(first.error).toBeNull();
    expect(first.failures).toEqual([]);
    expect(first.read.records).toBe(counts.cis);
    // CIs without a hardware asset get one, pointing back at them.
    expect(first.writes.updated).toBeGreaterThan(0);
    const bare = await w.table('cmdb_ci_hardware', 'assetISEMPTY');
    expect(bare.length).toBeLessThanOrEqual(1);
    await w.clearLog();
    const second = reportOf(await w.run());
    expect(second.writes).toMatchObject({ created: 0, updated: 0, failed: 0 });
    expect(writes(await w.requests())).toEqual([]);
    // Reference look-ups are cached within a run: each user is fetched at most once.
    await w.clearLog();
    await w.run({ full: true });
    const users = matching(await w.requests(), 'GET', /^\/api\/now\/table\/sys_user$/);
    expect(users.length).toBeLessThanOrEqual(1);
  }, 60_000);
});

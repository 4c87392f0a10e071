import { cleanFleet, matching, reportOf, snWorld, type SnWorld } from './servicenow-harness';

let w: SnWorld;
beforeEach(async () => {
  w = await snWorld();
});
afterEach(async () => w.close());

const writes = (reqs: Awaited<ReturnType<SnWorld['requests']>>) =>
  reqs.filter((r) => r.method !== 'GET' && r.method !== 'HEAD');

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
});

import type { FleetDevice } from '../../../simulators/fleet/fleet-device';
import { fleetDevice, startJamf, type JamfHarness } from './jamf-test-client';

const SIZE = 100_000;
let h: JamfHarness;

beforeAll(async () => {
  h = await startJamf({ config: { tokenLifetimeSeconds: 3600 } });
  const devices: FleetDevice[] = new Array<FleetDevice>(SIZE);
  for (let i = 0; i < SIZE; i++) {
    devices[i] = fleetDevice(i + 1, {
      lastSeenAt: new Date(Date.UTC(2026, 0, 1) + (i % 5000) * 60_000).toISOString(),
    });
  }
  expect(h.sim.seedFromFleet(devices)).toEqual({ computers: SIZE, mobileDevices: 0 });
});
afterAll(async () => {
  await h.running.close();
});

test('a full paged read of 100,000 computers sorted by report date returns every id once', async () => {
  const seen = new Set<string>();
  let total = -1;
  let duplicates = 0;
  for (let page = 0; page < 60; page++) {
    const query = `section=GENERAL&page=${page}&page-size=2000&sort=general.reportDate:asc,id:asc`;
    const res = await h.get(`/api/v4/computers-inventory?${query}`);
    expect(res.status).toBe(200);
    const body = res.body as { totalCount: number; results: Array<{ id: string }> };
    total = body.totalCount;
    if (body.results.length === 0) break;
    for (const record of body.results) {
      if (seen.has(record.id)) duplicates += 1;
      seen.add(record.id);
    }
  }
  expect(total).toBe(SIZE);
  expect(duplicates).toBe(0);
  expect(seen.size).toBe(SIZE);
});

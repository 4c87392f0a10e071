import type { FleetDevice } from '../../../simulators/fleet/fleet-device';
import { intuneDevice, startIntune, type IntuneHarness } from './intune-test-client';

const SIZE = 100_000;
let h: IntuneHarness;

beforeAll(async () => {
  h = await startIntune({ seed: 3 });
  const devices: FleetDevice[] = new Array<FleetDevice>(SIZE);
  for (let i = 0; i < SIZE; i++) devices[i] = intuneDevice(i + 1);
  expect(h.sim.seedFromFleet(devices)).toEqual({ managedDevices: SIZE });
});
afterAll(async () => {
  await h.running.close();
});

test('a full nextLink read of 100,000 devices returns every id exactly once', async () => {
  const seen = new Set<string>();
  let url: string | undefined =
    '/v1.0/deviceManagement/managedDevices?$select=id,serialNumber,lastSyncDateTime';
  let pages = 0;
  let duplicates = 0;
  while (url) {
    const res = await h.graph('GET', url);
    expect(res.status).toBe(200);
    const body = res.body as { value: Array<{ id: string }>; '@odata.nextLink'?: string };
    for (const device of body.value) {
      if (seen.has(device.id)) duplicates += 1;
      seen.add(device.id);
    }
    url = body['@odata.nextLink'];
    pages += 1;
    expect(pages).toBeLessThan(200);
  }
  expect(duplicates).toBe(0);
  expect(seen.size).toBe(SIZE);
  expect([...seen]).toEqual([...h.sim.state.devices.keys()]);
});

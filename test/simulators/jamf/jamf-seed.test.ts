import { generateFleet } from '../../../simulators/fleet/fleet-generator';
import { createJamfSimulator } from '../../../simulators/jamf';
import { startJamf, type JamfHarness } from './jamf-test-client';

let h: JamfHarness;

beforeAll(async () => {
  h = await startJamf();
});
afterAll(async () => {
  await h.running.close();
});

describe('seeding', () => {
  test('wire-format seed accepts v1 records and a results page, and renders them in v4 names', async () => {
    const res = await h.control('POST', '/seed', {
      replace: true,
      departments: [{ id: 4, name: 'Design' }],
      computers: {
        totalCount: 1,
        results: [
          {
            id: '12',
            udid: 'A1B2',
            general: {
              name: 'replayed',
              reportDate: '2026-05-01T10:00:00.68Z',
              lastContactTime: '2026-05-02T10:00:00Z',
              lastReportedIp: '10.0.0.9',
            },
            hardware: { serialNumber: 'C02REPLAY', model: 'MacBook Air' },
            userAndLocation: { departmentId: '4' },
          },
        ],
      },
      mobileDevices: [
        {
          mobileDeviceId: 3,
          deviceType: 'iOS',
          general: {
            udid: 'abc',
            displayName: 'iPad',
            lastInventoryUpdateDate: '2026-05-01T10:00:00Z',
          },
        },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ computers: 1, mobileDevices: 1, departments: 1, buildings: 0 });
    const v4 = (await h.get('/api/v4/computers-inventory-detail/12')).body as {
      general: Record<string, unknown>;
    };
    expect(v4.general).toEqual(
      expect.objectContaining({
        lastContact: '2026-05-02T10:00:00Z',
        lastReportedIpV4: '10.0.0.9',
      }),
    );
    expect(v4.general).not.toHaveProperty('lastContactTime');
    const v1 = (await h.get('/api/v1/computers-inventory-detail/12')).body as {
      general: Record<string, unknown>;
    };
    expect(v1.general).toEqual(
      expect.objectContaining({
        lastContactTime: '2026-05-02T10:00:00Z',
        lastReportedIp: '10.0.0.9',
      }),
    );
    expect((await h.get('/api/v2/mobile-devices/3')).status).toBe(200);
  });

  test('a bad seed body is a 400 naming the problem', async () => {
    const res = await h.control('POST', '/seed', { computers: [{ udid: 'x', general: {} }] });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('general');
  });

  test('a generated fleet puts Apple computers and mobile devices into Jamf only', () => {
    const fleet = generateFleet({ size: 400, seed: 11 });
    const sim = createJamfSimulator({ seed: 2 });
    const counts = sim.seedFromFleet(fleet);
    const inJamf = fleet.filter((d) => d.presence.jamf);
    const records = inJamf.reduce((sum, d) => sum + 1 + d.reEnrolments, 0);
    expect(counts.computers + counts.mobileDevices).toBe(records);
    expect(counts.computers).toBeGreaterThan(0);
    for (const computer of sim.state.computers.values())
      expect(computer.general.platform).toBe('Mac');
    const again = createJamfSimulator({ seed: 2 });
    again.seedFromFleet(fleet);
    expect([...again.state.computers.values()]).toEqual([...sim.state.computers.values()]);
  });

  test('injected faults use the Jamf error bodies', async () => {
    await h.control('PUT', '/faults', {
      rules: [{ path: '/api/v4/', kind: 'status', status: 500, count: 1 }],
    });
    const res = await h.get('/api/v4/computers-inventory');
    expect(res).toEqual({
      status: 500,
      body: { httpStatus: 500, errors: [expect.objectContaining({ code: 'UNEXPECTED_ERROR' })] },
    });
    expect((await h.get('/api/v4/computers-inventory')).status).toBe(200);
  });

  test('reset empties records and restores the configuration', async () => {
    await h.control('PUT', '/config', { maxConcurrent: 1 });
    expect((await h.control('POST', '/reset')).status).toBe(200);
    expect(h.sim.state.computers.size).toBe(0);
    expect(h.sim.state.config.maxConcurrent).toBe(5);
  });
});

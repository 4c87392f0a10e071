import { fleetDevice, startJamf, type JamfHarness } from './jamf-test-client';

type Page = { totalCount: number; results: Array<Record<string, unknown>> };
let h: JamfHarness;

beforeAll(async () => {
  h = await startJamf();
  const phones = Array.from({ length: 12 }, (_, i) =>
    fleetDevice(i + 1, {
      category: i % 2 ? 'tablet' : 'mobile',
      model: 'iPhone 15',
      modelIdentifier: 'iPhone15,4',
      imei: `35${String(i).padStart(13, '0')}`,
    }),
  );
  h.sim.seedFromFleet(phones);
});
afterAll(async () => {
  await h.running.close();
});

describe('mobile devices', () => {
  test('detail list pages to the end with every id once; GENERAL only by default', async () => {
    const seen: string[] = [];
    for (let n = 0; n < 10; n++) {
      const res = await h.get(
        `/api/v2/mobile-devices/detail?page=${n}&page-size=5&sort=mobileDeviceId:asc`,
      );
      const body = res.body as Page;
      if (body.results.length === 0) break;
      seen.push(...body.results.map((r) => String(r.mobileDeviceId)));
      expect(body.results[0]).toEqual(
        expect.objectContaining({
          deviceType: 'iOS',
          hardware: null,
          network: null,
          general: expect.any(Object),
        }),
      );
    }
    expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => String(i + 1)));
  });

  test('sections, flat filter names, and a bad section', async () => {
    const res = await h.get(
      '/api/v2/mobile-devices/detail?section=HARDWARE,NETWORK&filter=serialNumber=="C02XK00003HD"',
    );
    const body = res.body as Page;
    expect(body.totalCount).toBe(1);
    const record = body.results[0] as Record<string, Record<string, unknown> | null>;
    expect(record.general).toBeNull();
    expect(record.hardware?.serialNumber).toBe('C02XK00003HD');
    expect(record.network?.imei).toBe('350000000000002');
    expect((await h.get('/api/v2/mobile-devices/detail?section=FONTS')).status).toBe(400);
    expect(
      (await h.get('/api/v2/mobile-devices/detail?filter=general.displayName=="x"')).status,
    ).toBe(400);
  });

  test('GET and PATCH /v2/mobile-devices/{id}', async () => {
    const one = await h.get('/api/v2/mobile-devices/2');
    expect(one.body).toEqual(
      expect.objectContaining({ id: '2', type: 'ios', serialNumber: 'C02XK00002HD' }),
    );
    const patched = await h.send('PATCH', '/api/v2/mobile-devices/2', {
      assetTag: 'MOB-2',
      location: { room: '4.12' },
      ios: { purchasing: { poNumber: 'PO-M2' } },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toEqual(
      expect.objectContaining({
        id: '2',
        assetTag: 'MOB-2',
        location: expect.objectContaining({ room: '4.12' }),
      }),
    );
    expect(
      (patched.body as { ios: { purchasing: { poNumber: string } } }).ios.purchasing.poNumber,
    ).toBe('PO-M2');
    const bad = await h.send('PATCH', '/api/v2/mobile-devices/2', { serialNumber: 'X' });
    expect(bad.status).toBe(400);
    expect((await h.send('PATCH', '/api/v2/mobile-devices/999', {})).status).toBe(404);
  });
});

describe('concurrency cap', () => {
  test('requests beyond the cap in flight are refused with the quota body', async () => {
    await h.control('PUT', '/config', { maxConcurrent: 2 });
    await h.control('POST', '/limiter/pause');
    const held = [h.get('/api/v2/mobile-devices/1'), h.get('/api/v2/mobile-devices/2')];
    for (let i = 0; i < 200 && h.sim.limiter.inFlight < 2; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(h.sim.limiter.inFlight).toBe(2);
    const refused = await h.get('/api/v2/mobile-devices/3');
    expect(refused.status).toBe(429);
    expect(JSON.stringify(refused.body)).toContain('policies.ratelimit.QuotaViolation');
    await h.control('POST', '/limiter/resume');
    expect((await Promise.all(held)).map((r) => r.status)).toEqual([200, 200]);
    expect((await h.get('/api/v2/mobile-devices/3')).status).toBe(200);
    await h.control('PUT', '/config', { maxConcurrent: 5 });
  });
});

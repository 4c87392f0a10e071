import { fleetDevice, startJamf, type JamfHarness } from './jamf-test-client';

type Page = { totalCount: number; results: Array<Record<string, unknown> & { id: string }> };

let h: JamfHarness;

beforeAll(async () => {
  h = await startJamf();
  const devices = Array.from({ length: 45 }, (_, i) =>
    fleetDevice(i + 1, {
      lastSeenAt: new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString(),
    }),
  );
  devices[3] = fleetDevice(4, { department: 'Finance' }, { reEnrolments: 1 });
  devices[5] = fleetDevice(6, {}, { hidden: true });
  devices[7] = fleetDevice(8, {}, { nullSections: true });
  devices.push(
    fleetDevice(99, { category: 'mobile', model: 'iPhone 15', modelIdentifier: 'iPhone15,4' }),
  );
  h.sim.seedFromFleet(devices);
});
afterAll(async () => {
  await h.running.close();
});

async function page(path: string): Promise<Page> {
  const res = await h.get(path);
  expect(res.status).toBe(200);
  return res.body as Page;
}

describe('computer inventory list', () => {
  test.each(['v1', 'v4'])('%s pages to the end with every id exactly once', async (version) => {
    const seen: string[] = [];
    let total = -1;
    for (let n = 0; n < 20; n++) {
      const body = await page(
        `/api/${version}/computers-inventory?page=${n}&page-size=7&sort=id:asc`,
      );
      total = body.totalCount;
      if (body.results.length === 0) break;
      seen.push(...body.results.map((r) => r.id));
    }
    expect(total).toBe(45);
    expect(new Set(seen).size).toBe(45);
    expect(seen).toHaveLength(45);
    expect(seen).not.toContain('7');
  });

  test('ids are strings starting at 1; the re-enrolled device has an older duplicate', async () => {
    const body = await page(
      '/api/v4/computers-inventory?section=HARDWARE&page-size=100&filter=hardware.serialNumber=="C02XK00004HD"&sort=id:asc',
    );
    expect(body.totalCount).toBe(2);
    const [older, newer] = body.results as Array<{ id: string; general: { reportDate: string } }>;
    expect(Number(older?.id)).toBeLessThan(Number(newer?.id));
    const detail = async (id: string) =>
      (await h.get(`/api/v4/computers-inventory-detail/${id}`)).body as {
        general: { reportDate: string };
      };
    const a = await detail(String(older?.id));
    const b = await detail(String(newer?.id));
    expect(Date.parse(a.general.reportDate)).toBeLessThan(Date.parse(b.general.reportDate));
  });

  test('only GENERAL by default; unrequested sections are present and null', async () => {
    const body = await page('/api/v4/computers-inventory?page-size=1');
    const record = body.results[0] as Record<string, unknown>;
    expect(record.general).toEqual(expect.objectContaining({ name: expect.any(String) }));
    for (const key of [
      'hardware',
      'userAndLocation',
      'purchasing',
      'operatingSystem',
      'applications',
      'extensionAttributes',
      'contentCaching',
    ]) {
      expect(record).toHaveProperty(key, null);
    }
    expect(record).not.toHaveProperty('plugins');
  });

  test('sections may be repeated or comma-joined', async () => {
    const repeated = await page(
      '/api/v4/computers-inventory?section=GENERAL&section=HARDWARE&page-size=1&sort=id:asc',
    );
    const joined = await page(
      '/api/v4/computers-inventory?section=GENERAL,HARDWARE&page-size=1&sort=id:asc',
    );
    expect(joined).toEqual(repeated);
    const record = repeated.results[0] as Record<string, Record<string, unknown> | null>;
    expect(record.hardware?.serialNumber).toBe('C02XK00001HD');
    expect(record.operatingSystem).toBeNull();
  });

  test('v1 uses lastContactTime and has PLUGINS/FONTS; v4 uses lastContact/lastCheckIn', async () => {
    const v1 = (
      await page('/api/v1/computers-inventory?section=GENERAL&section=PLUGINS&page-size=1')
    ).results[0] as Record<string, Record<string, unknown>>;
    expect(v1.general).toHaveProperty('lastContactTime');
    expect(v1.general).not.toHaveProperty('lastCheckIn');
    expect(v1.plugins).toEqual([]);
    expect(v1).toHaveProperty('fonts', null);
    const v4 = (await page('/api/v4/computers-inventory?page-size=1')).results[0] as Record<
      string,
      Record<string, unknown>
    >;
    expect(v4.general).toHaveProperty('lastContact');
    expect(v4.general).not.toHaveProperty('lastContactTime');
    expect((await h.get('/api/v4/computers-inventory?section=PLUGINS')).status).toBe(400);
  });

  test('page-size above 2000 is silently capped at 2000', async () => {
    const body = await page('/api/v4/computers-inventory?page-size=3972');
    expect(body.results).toHaveLength(45);
    await h.control('PUT', '/config', { clampPageSize: false });
    expect((await h.get('/api/v4/computers-inventory?page-size=3972')).status).toBe(400);
    await h.control('PUT', '/config', { clampPageSize: true });
  });

  test('sort by report date descending, and the default sort is by name', async () => {
    const desc = await page(
      '/api/v4/computers-inventory?sort=general.reportDate:desc,id:asc&page-size=3',
    );
    const dates = desc.results.map((r) =>
      Date.parse(String((r.general as { reportDate: string }).reportDate)),
    );
    expect(dates[0]).toBeGreaterThanOrEqual(dates[1] as number);
    expect(dates[1]).toBeGreaterThanOrEqual(dates[2] as number);
    const byName = await page('/api/v4/computers-inventory?page-size=3');
    const names = byName.results.map((r) => String((r.general as { name: string }).name));
    expect(names).toEqual([...names].sort());
  });

  test('RSQL filters: dates, ids, and/or', async () => {
    const recent = await page(
      '/api/v4/computers-inventory?filter=general.reportDate>="2026-02-01T00:00:00Z"&page-size=100',
    );
    // days 31..44 of 2026 (14), plus devices 4 and 8 (seen 2026-11-30) and the older record of
    // device 4 (45 days earlier); device 6 is hidden.
    expect(recent.totalCount).toBe(17);
    const some = await page(
      '/api/v4/computers-inventory?filter=id=in=(1,2,3)&page-size=100&sort=id:asc',
    );
    expect(some.results.map((r) => r.id)).toEqual(['1', '2', '3']);
    const either = await page(
      `/api/v4/computers-inventory?filter=${encodeURIComponent('id==1,id==2;general.name=="Mac-00002"')}`,
    );
    expect(either.totalCount).toBe(2);
  });

  test('bad filters, sorts, sections and page values get a 400 ApiError', async () => {
    for (const query of [
      'filter=hardware.serialNumber=="open',
      'filter=general.secret==1',
      'sort=general.secret:asc',
      'sort=id:sideways',
      'section=NOPE',
      'page=-1',
      'page-size=abc',
    ]) {
      const res = await h.get(`/api/v4/computers-inventory?${query}`);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        httpStatus: 400,
        errors: [
          {
            code: expect.any(String),
            description: expect.any(String),
            id: '0',
            field: expect.any(String),
          },
        ],
      });
    }
  });

  test('nullSections devices have null optional sections even when requested', async () => {
    const res = await h.get('/api/v4/computers-inventory-detail/9');
    const record = res.body as Record<string, unknown>;
    expect(record.general).not.toBeNull();
    expect(record.userAndLocation).toBeNull();
    expect(record.purchasing).toBeNull();
  });

  test('hidden devices are absent until unhidden', async () => {
    expect((await h.get('/api/v4/computers-inventory-detail/7')).status).toBe(404);
    await h.control('POST', '/devices/computers/7/unhide');
    expect((await h.get('/api/v4/computers-inventory-detail/7')).status).toBe(200);
    expect((await page('/api/v4/computers-inventory')).totalCount).toBe(46);
    await h.control('POST', '/devices/computers/7/hide');
    expect((await page('/api/v4/computers-inventory')).totalCount).toBe(45);
  });
});

describe('computer detail and PATCH', () => {
  test('detail returns every section; unknown id is a 404 ApiError', async () => {
    const res = await h.get('/api/v4/computers-inventory-detail/1');
    const record = res.body as Record<string, Record<string, unknown>>;
    expect(record.hardware?.serialNumber).toBe('C02XK00001HD');
    expect(record.userAndLocation?.departmentId).toEqual(expect.any(String));
    const missing = await h.get('/api/v4/computers-inventory-detail/9999');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      httpStatus: 404,
      errors: [expect.objectContaining({ code: 'INVALID_ID', id: '9999' })],
    });
  });

  test('v4 PATCH answers 204 and changes the record', async () => {
    const departments = (await h.get('/api/v1/departments')).body as {
      results: Array<{ id: string; name: string }>;
    };
    const finance = departments.results.find((d) => d.name === 'Finance');
    const res = await h.send('PATCH', '/api/v4/computers-inventory-detail/2', {
      general: { assetTag: 'NEW-TAG' },
      purchasing: { poNumber: 'PO-1' },
      userAndLocation: { departmentId: finance?.id },
      extensionAttributes: [{ definitionId: '1', values: ['CC-2'] }],
    });
    expect(res.status).toBe(204);
    const after = (await h.get('/api/v4/computers-inventory-detail/2')).body as Record<
      string,
      Record<string, unknown>
    > & { extensionAttributes: Array<{ values: string[] }> };
    expect(after.general?.assetTag).toBe('NEW-TAG');
    expect(after.purchasing?.poNumber).toBe('PO-1');
    expect(after.userAndLocation?.departmentId).toBe(finance?.id);
    expect(after.extensionAttributes[0]?.values).toEqual(['CC-2']);
  });

  test('v1 PATCH answers 200 with the updated record', async () => {
    const res = await h.send('PATCH', '/api/v1/computers-inventory-detail/3', {
      general: { barcode1: 'B1' },
    });
    expect(res.status).toBe(200);
    expect((res.body as { general: { barcode1: string } }).general.barcode1).toBe('B1');
  });

  test('PATCH refuses unknown fields, read-only fields, bad references and bad JSON', async () => {
    const unknown = await h.send('PATCH', '/api/v4/computers-inventory-detail/2', {
      general: { colour: 'red' },
    });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('colour');
    const readOnly = await h.send('PATCH', '/api/v4/computers-inventory-detail/2', {
      hardware: { serialNumber: 'X' },
    });
    expect(readOnly.status).toBe(400);
    const badRef = await h.send('PATCH', '/api/v4/computers-inventory-detail/2', {
      userAndLocation: { buildingId: '9999' },
    });
    expect(badRef.status).toBe(400);
    const badJson = await h.send('PATCH', '/api/v4/computers-inventory-detail/2', '{"general":');
    expect(badJson.status).toBe(400);
    expect(badJson.body).toEqual({
      httpStatus: 400,
      errors: [expect.objectContaining({ code: 'INVALID_JSON' })],
    });
    expect((await h.send('PATCH', '/api/v4/computers-inventory-detail/9999', {})).status).toBe(404);
  });

  test('unknown routes answer a Jamf 404 body, never HTML', async () => {
    const res = await h.get('/api/v9/nothing');
    expect(res).toEqual({ status: 404, body: { httpStatus: 404, errors: [] } });
  });

  test('computer and mobile-device ids are separate namespaces', async () => {
    const mobile = await h.get('/api/v2/mobile-devices/1');
    expect(mobile.status).toBe(200);
    expect((mobile.body as { serialNumber: string }).serialNumber).toBe('C02XK00099HD');
    const computer = (await h.get('/api/v4/computers-inventory-detail/1')).body as {
      hardware: { serialNumber: string };
    };
    expect(computer.hardware.serialNumber).toBe('C02XK00001HD');
  });
});

import {
  call,
  intuneDevice,
  requestToken,
  startIntune,
  tokenForm,
  type IntuneHarness,
} from './intune-test-client';

type ListPage = {
  '@odata.context': string;
  '@odata.nextLink'?: string;
  '@odata.count'?: number;
  value: Array<Record<string, unknown>>;
};

let clock = Date.parse('2026-12-01T00:00:00Z');
let h: IntuneHarness;
const COLLECTION = '/v1.0/deviceManagement/managedDevices';

beforeAll(async () => {
  h = await startIntune({
    seed: 7,
    now: () => clock,
    config: { tokenLifetimeSeconds: 600, emptyPageRate: 0.3 },
  });
  const devices = Array.from({ length: 30 }, (_, i) =>
    intuneDevice(i + 1, {
      platform: i % 3 === 0 ? 'android' : 'windows',
      lastSeenAt: new Date(Date.UTC(2025, 11, 20) + i * 86_400_000).toISOString(),
    }),
  );
  devices.push(intuneDevice(31, {}, { hidden: true }), intuneDevice(32, {}, { reEnrolments: 1 }));
  h.sim.seedFromFleet(devices);
});
afterAll(async () => {
  await h.running.close();
});

async function readAll(first: string): Promise<{ ids: string[]; pages: number; empty: number }> {
  const ids: string[] = [];
  let url: string | undefined = first;
  let pages = 0;
  let empty = 0;
  while (url && pages < 100) {
    const res = await h.graph('GET', url);
    expect(res.status).toBe(200);
    const body = res.body as ListPage;
    if (body.value.length === 0) empty += 1;
    ids.push(...body.value.map((d) => String(d.id)));
    url = body['@odata.nextLink'];
    pages += 1;
  }
  return { ids, pages, empty };
}

describe('Entra token endpoint', () => {
  test('client credentials give an Entra token body', async () => {
    const res = await requestToken(h.running.url);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      token_type: 'Bearer',
      expires_in: 600,
      ext_expires_in: 600,
      access_token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
    });
  });

  test('a wrong secret, scope or grant gets the Entra error body', async () => {
    const wrong = await requestToken(h.running.url, tokenForm({ client_secret: 'nope' }));
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({
      error: 'invalid_client',
      error_description: expect.stringContaining('AADSTS7000215'),
      error_codes: [7000215],
      timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z$/),
      trace_id: expect.any(String),
      correlation_id: expect.any(String),
      error_uri: expect.any(String),
    });
    expect(
      (
        (await requestToken(h.running.url, tokenForm({ scope: 'User.Read' }))).body as {
          error: string;
        }
      ).error,
    ).toBe('invalid_scope');
    expect(
      (
        (await requestToken(h.running.url, tokenForm({ grant_type: 'password' }))).body as {
          error: string;
        }
      ).error,
    ).toBe('unsupported_grant_type');
    const tenant = await call(`${h.running.url}/other-tenant/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: tokenForm(),
    });
    expect(tenant.status).toBe(400);
  });

  test('no token, an unknown token and an expired token get InvalidAuthenticationToken', async () => {
    const none = await call(`${h.running.url}${COLLECTION}`, {});
    expect(none.status).toBe(401);
    expect(none.body).toEqual({
      error: {
        code: 'InvalidAuthenticationToken',
        message: 'Access token is empty.',
        innerError: {
          date: expect.any(String),
          'request-id': expect.any(String),
          'client-request-id': expect.any(String),
        },
      },
    });
    const fresh = ((await requestToken(h.running.url)).body as { access_token: string })
      .access_token;
    const headers = { authorization: `Bearer ${fresh}` };
    expect((await call(`${h.running.url}${COLLECTION}?$top=1`, { headers })).status).toBe(200);
    clock += 600_000;
    const expired = await call(`${h.running.url}${COLLECTION}?$top=1`, { headers });
    expect(expired.status).toBe(401);
    expect((expired.body as { error: { message: string } }).error.message).toContain('expired');
    h.token = ((await requestToken(h.running.url)).body as { access_token: string }).access_token;
  });
});

describe('managedDevices list', () => {
  test('nextLink paging reaches every visible id exactly once, through empty pages', async () => {
    const { ids, empty } = await readAll(`${COLLECTION}?$top=4`);
    expect(ids).toHaveLength(32);
    expect(new Set(ids).size).toBe(32);
    expect(empty).toBeGreaterThan(0);
  });

  test('nextLink is absolute and carries $skiptoken and the original options', async () => {
    await h.control('PUT', '/config', { emptyPageRate: 0 });
    const res = await h.graph('GET', `${COLLECTION}?$top=5&$select=id,serialNumber`);
    const body = res.body as ListPage;
    expect(body['@odata.context']).toBe(
      `${h.running.url}/v1.0/$metadata#deviceManagement/managedDevices(id,serialNumber)`,
    );
    expect(body['@odata.nextLink']).toMatch(
      new RegExp(`^${h.running.url}${COLLECTION}\\?.*\\$top=5.*\\$skiptoken=`),
    );
    expect(Object.keys(body.value[0] as object)).toEqual(['id', 'serialNumber']);
    expect(body).not.toHaveProperty('@odata.count');
    const counted = (await h.graph('GET', `${COLLECTION}?$count=true&$top=2`)).body as ListPage;
    expect(counted['@odata.count']).toBe(32);
    await h.control('PUT', '/config', { emptyPageRate: 0.3 });
  });

  test('$top is capped at the maximum page size', async () => {
    await h.control('PUT', '/config', { emptyPageRate: 0, maxPageSize: 10 });
    const body = (await h.graph('GET', `${COLLECTION}?$top=999`)).body as ListPage;
    expect(body.value).toHaveLength(10);
    await h.control('PUT', '/config', { emptyPageRate: 0.3, maxPageSize: 1000 });
  });

  test('$filter subset works, and filterMode ignore returns everything', async () => {
    const windows = await readAll(
      `${COLLECTION}?$filter=${encodeURIComponent("operatingSystem eq 'Windows'")}`,
    );
    expect(windows.ids).toHaveLength(22);
    const recent = await readAll(
      `${COLLECTION}?$filter=${encodeURIComponent("lastSyncDateTime ge 2026-01-01T00:00:00Z and operatingSystem eq 'Android'")}`,
    );
    expect(recent.ids).toHaveLength(6);
    const serial = await readAll(
      `${COLLECTION}?$filter=${encodeURIComponent("serialNumber eq 'PF3000005'")}`,
    );
    expect(serial.ids).toHaveLength(1);
    await h.control('PUT', '/config', { filterMode: 'ignore' });
    const ignored = await readAll(
      `${COLLECTION}?$filter=${encodeURIComponent("serialNumber eq 'PF3000005'")}`,
    );
    expect(ignored.ids).toHaveLength(32);
    await h.control('PUT', '/config', { filterMode: 'apply' });
  });

  test('bad $select, $filter, $top and $skiptoken get Graph 400s', async () => {
    for (const query of [
      '$select=id,skuFamily',
      `$filter=${encodeURIComponent("skuFamily eq 'x'")}`,
      `$filter=${encodeURIComponent('operatingSystem eq')}`,
      '$top=-1',
      '$skiptoken=garbage',
    ]) {
      const res = await h.graph('GET', `${COLLECTION}?${query}`);
      expect(res.status).toBe(400);
      expect((res.body as { error: { code: string } }).error.code).toBe('BadRequest');
    }
  });

  test('lists leave non-default properties at their defaults; a GET with $select fills them', async () => {
    await h.control('PUT', '/config', { emptyPageRate: 0 });
    const list = (await h.graph('GET', `${COLLECTION}?$top=1`)).body as ListPage;
    const listed = list.value[0] as Record<string, unknown>;
    expect(listed).toEqual(
      expect.objectContaining({
        ethernetMacAddress: null,
        physicalMemoryInBytes: 0,
        notes: null,
        udid: '',
      }),
    );
    expect(listed.exchangeLastSuccessfulSyncDateTime).toBe('0001-01-01T00:00:00Z');
    expect(String(listed.lastSyncDateTime)).toMatch(/\.\d{7}Z$/);
    const id = String(listed.id);
    const plain = (await h.graph('GET', `${COLLECTION}/${id}`)).body as Record<string, unknown>;
    expect(plain.physicalMemoryInBytes).toBe(0);
    expect(plain['@odata.context']).toMatch(/managedDevices\/\$entity$/);
    const selected = (
      await h.graph(
        'GET',
        `${COLLECTION}/${id}?$select=id,physicalMemoryInBytes,ethernetMacAddress`,
      )
    ).body as Record<string, unknown>;
    expect(selected).toEqual({
      '@odata.context': expect.stringContaining(
        'managedDevices(id,physicalMemoryInBytes,ethernetMacAddress)/$entity',
      ),
      id,
      physicalMemoryInBytes: 32 * 1024 ** 3,
      ethernetMacAddress: '8C1645123457',
    });
    expect((await h.graph('GET', `${COLLECTION}/not-there`)).status).toBe(404);
    const segment = await h.graph('GET', '/v1.0/deviceManagement/gadgets');
    expect(segment.status).toBe(400);
    expect((segment.body as { error: { message: string } }).error.message).toContain("'gadgets'");
  });

  test('PATCH sets writable properties (204) and refuses read-only and unknown ones', async () => {
    const id = String(
      ((await h.graph('GET', `${COLLECTION}?$top=1`)).body as ListPage).value[0]?.id,
    );
    const ok = await h.graph('PATCH', `${COLLECTION}/${id}`, {
      notes: 'asset AT-9',
      managedDeviceOwnerType: 'personal',
    });
    expect(ok.status).toBe(204);
    const after = (await h.graph('GET', `${COLLECTION}/${id}?$select=notes,managedDeviceOwnerType`))
      .body as Record<string, unknown>;
    expect(after).toEqual(
      expect.objectContaining({ notes: 'asset AT-9', managedDeviceOwnerType: 'personal' }),
    );
    for (const body of [
      { serialNumber: 'X' },
      { colour: 'red' },
      { managedDeviceOwnerType: 'corporate' },
      '{"notes":',
    ]) {
      const res = await h.graph('PATCH', `${COLLECTION}/${id}`, body);
      expect(res.status).toBe(400);
      expect((res.body as { error: { code: string } }).error.code).toBe('BadRequest');
    }
  });
});

describe('throttling', () => {
  test('429 with Retry-After, and without it when so configured', async () => {
    await h.control('PUT', '/config', { readBudgetPer20s: 2, retryAfter: true });
    expect((await h.graph('GET', `${COLLECTION}?$top=1`)).status).toBe(200);
    expect((await h.graph('GET', `${COLLECTION}?$top=1`)).status).toBe(200);
    const limited = await h.graph('GET', `${COLLECTION}?$top=1`);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((limited.body as { error: { code: string } }).error.code).toBe('TooManyRequests');
    await h.control('PUT', '/config', { readBudgetPer20s: 0, retryAfter: false });
    const bare = await h.graph('GET', `${COLLECTION}?$top=1`);
    expect(bare.status).toBe(429);
    expect(bare.headers.get('retry-after')).toBeNull();
    await h.control('PUT', '/config', { readBudgetPer20s: 2000, retryAfter: true });
  });

  test('injected faults carry the Graph error body', async () => {
    await h.control('PUT', '/faults', {
      rules: [{ path: '/v1.0/', kind: 'status', status: 503, count: 1 }],
    });
    const res = await h.graph('GET', `${COLLECTION}?$top=1`);
    expect(res.status).toBe(503);
    expect((res.body as { error: { code: string } }).error.code).toBe('ServiceUnavailable');
    expect((await h.graph('GET', `${COLLECTION}?$top=1`)).status).toBe(200);
  });
});

describe('control routes', () => {
  test('hidden devices come back on unhide; sync moves lastSyncDateTime; re-enrol adds a duplicate', async () => {
    await h.control('PUT', '/config', { emptyPageRate: 0 });
    const hiddenId = [...h.sim.state.hidden][0] as string;
    expect((await h.graph('GET', `${COLLECTION}/${hiddenId}`)).status).toBe(404);
    await h.control('POST', `/devices/${hiddenId}/unhide`);
    expect((await h.graph('GET', `${COLLECTION}/${hiddenId}`)).status).toBe(200);
    const synced = await h.control('POST', `/devices/${hiddenId}/sync`, {
      osVersion: '10.0.26100.1',
    });
    expect(
      (synced.body as { lastSyncDateTime: string }).lastSyncDateTime.startsWith(
        new Date(clock).toISOString().slice(0, 19),
      ),
    ).toBe(true);
    const again = await h.control('POST', `/devices/${hiddenId}/re-enroll`);
    expect((again.body as { serialNumber: string }).serialNumber).toBe('PF3000031');
    const dupes = await readAll(
      `${COLLECTION}?$filter=${encodeURIComponent("serialNumber eq 'PF3000031'")}`,
    );
    expect(dupes.ids).toHaveLength(2);
    expect((await h.control('PUT', '/config', { filterMode: 'sometimes' })).status).toBe(400);
  });

  test('seeding from Graph wire format refuses invented properties', async () => {
    const ok = await h.control('POST', '/seed', {
      value: [
        {
          id: 'aaaaaaaa-0000-0000-0000-000000000001',
          deviceName: 'WIRE-1',
          serialNumber: 'W1',
          '@odata.type': '#microsoft.graph.managedDevice',
        },
      ],
    });
    expect(ok.status).toBe(200);
    const got = (await h.graph('GET', `${COLLECTION}/aaaaaaaa-0000-0000-0000-000000000001`))
      .body as Record<string, unknown>;
    expect(got).toEqual(
      expect.objectContaining({
        deviceName: 'WIRE-1',
        complianceState: 'unknown',
        lastSyncDateTime: '0001-01-01T00:00:00Z',
      }),
    );
    const bad = await h.control('POST', '/seed', { value: [{ id: 'x', assetTag: 'A' }] });
    expect(bad.status).toBe(400);
  });
});

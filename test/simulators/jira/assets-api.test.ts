import { arr, basic, startJira } from './jira-test-client';
import type { JiraHarness } from './jira-test-client';

let h: JiraHarness;
let ownerId: string;

beforeAll(async () => {
  h = await startJira();
  ownerId = h.sim.state.users.ensure('owner@example.com', 'Olga Owner').accountId;
});
afterAll(() => h.close());

const laptopBody = (serial: string, extra: Array<[string, string[]]> = []) => ({
  objectTypeId: '2',
  attributes: [
    { objectTypeAttributeId: '2', objectAttributeValues: [{ value: `LT-${serial}` }] },
    { objectTypeAttributeId: '5', objectAttributeValues: [{ value: serial }] },
    ...extra.map(([id, values]) => ({
      objectTypeAttributeId: id,
      objectAttributeValues: values.map((value) => ({ value })),
    })),
  ],
});

describe('Assets objects over HTTP', () => {
  test('create returns 201 without attributes; GET returns typed attribute values', async () => {
    const loc = await h.call('POST', `${h.assets}/object/create`, {
      objectTypeId: '10',
      attributes: [{ objectTypeAttributeId: '19', objectAttributeValues: [{ value: 'Berlin' }] }],
    });
    expect(loc.status).toBe(201);
    const created = await h.call(
      'POST',
      `${h.assets}/object/create`,
      laptopBody('SN-1', [
        ['9', ['16384']],
        ['10', ['2024-03-01']],
        ['12', ['2']],
        ['13', [ownerId]],
        ['14', [String(loc.json.objectKey)]],
        ['15', ['Finance']],
      ]),
    );
    expect(created.status).toBe(201);
    expect(created.json.attributes).toBeUndefined();
    expect(created.json.objectKey).toBe(`ITA-${String(created.json.id)}`);
    expect(created.json.globalId).toBe(`${h.ws}:${String(created.json.id)}`);

    const got = await h.call('GET', `${h.assets}/object/${String(created.json.id)}`);
    expect(got.status).toBe(200);
    const byAttr = new Map(
      arr(got.json.attributes).map((a) => [
        String(a.objectTypeAttributeId),
        arr(a.objectAttributeValues)[0] as typeof a,
      ]),
    );
    expect(byAttr.get('1')?.value).toBe(created.json.objectKey);
    expect(byAttr.get('9')?.value).toBe('16384');
    expect(byAttr.get('10')).toMatchObject({ value: '2024-03-01', displayValue: '01/Mar/24' });
    expect(byAttr.get('12')?.status).toMatchObject({ id: '2', name: 'In Use', category: 1 });
    expect(byAttr.get('13')?.user).toMatchObject({ key: ownerId, displayName: 'Olga Owner' });
    expect(byAttr.get('14')?.referencedObject).toMatchObject({
      label: 'Berlin',
      objectKey: loc.json.objectKey,
    });
    expect(byAttr.get('15')?.value).toBe('Finance');
  });

  test('update to identical values does not bump updated; a change does', async () => {
    let t = Date.UTC(2026, 1, 1);
    const sim = await startJira({ now: () => t });
    try {
      const created = await sim.call('POST', `${sim.assets}/object/create`, laptopBody('SN-2'));
      const id = String(created.json.id);
      t += 60_000;
      const same = await sim.call('PUT', `${sim.assets}/object/${id}`, laptopBody('SN-2'));
      expect(same.status).toBe(200);
      expect(same.json.updated).toBe(created.json.updated);
      t += 60_000;
      const changed = await sim.call('PUT', `${sim.assets}/object/${id}`, {
        objectTypeId: '2',
        attributes: [{ objectTypeAttributeId: '5', objectAttributeValues: [{ value: 'SN-2B' }] }],
      });
      expect(changed.json.updated).toBe(new Date(t).toISOString());
      const name = arr(changed.json.attributes).find(
        (a) => a.objectTypeAttributeId === ('2' as unknown),
      );
      expect(arr(name?.objectAttributeValues)[0]?.value).toBe('LT-SN-2');
    } finally {
      await sim.close();
    }
  });

  test('unknown attribute id and wrong value types are 400 with errorMessages and errors', async () => {
    const unknown = await h.call(
      'POST',
      `${h.assets}/object/create`,
      laptopBody('SN-3', [['999', ['x']]]),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.json.errorMessages).toEqual([]);
    expect(String(unknown.json.errors['rlabs-insight-attribute-999'])).toMatch(/does not exist/);
    for (const [attr, value, pattern] of [
      ['9', 'lots', /not a valid integer/],
      ['10', '01/02/2024', /not a valid date/],
      ['12', '99', /status/],
      ['13', 'nobody', /no user/],
      ['14', 'ITA-99999', /no object/],
      ['15', 'Astrology', /not one of the options/],
    ] as const) {
      const res = await h.call(
        'POST',
        `${h.assets}/object/create`,
        laptopBody('SN-4', [[attr, [value]]]),
      );
      expect(res.status).toBe(400);
      expect(String(res.json.errors[`rlabs-insight-attribute-${attr}`])).toMatch(pattern);
    }
    const abstract = await h.call('POST', `${h.assets}/object/create`, {
      ...laptopBody('SN-5'),
      objectTypeId: '1',
    });
    expect(abstract.status).toBe(400);
    const noName = await h.call('POST', `${h.assets}/object/create`, {
      objectTypeId: '2',
      attributes: [],
    });
    expect(noName.status).toBe(400);
    const badShape = await h.call('POST', `${h.assets}/object/create`, { attributes: 'x' });
    expect(badShape.status).toBe(400);
    expect(arr(badShape.json.errorMessages)[0]).toMatch(/objectTypeId/);
  });

  test('delete then 404; bad JSON is the vendor 400; unknown workspace is 404', async () => {
    const created = await h.call('POST', `${h.assets}/object/create`, laptopBody('SN-6'));
    const id = String(created.json.id);
    expect((await h.call('DELETE', `${h.assets}/object/${id}`)).status).toBe(204);
    const gone = await h.call('GET', `${h.assets}/object/${id}`);
    expect(gone.status).toBe(404);
    expect(arr(gone.json.errorMessages)[0]).toMatch(new RegExp(`id ${id}`));
    const badJson = await h.call('POST', `${h.assets}/object/aql`, '{"qlQuery": ');
    expect(badJson.status).toBe(400);
    expect(badJson.json.errorMessages).toBeDefined();
    expect((await h.call('GET', '/jsm/assets/workspace/nope/v1/objectschema/list')).status).toBe(
      404,
    );
  });

  test('schema, object types and attributes', async () => {
    const list = await h.call('GET', `${h.assets}/objectschema/list`);
    expect(list.json).toMatchObject({
      startAt: 0,
      total: 1,
      isLast: true,
      values: [{ name: 'IT Assets', objectSchemaKey: 'ITA' }],
    });
    const types = await h.call('GET', `${h.assets}/objectschema/1/objecttypes/flat`);
    expect(arr(types.json).map((t) => t.name)).toEqual(
      expect.arrayContaining(['Hardware', 'Laptop', 'Location']),
    );
    const attrs = await h.call('GET', `${h.assets}/objecttype/2/attributes`);
    const names = arr(attrs.json).map((a) => a.name);
    expect(names.slice(0, 4)).toEqual(['Key', 'Name', 'Created', 'Updated']);
    expect(names).toEqual(
      expect.arrayContaining([
        'Serial Number',
        'RAM',
        'Status',
        'Owner',
        'Location',
        'Department',
        'MAC Address',
        'Cost Center',
      ]),
    );
    const status = arr(attrs.json).find((a) => (a.name as unknown) === 'Status');
    expect(status?.type).toBe(7);
  });
});

describe('AQL over HTTP', () => {
  test('pages with startAt/maxResults query parameters until isLast', async () => {
    const sim = await startJira();
    try {
      for (let i = 0; i < 7; i++)
        await sim.call('POST', `${sim.assets}/object/create`, laptopBody(`P-${i}`));
      const seen: string[] = [];
      let startAt = 0;
      for (;;) {
        const page = await sim.call(
          'POST',
          `${sim.assets}/object/aql?startAt=${startAt}&maxResults=3`,
          { qlQuery: 'objectType = Laptop order by Key asc' },
        );
        expect(page.status).toBe(200);
        expect(page.json.last).toBe(page.json.isLast);
        seen.push(...arr(page.json.values).map((v) => String(v.id)));
        if (page.json.isLast) break;
        startAt += arr(page.json.values).length;
      }
      expect(seen).toHaveLength(7);
      expect(new Set(seen).size).toBe(7);
      const count = await sim.call('POST', `${sim.assets}/object/aql/totalcount`, {
        qlQuery: 'objectType = Laptop',
      });
      expect(count.json).toEqual({ totalCount: 7 });
      const noAttrs = await sim.call('POST', `${sim.assets}/object/aql?includeAttributes=false`, {
        qlQuery: 'objectType = Laptop',
      });
      expect(arr(noAttrs.json.values)[0]?.attributes).toBeUndefined();
    } finally {
      await sim.close();
    }
  });

  test('total is capped by the quirk, exact when the quirk is off', async () => {
    const sim = await startJira({ quirks: { aqlTotalCap: 2 } });
    try {
      for (let i = 0; i < 3; i++)
        await sim.call('POST', `${sim.assets}/object/create`, laptopBody(`C-${i}`));
      const capped = await sim.call('POST', `${sim.assets}/object/aql`, {
        qlQuery: 'objectType = Laptop',
      });
      expect(capped.json.total).toBe(2);
      expect(arr(capped.json.values)).toHaveLength(3);
      await sim.control('PUT', '/config', { quirks: { aqlTotalCap: null } });
      const exact = await sim.call('POST', `${sim.assets}/object/aql`, {
        qlQuery: 'objectType = Laptop',
      });
      expect(exact.json.total).toBe(3);
    } finally {
      await sim.close();
    }
  });

  test('malformed AQL is a 400 with the Assets error body', async () => {
    const res = await h.call('POST', `${h.assets}/object/aql`, { qlQuery: 'objectType = ' });
    expect(res.status).toBe(400);
    expect(arr(res.json.errorMessages)[0]).toMatch(/AQL/);
    const missing = await h.call('POST', `${h.assets}/object/aql`, {});
    expect(missing.status).toBe(400);
  });
});

describe('auth and rate limits', () => {
  test('wrong credentials are 401 with the vendor body', async () => {
    const res = await h.call('GET', `${h.assets}/objectschema/list`, undefined, {
      authorization: basic('sim-admin@example.com', 'wrong'),
    });
    expect(res.status).toBe(401);
    expect(res.json).toEqual({
      errorMessages: ['Client must be authenticated to access this resource.'],
      errors: {},
    });
    const none = await h.call('GET', '/rest/api/3/myself', undefined, { authorization: '' });
    expect(none.status).toBe(401);
  });

  test('429 with Retry-After, X-RateLimit-* and RateLimit-Reason when the AQL limit is exceeded', async () => {
    const sim = await startJira({
      rateLimits: { assetsAqlPerMinute: 2 },
      now: () => Date.UTC(2026, 0, 1, 0, 0, 30),
    });
    try {
      const ok1 = await sim.call('POST', `${sim.assets}/object/aql`, { qlQuery: '' });
      const ok2 = await sim.call('POST', `${sim.assets}/object/aql`, { qlQuery: '' });
      const limited = await sim.call('POST', `${sim.assets}/object/aql`, { qlQuery: '' });
      expect([ok1.status, ok2.status]).toEqual([200, 200]);
      expect(ok1.headers.get('x-ratelimit-remaining')).toBe('1');
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('30');
      expect(limited.headers.get('x-ratelimit-limit')).toBe('2');
      expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(limited.headers.get('x-ratelimit-reset')).toBe('2026-01-01T00:01Z');
      expect(limited.headers.get('ratelimit-reason')).toBe('jira-burst-based');
      expect(limited.json.errorMessages).toBeDefined();
      const other = await sim.call('GET', `${sim.assets}/objectschema/list`);
      expect(other.status).toBe(200);
    } finally {
      await sim.close();
    }
  });

  test('Jira burst limit per endpoint and method', async () => {
    const sim = await startJira({ rateLimits: { jiraReadPerSecond: 1 }, now: () => 5_000 });
    try {
      expect((await sim.call('GET', '/rest/api/3/field')).status).toBe(200);
      const limited = await sim.call('GET', '/rest/api/3/field');
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('1');
      expect((await sim.call('GET', '/rest/api/3/myself')).status).toBe(200);
    } finally {
      await sim.close();
    }
  });

  test('injected faults carry the vendor envelope', async () => {
    const sim = await startJira();
    try {
      await sim.control('PUT', '/faults', {
        rules: [{ path: '/jsm/', kind: 'status', status: 503, retryAfterSeconds: 7, count: 1 }],
      });
      const faulted = await sim.call('GET', `${sim.assets}/objectschema/list`);
      expect(faulted.status).toBe(503);
      expect(faulted.headers.get('retry-after')).toBe('7');
      expect(faulted.json.errorMessages).toBeDefined();
      expect((await sim.call('GET', `${sim.assets}/objectschema/list`)).status).toBe(200);
    } finally {
      await sim.close();
    }
  });
});

describe('Assets status types', () => {
  test('config/statustype lists the schema statuses; another schema has none', async () => {
    const res = await h.call('GET', `${h.assets}/config/statustype?objectSchemaId=1`);
    expect(res.status).toBe(200);
    const list = arr(res.json);
    expect(list.map((s) => s.name)).toEqual(['In Stock', 'In Use', 'In Repair', 'Retired', 'Lost']);
    expect(list[1]).toMatchObject({ id: '2', category: 1, objectSchemaId: '1' });
    expect(
      arr((await h.call('GET', `${h.assets}/config/statustype?objectSchemaId=9`)).json),
    ).toEqual([]);
  });
});

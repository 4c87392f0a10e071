import { resultList, resultOne, startSn, type Json, type SnHarness } from './sn-test-client';

let h: SnHarness;

beforeAll(async () => {
  h = await startSn();
});

afterAll(async () => {
  await h.running.close();
});

beforeEach(async () => {
  await h.http.post('/_sim/reset');
});

async function create(table: string, body: Json): Promise<Json> {
  const res = await h.http.post(`/api/now/table/${table}`, body);
  expect(res.status).toBe(201);
  return resultOne(res.data);
}

describe('CRUD', () => {
  test('POST answers 201 with Location and the record, all values strings', async () => {
    const res = await h.http.post('/api/now/table/cmdb_ci_computer', {
      name: 'lap-001',
      serial_number: 'C02ABC',
      ram: 16384,
      virtual: false,
      u_invented: 'ignored',
    });
    expect(res.status).toBe(201);
    const rec = resultOne(res.data);
    expect(res.headers.location).toBe(
      `${h.running.url}/api/now/table/cmdb_ci_computer/${rec.sys_id}`,
    );
    expect(rec.sys_id).toMatch(/^[0-9a-f]{32}$/);
    expect(rec).toMatchObject({
      name: 'lap-001',
      ram: '16384',
      virtual: 'false',
      sys_class_name: 'cmdb_ci_computer',
      sys_mod_count: '0',
      install_status: '1',
      asset: '',
    });
    expect(rec.sys_updated_on).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(rec).not.toHaveProperty('u_invented');
    for (const value of Object.values(rec)) {
      expect(typeof value === 'string' || (typeof value === 'object' && value !== null)).toBe(true);
    }
  });

  test('an array body inserts only the first element', async () => {
    const res = await h.http.post('/api/now/table/cmn_location', [{ name: 'A' }, { name: 'B' }]);
    expect(res.status).toBe(201);
    const list = await h.http.get('/api/now/table/cmn_location');
    expect(resultList(list.data).map((r) => r.name)).toEqual(['A']);
  });

  test('GET one, PATCH, PUT and DELETE', async () => {
    const rec = await create('cmdb_ci_server', { name: 'srv-1' });
    const url = `/api/now/table/cmdb_ci_server/${rec.sys_id}`;
    expect(resultOne((await h.http.get(url)).data).name).toBe('srv-1');

    const patched = await h.http.patch(url, { short_description: 'db host' });
    expect(patched.status).toBe(200);
    expect(resultOne(patched.data)).toMatchObject({
      short_description: 'db host',
      sys_mod_count: '1',
    });

    const put = await h.http.put(url, { name: 'srv-1b' });
    expect(resultOne(put.data)).toMatchObject({ name: 'srv-1b', short_description: 'db host' });

    const unchanged = await h.http.patch(url, { name: 'srv-1b' });
    expect(resultOne(unchanged.data).sys_mod_count).toBe('2');

    const del = await h.http.delete(url);
    expect(del.status).toBe(204);
    expect(del.data).toBe('');
    const gone = await h.http.get(url);
    expect(gone.status).toBe(404);
    expect(gone.data).toEqual({
      error: {
        message: 'No Record found',
        detail: "Record doesn't exist or ACL restricts the record retrieval",
      },
      status: 'failure',
    });
  });

  test('X-no-response-body suppresses the echoed record', async () => {
    const res = await h.http.post(
      '/api/now/table/cmn_location',
      { name: 'HQ' },
      { headers: { 'X-no-response-body': 'true' } },
    );
    expect(res.status).toBe(201);
    expect(res.data).toBe('');
  });

  test('sys_ fields other than sys_id are not writable', async () => {
    const rec = await create('cmn_location', { name: 'HQ', sys_mod_count: '99' });
    expect(rec.sys_mod_count).toBe('0');
  });
});

describe('table inheritance', () => {
  test('GET on cmdb_ci and cmdb_ci_hardware returns child classes, with parent columns only', async () => {
    await create('cmdb_ci_computer', { name: 'pc', os: 'Windows 11' });
    await create('cmdb_ci_netgear', { name: 'sw' });
    await create('cmdb_ci_network_adapter', { name: 'eth0' });
    const hw = resultList((await h.http.get('/api/now/table/cmdb_ci_hardware')).data);
    expect(hw.map((r) => r.sys_class_name).sort()).toEqual(['cmdb_ci_computer', 'cmdb_ci_netgear']);
    expect(hw[0]).not.toHaveProperty('os');
    const all = resultList((await h.http.get('/api/now/table/cmdb_ci')).data);
    expect(all).toHaveLength(3);
    const computers = resultList((await h.http.get('/api/now/table/cmdb_ci_computer')).data);
    expect(computers[0].os).toBe('Windows 11');
  });

  test('a computer with its disk, adapter and IP address: classes, parents and references', async () => {
    const pc = await create('cmdb_ci_computer', { name: 'pc-7', serial_number: 'C02XK1' });
    const disk = await create('cmdb_ci_disk', {
      name: 'disk0',
      computer: pc.sys_id,
      device_interface: 'nvme',
      size_bytes: '512110190592',
    });
    const nic = await create('cmdb_ci_network_adapter', {
      name: 'en0',
      mac_address: 'f8:f2:1e:00:d4:66',
      cmdb_ci: pc.sys_id,
    });
    const ip = await create('cmdb_ci_ip_address', {
      name: '10.1.2.3',
      ip_address: '10.1.2.3',
      ip_version: '4',
      nic: nic.sys_id,
    });
    expect(disk.sys_class_name).toBe('cmdb_ci_disk');
    expect((disk.computer as { value: string }).value).toBe(pc.sys_id);
    expect(disk.size_bytes).toBe('512110190592');
    expect((ip.nic as { value: string }).value).toBe(nic.sys_id);

    const storage = resultList((await h.http.get('/api/now/table/cmdb_ci_storage_device')).data);
    expect(storage.map((r) => r.name)).toEqual(['disk0']);
    const hw = resultList((await h.http.get('/api/now/table/cmdb_ci_hardware')).data);
    expect(hw.map((r) => r.sys_class_name).sort()).toEqual(['cmdb_ci_computer', 'cmdb_ci_disk']);
    const q = await h.http.get(
      `/api/now/table/cmdb_ci_ip_address?sysparm_query=nic=${nic.sys_id}&sysparm_fields=ip_address`,
    );
    expect(resultList(q.data)).toEqual([{ ip_address: '10.1.2.3' }]);
    const sibling = await h.http.get(`/api/now/table/cmdb_ci_hardware/${ip.sys_id}`);
    expect(sibling.status).toBe(404);
  });

  test('GET one through a parent table finds a child record, but not through a sibling', async () => {
    const rec = await create('cmdb_ci_computer', { name: 'pc' });
    expect((await h.http.get(`/api/now/table/cmdb_ci/${rec.sys_id}`)).status).toBe(200);
    expect((await h.http.get(`/api/now/table/cmdb_ci_netgear/${rec.sys_id}`)).status).toBe(404);
  });
});

describe('queries, fields and paging', () => {
  beforeEach(async () => {
    for (let i = 0; i < 25; i++) {
      await create('cmdb_ci_computer', {
        name: `pc-${String(i).padStart(2, '0')}`,
        os: i % 2 === 0 ? 'macOS' : 'Windows',
        serial_number: i % 5 === 0 ? '' : `SER${i}`,
      });
    }
  });

  test('sysparm_query filters and sorts; X-Total-Count counts all matches', async () => {
    const res = await h.http.get('/api/now/table/cmdb_ci_computer', {
      params: {
        sysparm_query: 'os=macOS^serial_numberISNOTEMPTY^ORDERBYDESCname',
        sysparm_limit: 3,
      },
    });
    expect(res.headers['x-total-count']).toBe('10');
    expect(resultList(res.data).map((r) => r.name)).toEqual(['pc-24', 'pc-22', 'pc-18']);
  });

  test('name=value pairs work as a filter', async () => {
    const res = await h.http.get('/api/now/table/cmdb_ci_computer?name=pc-03');
    expect(resultList(res.data).map((r) => r.name)).toEqual(['pc-03']);
  });

  test('Link header has first, next and last on the first page and prev later', async () => {
    const first = await h.http.get(
      '/api/now/table/cmdb_ci_computer?sysparm_limit=10&sysparm_query=ORDERBYname',
    );
    const links = String(first.headers.link).split(',');
    expect(links).toHaveLength(3);
    expect(links[0]).toMatch(/sysparm_offset=0.*;rel="first"$/);
    expect(links[1]).toMatch(/sysparm_offset=10.*;rel="next"$/);
    expect(links[2]).toMatch(/sysparm_offset=20.*;rel="last"$/);
    expect(links[1]).toContain('sysparm_query=ORDERBYname');
    const middle = await h.http.get(
      '/api/now/table/cmdb_ci_computer?sysparm_limit=10&sysparm_offset=10',
    );
    expect(String(middle.headers.link)).toMatch(/sysparm_offset=0[^,]*;rel="prev"/);
    const last = await h.http.get(
      '/api/now/table/cmdb_ci_computer?sysparm_limit=10&sysparm_offset=20',
    );
    expect(resultList(last.data)).toHaveLength(5);
    expect(String(last.headers.link)).not.toContain('rel="next"');
  });

  test('single page: no Link header (quirk), Link when the quirk is off', async () => {
    const res = await h.http.get('/api/now/table/cmdb_ci_computer');
    expect(res.headers.link).toBeUndefined();
    await h.http.put('/_sim/config', { quirks: { omitLinkOnSinglePage: false } });
    const again = await h.http.get('/api/now/table/cmdb_ci_computer');
    expect(String(again.headers.link)).toContain('rel="first"');
    await h.http.put('/_sim/config', { quirks: { omitLinkOnSinglePage: true } });
  });

  test('sysparm_no_count and sysparm_suppress_pagination_header drop the headers', async () => {
    const res = await h.http.get('/api/now/table/cmdb_ci_computer', {
      params: {
        sysparm_limit: 5,
        sysparm_no_count: true,
        sysparm_suppress_pagination_header: true,
      },
    });
    expect(res.headers['x-total-count']).toBeUndefined();
    expect(res.headers.link).toBeUndefined();
  });

  test('sysparm_fields returns only those fields and ignores invalid names', async () => {
    const res = await h.http.get('/api/now/table/cmdb_ci_computer', {
      params: { sysparm_fields: 'name,bogus,sys_id', sysparm_limit: 1 },
    });
    expect(Object.keys(resultList(res.data)[0])).toEqual(['name', 'sys_id']);
  });

  test('an invalid query part is ignored; with the quirk off it returns no rows', async () => {
    const res = await h.http.get(
      '/api/now/table/cmdb_ci_computer?sysparm_query=u_bogus=1^name=pc-01',
    );
    expect(res.status).toBe(200);
    expect(resultList(res.data).map((r) => r.name)).toEqual(['pc-01']);
    await h.http.put('/_sim/config', { quirks: { ignoreInvalidQuery: false } });
    const strict = await h.http.get(
      '/api/now/table/cmdb_ci_computer?sysparm_query=u_bogus=1^name=pc-01',
    );
    expect(strict.status).toBe(200);
    expect(resultList(strict.data)).toEqual([]);
    expect(strict.headers['x-total-count']).toBe('0');
    await h.http.put('/_sim/config', { quirks: { ignoreInvalidQuery: true } });
  });

  test('v2 answers an empty list with 200 []; v1 with 404', async () => {
    const v2 = await h.http.get('/api/now/v2/table/cmdb_ci_computer?sysparm_query=name=none');
    expect(v2.status).toBe(200);
    expect(resultList(v2.data)).toEqual([]);
    const v1 = await h.http.get('/api/now/v1/table/cmdb_ci_computer?sysparm_query=name=none');
    expect(v1.status).toBe(404);
  });
});

describe('references and display values', () => {
  let userId: string;
  let ciId: string;

  beforeEach(async () => {
    userId = String((await create('sys_user', { user_name: 'ada', name: 'Ada Lovelace' })).sys_id);
    ciId = String(
      (
        await create('cmdb_ci_computer', {
          name: 'pc-ada',
          assigned_to: userId,
          install_status: '6',
        })
      ).sys_id,
    );
  });

  test('default: references as {link, value} pointing at the reference target table', async () => {
    const rec = resultOne((await h.http.get(`/api/now/table/cmdb_ci_computer/${ciId}`)).data);
    expect(rec.assigned_to).toEqual({
      link: `${h.running.url}/api/now/table/sys_user/${userId}`,
      value: userId,
    });
    expect(rec.install_status).toBe('6');
  });

  test('sysparm_exclude_reference_link=true gives the bare sys_id', async () => {
    const res = await h.http.get(
      `/api/now/table/cmdb_ci_computer/${ciId}?sysparm_exclude_reference_link=true`,
    );
    expect(resultOne(res.data).assigned_to).toBe(userId);
  });

  test('sysparm_display_value=true gives labels and {display_value, link}', async () => {
    const rec = resultOne(
      (await h.http.get(`/api/now/table/cmdb_ci_computer/${ciId}?sysparm_display_value=true`)).data,
    );
    expect(rec.assigned_to).toEqual({
      display_value: 'Ada Lovelace',
      link: `${h.running.url}/api/now/table/sys_user/${userId}`,
    });
    expect(rec.install_status).toBe('In Stock');
    expect(rec.sys_class_name).toBe('Computer');
    expect(rec.discovery_source).toBeNull();
  });

  test('sysparm_display_value=all gives {display_value, value} and links on references', async () => {
    const rec = resultOne(
      (await h.http.get(`/api/now/table/cmdb_ci_computer/${ciId}?sysparm_display_value=all`)).data,
    );
    expect(rec.install_status).toEqual({ display_value: 'In Stock', value: '6' });
    expect(rec.assigned_to).toEqual({
      display_value: 'Ada Lovelace',
      link: `${h.running.url}/api/now/table/sys_user/${userId}`,
      value: userId,
    });
  });

  test('dot-walked fields in sysparm_fields and sysparm_query', async () => {
    const res = await h.http.get('/api/now/table/cmdb_ci_computer', {
      params: {
        sysparm_query: 'assigned_to.name=Ada Lovelace',
        sysparm_fields: 'name,assigned_to.name',
      },
    });
    expect(resultList(res.data)).toEqual([{ name: 'pc-ada', 'assigned_to.name': 'Ada Lovelace' }]);
  });
});

describe('asset and CI linked both ways', () => {
  test('creating an asset with ci sets the CI asset pointer, and changes sync', async () => {
    const ci = await create('cmdb_ci_computer', { name: 'pc-1', serial_number: 'S1' });
    const asset = await create('alm_hardware', {
      ci: ci.sys_id,
      asset_tag: 'P100',
      serial_number: 'S1',
    });
    const ciNow = resultOne(
      (await h.http.get(`/api/now/table/cmdb_ci/${ci.sys_id}?sysparm_exclude_reference_link=true`))
        .data,
    );
    expect(ciNow.asset).toBe(asset.sys_id);
    await h.http.patch(`/api/now/table/alm_hardware/${asset.sys_id}`, { asset_tag: 'P200' });
    const synced = resultOne((await h.http.get(`/api/now/table/cmdb_ci/${ci.sys_id}`)).data);
    expect(synced.asset_tag).toBe('P200');
    await h.http.patch(`/api/now/table/cmdb_ci_computer/${ci.sys_id}`, { serial_number: 'S2' });
    const back = resultOne((await h.http.get(`/api/now/table/alm_asset/${asset.sys_id}`)).data);
    expect(back.serial_number).toBe('S2');
  });

  test('creating a CI with asset sets the asset ci pointer', async () => {
    const asset = await create('alm_hardware', { asset_tag: 'P300' });
    const ci = await create('cmdb_ci_computer', { name: 'pc-3', asset: asset.sys_id });
    const res = await h.http.get(
      `/api/now/table/alm_hardware/${asset.sys_id}?sysparm_exclude_reference_link=true`,
    );
    expect(resultOne(res.data).ci).toBe(ci.sys_id);
  });
});

describe('work notes and comments', () => {
  test('PATCH with work_notes appends sys_journal_field entries; the field reads back empty', async () => {
    const inc = await create('incident', { short_description: 'Broken screen', comments: 'first' });
    expect(inc.number).toMatch(/^INC\d{7}$/);
    const res = await h.http.patch(`/api/now/table/incident/${inc.sys_id}`, {
      work_notes: 'swapped',
    });
    const rec = resultOne(res.data);
    expect(rec.work_notes).toBe('');
    expect(rec.sys_mod_count).toBe('1');
    const journal = await h.http.get('/api/now/table/sys_journal_field', {
      params: { sysparm_query: `element_id=${inc.sys_id}^ORDERBYsys_created_on` },
    });
    expect(resultList(journal.data).map((j) => [j.element, j.value, j.name])).toEqual([
      ['comments', 'first', 'incident'],
      ['work_notes', 'swapped', 'incident'],
    ]);
  });

  test('task_ci rows link tasks and CIs, with no uniqueness constraint', async () => {
    const ci = await create('cmdb_ci_computer', { name: 'pc' });
    const chg = await create('change_request', { short_description: 'Reimage' });
    expect(chg.number).toMatch(/^CHG/);
    await create('task_ci', { task: chg.sys_id, ci_item: ci.sys_id });
    await create('task_ci', { task: chg.sys_id, ci_item: ci.sys_id });
    const rows = await h.http.get(`/api/now/table/task_ci?task=${String(chg.sys_id)}`);
    expect(resultList(rows.data)).toHaveLength(2);
  });
});

describe('errors', () => {
  test('unknown table answers 400 in the platform envelope', async () => {
    const res = await h.http.get('/api/now/table/sys_nonexistent');
    expect(res.status).toBe(400);
    expect(res.data).toEqual({
      error: {
        message: 'Invalid table sys_nonexistent',
        detail: 'Table sys_nonexistent does not exist',
      },
      status: 'failure',
    });
  });

  test('bad JSON answers 400 JSON, not an HTML page', async () => {
    const res = await h.http.post('/api/now/table/incident', '{"short_description": ', {
      headers: { 'Content-Type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/json/);
    expect(res.data).toMatchObject({
      error: { message: 'Exception while reading request' },
      status: 'failure',
    });
  });

  test('a non-object JSON body answers 400', async () => {
    const res = await h.http.post('/api/now/table/incident', '"text"', {
      headers: { 'Content-Type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.data.status).toBe('failure');
  });

  test('PATCH and DELETE of a missing record answer 404', async () => {
    const id = 'f'.repeat(32);
    expect((await h.http.patch(`/api/now/table/incident/${id}`, { state: '2' })).status).toBe(404);
    expect((await h.http.delete(`/api/now/table/incident/${id}`)).status).toBe(404);
  });

  test('unknown API path answers 400 in the envelope', async () => {
    const res = await h.http.get('/api/now/nothing/here');
    expect(res.status).toBe(400);
    expect(res.data.error.message).toBe('Requested URI does not represent any resource');
  });

  test('an injected fault carries the platform envelope and Retry-After', async () => {
    await h.http.put('/_sim/faults', {
      rules: [
        { path: '/api/now/table/', kind: 'status', status: 429, retryAfterSeconds: 7, count: 1 },
      ],
    });
    const res = await h.http.get('/api/now/table/incident');
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('7');
    expect(res.data).toMatchObject({
      error: { message: 'Rate limit exceeded' },
      status: 'failure',
    });
    expect((await h.http.get('/api/now/table/incident')).status).toBe(200);
  });
});

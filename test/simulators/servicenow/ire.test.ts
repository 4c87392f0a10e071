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

interface ItemResult {
  className: string;
  operation: string;
  sysId: string;
  identifierEntrySysId: string;
  identificationAttempts: {
    identifierName: string;
    attemptResult: string;
    attributes: string[];
    searchOnTable?: string;
    info?: string;
  }[];
  errorCount: number;
  errors?: { error: string; message: string }[];
  warnings?: { error: string; message: string }[];
  relatedSysIds?: (string | null)[];
  partialSysIds?: string[];
  mergedPayloadIds: string[];
  info?: { code: string }[];
}

interface IreAnswer {
  status: number;
  items: ItemResult[];
  relations: { operation: string; errorCount: number }[];
  result: Json;
}

async function ire(
  body: Json,
  query = 'sysparm_data_source=ServiceNow',
  path = '',
): Promise<IreAnswer> {
  const res = await h.http.post(`/api/now/identifyreconcile${path}?${query}`, body);
  const result = (res.data as { result: Json }).result ?? {};
  return {
    status: res.status,
    items: (result.items ?? []) as ItemResult[],
    relations: (result.relations ?? []) as IreAnswer['relations'],
    result,
  };
}

const laptop = (values: Json, extra: Json = {}): Json => ({
  items: [{ className: 'cmdb_ci_computer', values, ...extra }],
});

async function ci(sysId: string, table = 'cmdb_ci'): Promise<Json> {
  return resultOne((await h.http.get(`/api/now/table/${table}/${sysId}`)).data);
}

describe('identify and reconcile', () => {
  test('INSERT, then NO_CHANGE without touching the record, then UPDATE', async () => {
    const first = await ire(laptop({ name: 'lap-1', serial_number: 'C02X', ram: '8192' }));
    expect(first.status).toBe(200);
    const item = first.items[0];
    expect(item.operation).toBe('INSERT');
    expect(item.sysId).toMatch(/^[0-9a-f]{32}$/);
    const inserted = await ci(item.sysId);
    expect(inserted).toMatchObject({ discovery_source: 'ServiceNow', sys_mod_count: '0' });

    const same = await ire(laptop({ name: 'lap-1', serial_number: 'C02X', ram: 8192 }));
    expect(same.items[0]).toMatchObject({ operation: 'NO_CHANGE', sysId: item.sysId });
    const after = await ci(item.sysId);
    expect(after.sys_mod_count).toBe('0');
    expect(after.sys_updated_on).toBe(inserted.sys_updated_on);

    const changed = await ire(laptop({ name: 'lap-1', serial_number: 'C02X', ram: '16384' }));
    expect(changed.items[0]).toMatchObject({
      operation: 'UPDATE',
      sysId: item.sysId,
      errorCount: 0,
    });
    expect((await ci(item.sysId)).sys_mod_count).toBe('1');
  });

  test('attempts follow the Hardware Rule order and stop at MATCHED', async () => {
    await ire(laptop({ name: 'lap-2', serial_number: 'SER2' }));
    const byName = await ire(laptop({ name: 'lap-2', serial_number: 'OTHER' }));
    const attempts = byName.items[0].identificationAttempts;
    expect(attempts.map((a) => [a.attemptResult, a.attributes.join('+'), a.searchOnTable])).toEqual(
      [
        ['SKIPPED', 'serial_number+serial_number_type', 'cmdb_serial_number'],
        ['NO_MATCH', 'serial_number', 'cmdb_ci_hardware'],
        ['MATCHED', 'name', 'cmdb_ci_hardware'],
      ],
    );
    expect(byName.items[0].identifierEntrySysId).toBe('556eb250c3400200d8d4bea192d3ae92');
  });

  test('serial number and network adapter lookups identify the CI and are stored', async () => {
    const first = await ire(
      laptop(
        { name: 'lap-3' },
        {
          lookup: [
            {
              className: 'cmdb_serial_number',
              values: { serial_number: 'L3', serial_number_type: 'system', valid: 'true' },
            },
            {
              className: 'cmdb_ci_network_adapter',
              values: { name: 'en0', mac_address: 'aa:bb:cc:00:11:22' },
            },
          ],
        },
      ),
    );
    const id = first.items[0].sysId;
    expect(first.items[0].relatedSysIds).toHaveLength(2);
    const byMac = await ire(
      laptop(
        { name: 'renamed' },
        {
          lookup: [
            {
              className: 'cmdb_ci_network_adapter',
              values: { name: 'en0', mac_address: 'aa:bb:cc:00:11:22' },
            },
          ],
        },
      ),
    );
    expect(byMac.items[0]).toMatchObject({ sysId: id, operation: 'UPDATE' });
    expect(byMac.items[0].identificationAttempts.at(-1)?.attemptResult).toBe('MATCHED');
    const serials = await h.http.get(`/api/now/table/cmdb_serial_number?cmdb_ci=${id}`);
    expect(resultList(serials.data)).toHaveLength(1);
  });

  test('source native key matches before the rules, even after the name changes', async () => {
    const src = {
      sys_object_source_info: { source_name: 'SG-Jamf', source_native_key: 'jamf-42' },
    };
    const first = await ire(laptop({ name: 'mac-a', serial_number: 'S42' }, src), '');
    const id = first.items[0].sysId;
    const second = await ire(laptop({ name: 'mac-b', serial_number: 'S42-NEW' }, src), '');
    expect(second.items[0]).toMatchObject({
      sysId: id,
      operation: 'UPDATE',
      identifierEntrySysId: 'Unknown',
    });
    expect(second.items[0].identificationAttempts).toEqual([
      { identifierName: '', attemptResult: 'MATCHED', attributes: [], hybridEntryCiAttributes: [] },
    ]);
    const rows = resultList((await h.http.get('/api/now/table/sys_object_source?id=jamf-42')).data);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: 'SG-Jamf', target_sys_id: id });
  });

  test('a more specific class upgrades the CI', async () => {
    const first = await ire({
      items: [{ className: 'cmdb_ci_hardware', values: { name: 'box' } }],
    });
    const up = await ire({ items: [{ className: 'cmdb_ci_server', values: { name: 'box' } }] });
    expect(up.items[0]).toMatchObject({
      operation: 'UPDATE_WITH_UPGRADE',
      sysId: first.items[0].sysId,
    });
    expect((await ci(first.items[0].sysId)).sys_class_name).toBe('cmdb_ci_server');
    const blocked = await ire({
      items: [
        {
          className: 'cmdb_ci_linux_server',
          values: { name: 'box' },
          settings: { updateWithoutUpgrade: true },
        },
      ],
    });
    expect(blocked.items[0].operation).toBe('NO_CHANGE');
    expect(blocked.items[0].info?.[0].code).toBe('SKIPPED_CLASS_UPGRADE');
  });

  test('relations are inserted once, then NO_CHANGE', async () => {
    const body = {
      items: [
        { className: 'cmdb_ci_linux_server', values: { name: 'lnx1' } },
        { className: 'cmdb_ci_ip_switch', values: { name: 'sw1', serial_number: 'SW1' } },
      ],
      relations: [{ parent: 0, child: 1, type: 'IP Connection::IP Connection' }],
    };
    expect((await ire(body)).relations[0]).toMatchObject({ operation: 'INSERT', errorCount: 0 });
    expect((await ire(body)).relations[0].operation).toBe('NO_CHANGE');
    const bad = await ire({ ...body, relations: [{ parent: 0, child: 5, type: 'Nope::Nope' }] });
    expect(bad.relations[0]).toMatchObject({ operation: 'INSERT_AS_INCOMPLETE', errorCount: 1 });
  });

  test('a payload with two identical serials matching two CIs is a MULTI_MATCH error', async () => {
    await h.http.post('/api/now/table/cmdb_ci_computer', { name: 'd1', serial_number: 'DUP' });
    await h.http.post('/api/now/table/cmdb_ci_computer', { name: 'd2', serial_number: 'DUP' });
    const res = await ire(laptop({ name: 'd3', serial_number: 'DUP' }));
    expect(res.items[0].identificationAttempts.at(-1)?.attemptResult).toBe('MULTI_MATCH');
    expect(res.items[0]).toMatchObject({ sysId: 'Unknown', errorCount: 1 });
  });
});

describe('per-item errors inside a 200', () => {
  test('an unknown data source is INVALID_INPUT_DATA for that item only', async () => {
    const res = await ire(laptop({ name: 'x', serial_number: 'X1' }), 'sysparm_data_source=MadeUp');
    expect(res.status).toBe(200);
    expect(res.items[0]).toMatchObject({ sysId: 'Unknown', errorCount: 1 });
    expect(res.items[0].errors?.[0].error).toBe('INVALID_INPUT_DATA');
    expect(res.items[0].errors?.[0].message).toContain('invalid data source [MadeUp]');
  });

  test('no data source at all is an error naming the choice field', async () => {
    const res = await ire(laptop({ name: 'x' }), '');
    expect(res.items[0].errors?.[0].message).toContain(
      'choice field [discovery_source] in table [cmdb_ci]',
    );
  });

  test('a data source added as a sys_choice becomes valid', async () => {
    await h.http.post('/api/now/table/sys_choice', {
      name: 'cmdb_ci',
      element: 'discovery_source',
      value: 'MyTool',
      label: 'MyTool',
    });
    const res = await ire(laptop({ name: 'y', serial_number: 'Y1' }), 'sysparm_data_source=MyTool');
    expect(res.items[0].operation).toBe('INSERT');
  });

  test('one bad item does not stop the good ones', async () => {
    const res = await ire({
      items: [
        { className: 'cmdb_ci_computer', values: { ram: '1' } },
        { className: 'not_a_class', values: { name: 'z' } },
        { className: 'cmdb_ci_computer', values: { name: 'ok-1' } },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.items.map((i) => [i.operation, i.errorCount])).toEqual([
      ['INSERT_AS_INCOMPLETE', 1],
      ['INSERT_AS_INCOMPLETE', 1],
      ['INSERT', 0],
    ]);
    expect(res.items[0].errors?.[0].error).toBe('MISSING_MATCHING_ATTRIBUTES');
  });

  test('a payload without items is rejected with the platform envelope', async () => {
    const res = await h.http.post('/api/now/identifyreconcile?sysparm_data_source=ServiceNow', {
      nope: 1,
    });
    expect(res.status).toBe(400);
    expect(res.data.status).toBe('failure');
    expect(res.data.error.detail).toContain('items');
  });
});

describe('duplicate items in one payload', () => {
  const twice = {
    items: [
      { className: 'cmdb_ci_computer', values: { name: 'a', serial_number: 'SAME', ram: '1' } },
      { className: 'cmdb_ci_computer', values: { name: 'b' } },
      { className: 'cmdb_ci_computer', values: { name: 'c', serial_number: 'SAME', ram: '2' } },
    ],
  };

  test('the plain API rejects them with DUPLICATE_PAYLOAD_RECORDS and processes the rest', async () => {
    const res = await ire(twice);
    expect(res.items.map((i) => [i.operation, i.errors?.[0]?.error ?? ''])).toEqual([
      ['INSERT_AS_INCOMPLETE', 'DUPLICATE_PAYLOAD_RECORDS'],
      ['INSERT', ''],
      ['INSERT_AS_INCOMPLETE', 'DUPLICATE_PAYLOAD_RECORDS'],
    ]);
  });

  test('the enhanced API merges them into one item, later values winning', async () => {
    const res = await ire(twice, 'sysparm_data_source=ServiceNow', '/enhanced');
    expect(res.items).toHaveLength(2);
    expect(res.items[0]).toMatchObject({ operation: 'INSERT', inputIndices: [0, 2] });
    expect(await ci(res.items[0].sysId, 'cmdb_ci_computer')).toMatchObject({ name: 'c', ram: '2' });
  });
});

describe('enhanced API', () => {
  test('a partial payload is kept, then merged when the rest arrives', async () => {
    const src = {
      sys_object_source_info: { source_name: 'ServiceNow', source_native_key: 'ncomputer3367' },
    };
    const partial = await ire(laptop({ cpu_core_count: '6', ram: '8192' }, src), '', '/enhanced');
    expect(partial.items[0]).toMatchObject({
      operation: 'INSERT_AS_PARTIAL',
      sysId: 'Unknown',
      errorCount: 0,
    });
    expect(partial.items[0].warnings?.[0].error).toBe('MISSING_MATCHING_ATTRIBUTES');
    expect(partial.result.hasWarning).toBe(true);
    expect(partial.items[0].identificationAttempts[0].info).toBe('sys_object_source NO_MATCH');

    const rest = await ire(
      laptop({ name: 'merged-pc' }, src),
      'options=generate_summary:true',
      '/enhanced',
    );
    const item = rest.items[0];
    expect(item.operation).toBe('INSERT');
    expect(item.mergedPayloadIds).toEqual(partial.items[0].partialSysIds);
    expect(await ci(item.sysId, 'cmdb_ci_computer')).toMatchObject({
      name: 'merged-pc',
      ram: '8192',
      cpu_core_count: '6',
    });
    expect(rest.result).toMatchObject({ hasError: false, hasWarning: false });
    expect((rest.result.summary as Json).cmdb_ci_computer).toMatchObject({
      inserted: 1,
      mergedPartialPayloads: 1,
    });
  });

  test('with partial_payloads:false the missing attributes are an error', async () => {
    const src = { sys_object_source_info: { source_name: 'ServiceNow', source_native_key: 'k1' } };
    const res = await ire(laptop({ ram: '1' }, src), 'options=partial_payloads:false', '/enhanced');
    expect(res.items[0]).toMatchObject({ operation: 'INSERT_AS_INCOMPLETE', errorCount: 1 });
    expect(res.result.hasError).toBe(true);
  });

  test('the /query dry run identifies without committing', async () => {
    const res = await ire(
      laptop({ name: 'dry', serial_number: 'D1' }),
      'sysparm_data_source=ServiceNow',
      '/query',
    );
    expect(res.items[0].operation).toBe('INSERT');
    const list = await h.http.get('/api/now/table/cmdb_ci_computer?name=dry');
    expect(resultList(list.data)).toEqual([]);
  });
});

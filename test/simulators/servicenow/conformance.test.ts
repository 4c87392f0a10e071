/**
 * Conformance of the ServiceNow simulator with the vendor docs in ../shared: no table column,
 * response field or envelope key that the docs and research do not describe. Needs ../shared;
 * fails loudly without it unless ASSETBRIDGE_NO_SHARED=1.
 */
import { resultList, resultOne, startSn, type Json, type SnHarness } from './sn-test-client';
import {
  documentedParameters,
  jsonSamples,
  keyPaths,
  readShared,
  skipWithoutShared,
} from './shared-docs';
import {
  allowedFields,
  ERROR_ENVELOPE_PATHS,
  IRE_MEASURED_PATHS,
  TABLES,
  TOKEN_RESPONSE_KEYS,
} from './wire-description';

const suite = skipWithoutShared() ? describe.skip : describe;

function notIn(actual: Iterable<string>, allowed: Set<string>): string[] {
  return [...actual].filter((k) => !allowed.has(k));
}

suite('ServiceNow conformance with ../shared', () => {
  let h: SnHarness;
  /** Field lists added at run time from the docs' samples and the captured fixture. */
  const docFields: Record<string, string[]> = {};
  let ireAllowed: Set<string>;

  beforeAll(async () => {
    const tableDoc = readShared('specs/servicenow/c_TableAPI.md');
    const samples = jsonSamples(tableDoc).map((s) => s.result);
    const rows = samples.flatMap((r) => (Array.isArray(r) ? r : [r])) as Json[];
    const problem = rows.find((r) => r.sys_class_name === 'problem');
    const incidents = rows.filter((r) => r !== problem);
    if (!problem || incidents.length === 0) throw new Error('c_TableAPI.md samples not found');
    const incidentKeys = new Set(incidents.flatMap((r) => Object.keys(r)));
    docFields.problem = Object.keys(problem);
    docFields.incident = [...incidentKeys];
    docFields.task = Object.keys(problem).filter((k) => incidentKeys.has(k));
    const fixture = JSON.parse(
      readShared('fixtures/servicenow/stackstate_cmdb_ci_with_utf8.json'),
    ) as { result: Json[] };
    docFields.cmdb_ci = Object.keys(fixture.result[0]);

    const ireDoc = readShared('specs/servicenow/c_IdentifyReconcileAPI.md');
    const enhanced = JSON.parse(
      readShared('fixtures/servicenow/servicenow_docs_ire_enhanced_examples.json'),
    ) as { response: unknown }[];
    ireAllowed = new Set([...documentedParameters(ireDoc), ...IRE_MEASURED_PATHS]);
    for (const sample of [...jsonSamples(ireDoc), ...enhanced.map((e) => e.response)]) {
      keyPaths(sample, ['result.summary']).forEach((p) => ireAllowed.add(p));
    }
    h = await startSn();
  });

  afterAll(async () => {
    await h?.running.close();
  });

  test('the docs yielded field lists (the test can fail)', () => {
    expect(docFields.incident.length).toBeGreaterThan(50);
    expect(docFields.cmdb_ci).toContain('sys_class_path');
    expect(ireAllowed.has('result.items.identificationAttempts.attemptResult')).toBe(true);
  });

  test('every simulated table is described, and has no column the description lacks', () => {
    const schema = h.sim.state.store.schema;
    const undescribed = schema.names().filter((t) => !TABLES[t]);
    expect(undescribed).toEqual([]);
    const invented: Record<string, string[]> = {};
    for (const table of schema.names()) {
      const extra = notIn(schema.get(table)?.columns.keys() ?? [], allowedFields(table, docFields));
      if (extra.length > 0) invented[table] = extra;
    }
    expect(invented).toEqual({});
  });

  test('rendered records carry only described fields and the documented value shapes', async () => {
    await h.http.post('/_sim/reset');
    await h.http.post('/_sim/seed', { fleet: { size: 60, seed: 2 } });
    const ci = resultList(
      (await h.http.get('/api/now/table/cmdb_ci_computer?sysparm_limit=1')).data,
    )[0];
    const inc = await h.http.post('/api/now/table/incident', {
      short_description: 'Battery swelling',
      cmdb_ci: ci.sys_id,
      work_notes: 'ordered a battery',
    });
    await h.http.post('/api/now/table/task_ci', {
      task: resultOne(inc.data).sys_id,
      ci_item: ci.sys_id,
    });
    await h.http.post('/api/now/table/change_request', {
      short_description: 'x',
      cmdb_ci: ci.sys_id,
    });
    await h.http.post('/api/now/table/sc_req_item', { short_description: 'y', cmdb_ci: ci.sys_id });
    const refShape = new RegExp(`^${h.running.url}/api/now/table/[a-z_]+/([0-9a-f]{32}|global)$`);
    const invented: Record<string, string[]> = {};
    const badValues: string[] = [];
    for (const table of Object.keys(TABLES)) {
      const res = await h.http.get(`/api/now/table/${table}?sysparm_limit=3`);
      expect(res.status).toBe(200);
      for (const row of resultList(res.data)) {
        const extra = notIn(Object.keys(row), allowedFields(table, docFields));
        if (extra.length > 0) invented[table] = extra;
        for (const [k, v] of Object.entries(row)) {
          const isRef =
            typeof v === 'object' && v !== null && Object.keys(v).sort().join() === 'link,value';
          const ok = typeof v === 'string' || (isRef && refShape.test(String((v as Json).link)));
          if (!ok) badValues.push(`${table}.${k}=${JSON.stringify(v)}`);
        }
      }
    }
    expect(invented).toEqual({});
    expect(badValues).toEqual([]);
  });

  test('display_value=all fields are {display_value, value[, link]}', async () => {
    const res = await h.http.get(
      '/api/now/table/alm_hardware?sysparm_limit=2&sysparm_display_value=all',
    );
    for (const row of resultList(res.data)) {
      for (const v of Object.values(row)) {
        expect(
          Object.keys(v as Json).every((k) => ['display_value', 'value', 'link'].includes(k)),
        ).toBe(true);
      }
    }
  });

  test('error envelopes have exactly error.message, error.detail and status', async () => {
    const bodies = [
      (await h.http.get('/api/now/table/no_such_table')).data,
      (await h.anon.get('/api/now/table/incident')).data,
      (await h.http.get(`/api/now/table/incident/${'0'.repeat(32)}`)).data,
      (
        await h.http.post('/api/now/table/incident', '{', {
          headers: { 'Content-Type': 'application/json' },
        })
      ).data,
    ];
    for (const body of bodies) {
      expect([...keyPaths(body)].sort()).toEqual([...ERROR_ENVELOPE_PATHS].sort());
      expect((body as { status: string }).status).toBe('failure');
    }
  });

  test('the OAuth token response has exactly the documented keys', async () => {
    const res = await h.anon.post(
      '/oauth_token.do',
      'grant_type=password&client_id=assetbridge&client_secret=assetbridge-secret&username=admin&password=admin',
      { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } },
    );
    expect(Object.keys(res.data).sort()).toEqual([...TOKEN_RESPONSE_KEYS].sort());
  });

  test('IRE responses use only keys of the documented response parameters and samples', async () => {
    await h.http.post('/_sim/reset');
    const lookup = [
      {
        className: 'cmdb_serial_number',
        values: { serial_number: 'LX1', serial_number_type: 'uuid', valid: 'true' },
      },
      {
        className: 'cmdb_ci_network_adapter',
        values: { name: 'eth0', mac_address: '00:55:51:21:26:2f' },
      },
    ];
    const payload = {
      items: [
        { className: 'cmdb_ci_linux_server', values: { name: 'lnux101' }, lookup },
        { className: 'cmdb_ci_ip_switch', values: { name: 'IP-Switch-1', serial_number: 'SW1' } },
        { className: 'cmdb_ci_computer', values: { ram: '1' } },
        {
          className: 'cmdb_ci_server',
          values: { name: 'lnux101' },
          settings: { updateWithoutDowngrade: true },
        },
      ],
      relations: [
        { parent: 0, child: 1, type: 'IP Connection::IP Connection' },
        { parent: 0, child: 9, type: 'Owns::Owned by' },
      ],
    };
    const src = { source_name: 'ServiceNow', source_native_key: 'ncomputer1' };
    const calls: [string, unknown][] = [
      ['/api/now/identifyreconcile?sysparm_data_source=ServiceNow', payload],
      ['/api/now/identifyreconcile?sysparm_data_source=ServiceNow', payload],
      ['/api/now/identifyreconcile?sysparm_data_source=Bogus', payload],
      ['/api/now/identifyreconcile/enhanced?sysparm_data_source=ServiceNow', payload],
      [
        '/api/now/identifyreconcile/enhanced',
        {
          items: [
            { className: 'cmdb_ci_computer', values: { ram: '8' }, sys_object_source_info: src },
          ],
        },
      ],
      [
        '/api/now/identifyreconcile/enhanced?options=generate_summary:true',
        {
          items: [
            {
              className: 'cmdb_ci_computer',
              values: { name: 'pc-x' },
              sys_object_source_info: src,
              lookup,
            },
          ],
        },
      ],
      [
        '/api/now/identifyreconcile/enhanced?options=partial_payloads:false',
        {
          items: [
            {
              className: 'cmdb_ci_computer',
              values: {},
              sys_object_source_info: { ...src, source_native_key: 'k2' },
            },
          ],
        },
      ],
    ];
    const invented = new Set<string>();
    for (const [url, body] of calls) {
      const res = await h.http.post(url, body);
      expect(res.status).toBe(200);
      notIn(keyPaths(res.data, ['result.summary']), ireAllowed).forEach((p) => invented.add(p));
    }
    expect([...invented]).toEqual([]);
  });
});

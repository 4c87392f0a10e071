import fs from 'node:fs';
import path from 'node:path';
import { linkCommand } from '../../../cli/commands/link-command';
import { syncCommand } from '../../../cli/commands/sync-command';
import { createServiceNowSimulator } from '../../../simulators/servicenow';
import type { RunningSimulator } from '../../../simulators/kit/sim-types';
import { testCli, type TestCli } from '../../cli/commands/cli-test-context';
import { cleanFleet, SN_MAPPING_FILE } from './servicenow-harness';

const AUTH = `Basic ${Buffer.from('admin:admin').toString('base64')}`;
const ENV = { SN_USER: 'admin', SN_PASSWORD: 'admin' };

let cli: TestCli;
let running: RunningSimulator;
let configFile: string;
beforeEach(async () => {
  cli = testCli();
  const sim = createServiceNowSimulator({ seed: 5 });
  sim.seedFromFleet(cleanFleet(3, { servicenow: true }));
  running = await sim.start(0);
  configFile = path.join(cli.cwd, 'assetbridge.yaml');
  fs.writeFileSync(
    configFile,
    [
      'version: 1',
      'store: { kind: sqlite, file: ./store.db }',
      'connectors:',
      '  - name: sn-cli',
      '    type: servicenow',
      `    baseUrl: ${running.url}`,
      '    auth: { kind: basic, usernameEnv: SN_USER, passwordEnv: SN_PASSWORD }',
      `    mapping: ${SN_MAPPING_FILE}`,
      '    options: { dataSource: AssetSync, pageSize: 500 }',
      '',
    ].join('\n'),
  );
});
afterEach(async () => {
  await running.close();
  cli.cleanup();
});

async function sn(method: string, table: string, body?: unknown, query = '') {
  const res = await fetch(
    `${running.url}/api/now/table/${table}?sysparm_exclude_reference_link=true${query}`,
    {
      method,
      headers: { authorization: AUTH, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    },
  );
  return (await res.json()) as { result: unknown };
}

describe('assetbridge sync and link with a ServiceNow instance', () => {
  test('sync reads the CMDB; link names the CI on an incident and posts the context', async () => {
    expect(await syncCommand(cli.ctx({ config: configFile }, ENV), { full: true })).toBe(0);
    const cis = (await sn('GET', 'cmdb_ci_hardware', undefined, '&sysparm_query=ORDERBYname'))
      .result as Record<string, string>[];
    const ci = cis[0]!;
    const inc = (await sn('POST', 'incident', { short_description: 'Laptop will not boot' }))
      .result as Record<string, string>;
    const code = await linkCommand(
      cli.ctx({ config: configFile }, ENV),
      ci.serial_number!,
      inc.number!,
      {},
    );
    expect(code).toBe(0);
    expect(cli.out()).toContain(`sn-cli ${inc.number}: asset`);
    expect(cli.out()).toContain('linked; context note posted');
    const after = (await sn('GET', `incident/${inc.sys_id}`)).result as Record<string, string>;
    expect(after.cmdb_ci).toBe(ci.sys_id);
    const notes = (
      await sn('GET', 'sys_journal_field', undefined, `&sysparm_query=element_id=${inc.sys_id}`)
    ).result as unknown[];
    expect(notes).toHaveLength(1);
  });
});

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseUpdateRecord, readUpdateRecords, type UpdateRecord } from './update-records';

// Builds the companion app with the SDK, offline, and checks the records in its output. The build
// runs with --frozenKeys: a record added without committing src/fluent/generated/keys.ts fails here.

const repoRoot = path.join(__dirname, '../../../..');
const appDir = path.join(repoRoot, 'connectors/servicenow/app');
const scriptsDir = path.join(appDir, 'src/scripts');
const appConfig = JSON.parse(fs.readFileSync(path.join(appDir, 'now.config.json'), 'utf8')) as {
  scope: string;
  scopeId: string;
};
const appPackage = JSON.parse(fs.readFileSync(path.join(appDir, 'package.json'), 'utf8')) as {
  version: string;
};

const TICKET_TABLES = ['incident', 'change_request', 'sc_req_item'];

function script(name: string): string {
  return fs.readFileSync(path.join(scriptsDir, name), 'utf8');
}

let records: UpdateRecord[] = [];

/** `now-sdk build --frozenKeys` of the app; a failed build throws with the SDK's own output. */
async function buildApp(): Promise<void> {
  // The SDK's package exports hide its package.json; its CLI entry sits at a fixed place.
  const sdkCli = path.join(repoRoot, 'node_modules/@servicenow/sdk/bin/index.js');
  try {
    await promisify(execFile)(process.execPath, [sdkCli, 'build', appDir, '--frozenKeys'], {
      cwd: repoRoot,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      timeout: 170_000,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`now-sdk build failed:\n${stdout}\n${stderr}`, { cause: error });
  }
}

function recordsOf(table: string): UpdateRecord[] {
  return records.filter((r) => r.table === table);
}

function onlyRecord(table: string, match: (r: UpdateRecord) => boolean): UpdateRecord {
  const found = recordsOf(table).filter(match);
  if (found.length !== 1) throw new Error(`expected one ${table} record, found ${found.length}`);
  return found[0];
}

describe('companion app build output', () => {
  beforeAll(async () => {
    await buildApp();
    records = readUpdateRecords(path.join(appDir, 'dist/app'));
  }, 180_000);

  test('is one scoped application whose records all belong to its scope', () => {
    const app = onlyRecord('sys_app', () => true);
    expect(app.fields.scope).toBe(appConfig.scope);
    expect(app.fields.sys_id).toBe(appConfig.scopeId);
    expect(app.fields.version).toBe(appPackage.version);
    for (const record of records) {
      expect({ file: record.file, scope: record.fields.sys_scope }).toEqual({
        file: record.file,
        scope: appConfig.scopeId,
      });
    }
  });

  test.each(TICKET_TABLES)('has an async business rule on %s that fires on cmdb_ci', (table) => {
    const rule = onlyRecord('sys_script', (r) => r.fields.collection === table);
    expect(['async', 'async_always']).toContain(rule.fields.when);
    expect(rule.fields).toMatchObject({
      active: 'true',
      action_insert: 'true',
      action_update: 'true',
      action_delete: 'false',
      action_query: 'false',
      // cmdb_ci set (on insert, or still set on update) or cmdb_ci changed.
      filter_condition: 'cmdb_ciISNOTEMPTY^ORcmdb_ciVALCHANGES^EQ',
      condition: "gs.getProperty('x_assetbridge.enabled', 'true') != 'false'",
    });
    expect(rule.fields.script).toBe(script('notify-ticket-change.server.js'));
    expect(rule.fields.script).toContain('new AssetbridgeEvents().notifyTicketChange(current)');
  });

  test('has no business rule on any other table', () => {
    expect(
      recordsOf('sys_script')
        .map((r) => r.fields.collection)
        .sort(),
    ).toEqual([...TICKET_TABLES].sort());
  });

  test('has the webhook URL, secret and switch as system properties', () => {
    const props = Object.fromEntries(recordsOf('sys_properties').map((r) => [r.fields.name, r]));
    expect(Object.keys(props).sort()).toEqual([
      'x_assetbridge.enabled',
      'x_assetbridge.webhook_secret',
      'x_assetbridge.webhook_url',
    ]);
    expect(props['x_assetbridge.webhook_url'].fields).toMatchObject({
      type: 'string',
      value: '',
      is_private: 'true',
      write_roles: 'admin',
    });
    // password2: stored encrypted, shown masked, readable in clear only by server scripts.
    expect(props['x_assetbridge.webhook_secret'].fields).toMatchObject({
      type: 'password2',
      value: '',
      is_private: 'true',
      read_roles: 'admin',
      write_roles: 'admin',
    });
    expect(props['x_assetbridge.enabled'].fields).toMatchObject({ type: 'boolean', value: 'true' });
  });

  test.each(TICKET_TABLES)('has a server-side "Refresh asset context" button on %s', (table) => {
    const action = onlyRecord('sys_ui_action', (r) => r.fields.table === table);
    expect(action.fields).toMatchObject({
      name: 'Refresh asset context',
      action_name: 'x_assetbridge_refresh_asset_context',
      active: 'true',
      form_button: 'true',
      show_update: 'true',
      show_insert: 'false',
      list_button: 'false',
    });
    expect(action.fields.client).not.toBe('true');
    expect(action.fields.condition).toContain('!current.cmdb_ci.nil()');
    expect(action.fields.script).toBe(script('refresh-asset-context.server.js'));
    expect(action.fields.script).toContain('new AssetbridgeEvents().requestRefresh(current)');
    expect(action.fields.script).toContain('gs.addInfoMessage(');
  });

  test('has the AssetbridgeEvents script include with the signing code', () => {
    const include = onlyRecord('sys_script_include', () => true);
    expect(include.fields).toMatchObject({
      name: 'AssetbridgeEvents',
      api_name: `${appConfig.scope}.AssetbridgeEvents`,
      active: 'true',
      client_callable: 'false',
    });
    expect(include.fields.script).toBe(script('assetbridge-events.server.js'));
    expect(include.fields.script).toContain("type: 'AssetbridgeEvents'");
  });
});

describe('update record reader', () => {
  test('refuses a file that is not one record and unwraps CDATA and entities', () => {
    expect(() => parseUpdateRecord('x.xml', '<?xml version="1.0"?><unload/>')).toThrow(/x\.xml/);
    const record = parseUpdateRecord(
      'y.xml',
      '<?xml version="1.0"?>\n<record_update table="sys_script">\n  <sys_script action="INSERT_OR_UPDATE">\n' +
        '    <name>a &amp;&amp; b</name>\n    <script><![CDATA[if (a < b) x();]]></script>\n' +
        '    <sys_scope display_value="x_s">abc</sys_scope>\n    <empty/>\n  </sys_script>\n</record_update>',
    );
    expect(record.fields).toEqual({
      name: 'a && b',
      script: 'if (a < b) x();',
      sys_scope: 'abc',
      empty: '',
    });
    expect(record.attributes.sys_scope).toEqual({ display_value: 'x_s' });
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import {
  loadConfig,
  resolveFromConfig,
  sourceMappingKeys,
} from '../../../core/config/config-loader';
import { resolveSecrets } from '../../../core/config/secrets';
import { AssetbridgeError, isAssetbridgeError } from '../../../core/errors';
import type { FileIssue } from '../../../core/mapping/yaml-document';
import type { z } from 'zod';
import { JamfOptions } from '../../../connectors/jamf/jamf-options';

const KNOWN = ['jamf', 'intune', 'servicenow', 'jsm'];
const ENV = { JAMF_ID: 'id-1', JAMF_SECRET: 's3cr3t-value', SN_USER: 'u', SN_PASS: 'p' };

const JAMF_MAPPING = `version: 1
connector: jamf
externalId: id
fields:
  - { core: serial, source: hardware.serialNumber, transforms: [trim, upper] }
`;
const IMPORT_MAPPING = `version: 1
connector: import
externalId: Asset Tag
fields:
  - { core: assetTag, source: Asset Tag }
`;

const CONFIG = `version: 1
store: { kind: sqlite, file: data/ab.db }
identity: { placeholderSerials: ['ASSET-0000'] }
authority:
  default: 40
  rules:
    - { source: jamf-prod, fields: ['hardware.*', '@os'], authority: 90 }
sources:
  - { name: spreadsheet, mapping: ../mappings/spreadsheet.yaml }
connectors:
  - name: jamf-prod
    type: jamf
    baseUrl: https://example.jamfcloud.com
    auth: { kind: oauth_client_credentials, clientIdEnv: JAMF_ID, clientSecretEnv: JAMF_SECRET }
    mapping: ../mappings/jamf.yaml
    schedule: { incremental: '*/15 * * * *', full: '0 2 * * *' }
    rateLimit: { maxConcurrent: 5, minTimeMs: 0 }
`;

let root: string;
let configFile: string;

function write(rel: string, text: string): string {
  const file = path.join(root, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

function issuesOf(text: string, env: NodeJS.ProcessEnv = ENV): FileIssue[] {
  write('config/assetbridge.yaml', text);
  try {
    loadConfig(configFile, { env, knownConnectorTypes: KNOWN });
  } catch (err) {
    expect(isAssetbridgeError(err, 'CONFIG_INVALID')).toBe(true);
    return (err as AssetbridgeError).details.issues as FileIssue[];
  }
  throw new Error('expected the config to be rejected');
}

function messagesOf(text: string, env: NodeJS.ProcessEnv = ENV): string[] {
  return issuesOf(text, env).map(
    (i) => `${path.basename(i.file)}:${i.line} field ${i.field}: ${i.message}`,
  );
}

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'ab-config-'));
  configFile = path.join(root, 'config', 'assetbridge.yaml');
  write('mappings/jamf.yaml', JAMF_MAPPING);
  write('mappings/spreadsheet.yaml', IMPORT_MAPPING);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('loadConfig: valid', () => {
  test('loads the config with defaults and every mapping, relative to the config folder', () => {
    write('config/assetbridge.yaml', CONFIG);
    const loaded = loadConfig(configFile, { env: ENV, knownConnectorTypes: KNOWN });
    expect(loaded.file).toBe(configFile);
    expect(loaded.config.connectors[0]).toMatchObject({ name: 'jamf-prod', enabled: true });
    expect(loaded.config.authority.default).toBe(40);
    expect([...loaded.mappings.keys()].sort()).toEqual([
      '../mappings/jamf.yaml',
      '../mappings/spreadsheet.yaml',
    ]);
    expect(loaded.mappings.get('../mappings/jamf.yaml')?.file).toBe(
      path.join(root, 'mappings', 'jamf.yaml'),
    );
    expect(sourceMappingKeys(loaded.config)).toEqual(
      new Map([
        ['jamf-prod', '../mappings/jamf.yaml'],
        ['spreadsheet', '../mappings/spreadsheet.yaml'],
      ]),
    );
    expect(resolveFromConfig('config/a.yaml', '../mappings/x.yaml')).toBe(
      path.join('mappings', 'x.yaml'),
    );
    expect(JSON.stringify(loaded.config)).not.toContain('s3cr3t-value');
  });

  test('a minimal config gets defaults', () => {
    write('config/assetbridge.yaml', 'version: 1\nstore: { kind: postgres, urlEnv: PG_URL }\n');
    const { config } = loadConfig(configFile, { env: {}, knownConnectorTypes: [] });
    expect(config).toEqual({
      version: 1,
      store: { kind: 'postgres', urlEnv: 'PG_URL' },
      identity: { placeholderSerials: [] },
      authority: { default: 50, rules: [] },
      sync: { maxMissingShare: 0.1, retireAfterMissingRuns: 3 },
      sources: [],
      connectors: [],
    });
  });
});

describe('loadConfig: errors name file, line and field', () => {
  test('a literal secret is rejected, pointing at the Env form, without echoing the value', () => {
    const text = CONFIG.replace('clientSecretEnv: JAMF_SECRET', 'clientSecret: hunter2');
    const issues = issuesOf(text);
    expect(issues.map((i) => `${i.line} ${i.field}: ${i.message}`)).toEqual([
      "14 connectors[jamf-prod].auth.clientSecret: a secret must not be written in the file; use 'clientSecretEnv' naming an environment variable",
      "14 connectors[jamf-prod].auth.clientSecretEnv: missing key 'clientSecretEnv' (expected string)",
    ]);
    expect(JSON.stringify(issues)).not.toContain('hunter2');
  });

  test('secrets anywhere count, including connector options', () => {
    const text = `${CONFIG}    options: { apiKey: abc, tokenUrl: 'https://x', note: token }\n`;
    expect(messagesOf(text)).toEqual([
      "assetbridge.yaml:18 field connectors[jamf-prod].options.apiKey: a secret must not be written in the file; use 'apiKeyEnv' naming an environment variable",
    ]);
  });

  test('a variable missing from the environment is named, unless not required; disabled skipped', () => {
    expect(messagesOf(CONFIG, { JAMF_ID: 'x' })).toEqual([
      'assetbridge.yaml:14 field connectors[jamf-prod].auth.clientSecretEnv: environment variable JAMF_SECRET is not set',
    ]);
    write('config/assetbridge.yaml', CONFIG);
    const readOnly = { env: {}, knownConnectorTypes: KNOWN, requireSecrets: false };
    expect(loadConfig(configFile, readOnly).config.connectors[0].name).toBe('jamf-prod');
    const disabled = CONFIG.replace('    type: jamf', '    type: jamf\n    enabled: false');
    write('config/assetbridge.yaml', disabled);
    expect(() => loadConfig(configFile, { env: {}, knownConnectorTypes: KNOWN })).not.toThrow();
  });

  test('unknown connector type, bad cron, bad zone, duplicate names, rule problems', () => {
    const text = CONFIG.replace('type: jamf', 'type: jamff')
      .replace("'*/15 * * * *'", "'*/15 * * *'")
      .replace("full: '0 2 * * *'", "full: '0 2 * * *', timezone: Mars/Olympus")
      .replace('name: spreadsheet', 'name: jamf-prod')
      .replace("fields: ['hardware.*', '@os']", "fields: ['hardwre.*', '@oss', seriall]")
      .replace('source: jamf-prod,', 'source: jamf-prd,');
    expect(messagesOf(text)).toEqual([
      "assetbridge.yaml:7 field authority.rules[0].source: unknown source 'jamf-prd' (did you mean 'jamf-prod'?); connectors and sources: jamf-prod, jamf-prod",
      "assetbridge.yaml:7 field authority.rules[0].fields[0]: field pattern 'hardwre.*' matches no core field (did you mean 'hardware.*'?)",
      "assetbridge.yaml:7 field authority.rules[0].fields[1]: unknown field group '@oss' (did you mean 'os'?)",
      "assetbridge.yaml:7 field authority.rules[0].fields[2]: field pattern 'seriall' matches no core field (did you mean 'serial'?)",
      "assetbridge.yaml:9 field sources[jamf-prod].name: name 'jamf-prod' is already used by connectors[0]",
      "assetbridge.yaml:12 field connectors[jamf-prod].type: unknown connector type 'jamff' (did you mean 'jamf'?); known types: jamf, intune, servicenow, jsm",
      "assetbridge.yaml:15 field connectors[jamf-prod].mapping: mapping ../mappings/jamf.yaml is for connector 'jamf', not 'jamff'",
      "assetbridge.yaml:16 field connectors[jamf-prod].schedule.incremental: '*/15 * * *' is not a valid cron expression (expected 5 or 6 fields, for example '*/15 * * * *')",
      "assetbridge.yaml:16 field connectors[jamf-prod].schedule.timezone: unknown time zone 'Mars/Olympus' (expected an IANA name such as Europe/Berlin)",
    ]);
  });

  test('schema problems: unknown keys with hints, bad URL, bad auth kind, bad store', () => {
    const text = CONFIG.replace(
      'baseUrl: https://example.jamfcloud.com',
      'baseUrl: ftp://x\n    shedule: {}',
    )
      .replace('kind: oauth_client_credentials', 'kind: oauth')
      .replace('kind: sqlite, file: data/ab.db', 'kind: sqlite');
    const messages = messagesOf(text);
    expect(messages).toEqual([
      "assetbridge.yaml:2 field store.file: missing key 'file' (expected string)",
      'assetbridge.yaml:13 field connectors[jamf-prod].baseUrl: expected an http(s) URL such as https://example.jamfcloud.com',
      "assetbridge.yaml:14 field connectors[jamf-prod].shedule: unknown key 'shedule' (did you mean 'schedule'?)",
      'assetbridge.yaml:15 field connectors[jamf-prod].auth.kind: expected one of basic, oauth_client_credentials, oauth_password, api_token, bearer, got string "oauth"',
    ]);
  });

  test('problems in mapping files are collected with the config problems', () => {
    write('mappings/jamf.yaml', JAMF_MAPPING.replace('[trim, upper]', '[trim, uper]'));
    write('mappings/spreadsheet.yaml', IMPORT_MAPPING.replace('core: assetTag', 'core: assetTg'));
    const text = CONFIG.replace('type: jamf', 'type: jamff');
    const issues = issuesOf(text);
    expect(
      issues.map((i) => `${path.relative(root, i.file)}:${i.line} field ${i.field}: ${i.message}`),
    ).toEqual([
      "config/assetbridge.yaml:12 field connectors[jamf-prod].type: unknown connector type 'jamff' (did you mean 'jamf'?); known types: jamf, intune, servicenow, jsm",
      "mappings/jamf.yaml:5 field fields.serial.transforms[1]: unknown transform 'uper' (did you mean 'upper'?)",
      "mappings/spreadsheet.yaml:5 field fields.assetTg.core: unknown core field 'assetTg' (did you mean 'assetTag'?)",
    ]);
  });

  test('a missing mapping file is reported on the line that names it', () => {
    const text = CONFIG.replace('../mappings/jamf.yaml', '../mappings/nope.yaml');
    expect(messagesOf(text)).toEqual([
      `assetbridge.yaml:15 field connectors[jamf-prod].mapping: mapping file ${path.join(root, 'mappings', 'nope.yaml')} not found`,
    ]);
  });

  test('mappings are still checked when the config itself fails the schema', () => {
    write('mappings/jamf.yaml', JAMF_MAPPING.replace('core: serial', 'core: serail'));
    const messages = messagesOf(CONFIG.replace('version: 1', 'version: 3'));
    expect(messages).toEqual([
      'assetbridge.yaml:1 field version: expected 1, got number 3',
      "jamf.yaml:5 field fields.serail.core: unknown core field 'serail' (did you mean 'serial'?)",
    ]);
  });

  test('schema errors hide no semantic problem: type, cron and zone are reported with them', () => {
    const text = CONFIG.replace('type: jamf', 'type: jamff')
      .replace("'*/15 * * * *'", "'every 15 minutes'")
      .replace("full: '0 2 * * *'", "full: '0 2 * * *', timezone: Mars/Olympus")
      .replace('maxConcurrent: 5', 'maxConcurrent: 0')
      .replace('default: 40', 'default: 400')
      .replace('baseUrl: https://example.jamfcloud.com', 'baseUrl: ftp://x');
    expect(messagesOf(text)).toEqual([
      'assetbridge.yaml:5 field authority.default: must be at most 100, got 400',
      "assetbridge.yaml:12 field connectors[jamf-prod].type: unknown connector type 'jamff' (did you mean 'jamf'?); known types: jamf, intune, servicenow, jsm",
      'assetbridge.yaml:13 field connectors[jamf-prod].baseUrl: expected an http(s) URL such as https://example.jamfcloud.com',
      "assetbridge.yaml:15 field connectors[jamf-prod].mapping: mapping ../mappings/jamf.yaml is for connector 'jamf', not 'jamff'",
      "assetbridge.yaml:16 field connectors[jamf-prod].schedule.incremental: 'every 15 minutes' is not a valid cron expression (expected 5 or 6 fields, for example '*/15 * * * *')",
      "assetbridge.yaml:16 field connectors[jamf-prod].schedule.timezone: unknown time zone 'Mars/Olympus' (expected an IANA name such as Europe/Berlin)",
      'assetbridge.yaml:17 field connectors[jamf-prod].rateLimit.maxConcurrent: must be at least 1, got 0',
    ]);
  });

  test('a schedule with an unknown key still has its expressions checked; env still named', () => {
    const text = CONFIG.replace("full: '0 2 * * *'", "full: '0 25 * * *', every: 1");
    expect(messagesOf(text, { JAMF_ID: 'x' })).toEqual([
      'assetbridge.yaml:14 field connectors[jamf-prod].auth.clientSecretEnv: environment variable JAMF_SECRET is not set',
      "assetbridge.yaml:16 field connectors[jamf-prod].schedule.every: unknown key 'every'",
      "assetbridge.yaml:16 field connectors[jamf-prod].schedule.full: '0 25 * * *' is not a valid cron expression (25 in the hour field, which goes from 0 to 23)",
    ]);
  });

  test('a rule naming a connector whose name is invalid is not also an unknown source', () => {
    const text = CONFIG.replace('name: jamf-prod', "name: 'jamf prod'").replace(
      'source: jamf-prod,',
      "source: 'jamf prod',",
    );
    expect(messagesOf(text)).toEqual([
      'assetbridge.yaml:11 field connectors[jamf prod].name: expected a name of letters, digits, - and _',
    ]);
  });

  test('an unknown key gets a hint from the keys allowed where it is, never itself', () => {
    const text = CONFIG.replace('version: 1', 'version: 1\ndescription: x\nconector: []');
    expect(messagesOf(text)).toEqual([
      "assetbridge.yaml:2 field description: unknown key 'description'",
      "assetbridge.yaml:3 field conector: unknown key 'conector' (did you mean 'connectors'?)",
    ]);
  });

  test('a mapping file given as the config is named as one', () => {
    write('config/assetbridge.yaml', IMPORT_MAPPING);
    expect(() => loadConfig(configFile, { env: ENV, knownConnectorTypes: KNOWN })).toThrow(
      `${configFile} is a mapping file (connector: import), not a configuration file; check it with \`assetbridge validate ${configFile}\``,
    );
    expect(issuesOf(IMPORT_MAPPING)).toHaveLength(1);
  });

  test('YAML errors, an empty file and a missing file', () => {
    expect(issuesOf('version: 1\nstore: {kind: sqlite\n')[0]).toMatchObject({ field: '(yaml)' });
    expect(messagesOf('')).toEqual([
      'assetbridge.yaml:1 field (root): expected a mapping with version, store and connectors or sources',
    ]);
    write('config/minimal.yaml', 'version: 1\n');
    const minimal = loadConfig(path.join(root, 'config/minimal.yaml'), {
      env: {},
      knownConnectorTypes: [],
    });
    expect(minimal.config.store).toEqual({ kind: 'sqlite', file: '.assetbridge/assetbridge.db' });
    const missing = path.join(root, 'none.yaml');
    expect(() => loadConfig(missing, { env: {}, knownConnectorTypes: [] })).toThrow(
      `config file ${missing} not found`,
    );
  });
});

describe('resolveSecrets', () => {
  test('reads the variables into a structure that never prints its values', () => {
    write('config/assetbridge.yaml', CONFIG);
    const { config } = loadConfig(configFile, { env: ENV, knownConnectorTypes: KNOWN });
    const secrets = resolveSecrets(config, ENV);
    expect(secrets.connectors.get('jamf-prod')).toMatchObject({
      kind: 'oauth_client_credentials',
      clientId: 'id-1',
      clientSecret: 's3cr3t-value',
    });
    expect(secrets.storeUrl).toBeNull();
    expect(JSON.stringify(secrets)).not.toContain('s3cr3t');
    expect(JSON.stringify(secrets.connectors.get('jamf-prod'))).toBe('"[redacted]"');
    expect(inspect(secrets, { depth: 5 })).not.toContain('s3cr3t');
    expect(inspect(secrets.connectors.get('jamf-prod'))).toBe('[redacted]');
  });

  test('a missing variable is an error naming it; the store URL comes from its variable', () => {
    write(
      'config/assetbridge.yaml',
      CONFIG.replace('kind: sqlite, file: data/ab.db', 'kind: postgres, urlEnv: PG_URL'),
    );
    const { config } = loadConfig(configFile, { env: ENV, knownConnectorTypes: KNOWN });
    expect(() => resolveSecrets(config, { JAMF_ID: 'x' })).toThrow(
      'environment variables not set: JAMF_SECRET (connector jamf-prod), PG_URL (store)',
    );
    expect(resolveSecrets(config, { ...ENV, PG_URL: 'postgres://u:p@h/db' }).storeUrl).toBe(
      'postgres://u:p@h/db',
    );
  });
});

describe('connector options', () => {
  const schemas = { jamf: JamfOptions } as Record<string, z.ZodType>;
  const load = () =>
    loadConfig(configFile, {
      env: ENV,
      knownConnectorTypes: KNOWN,
      connectorOptions: (type) => schemas[type],
    });

  it("checks each connector's options against its type's schema, naming line and field", () => {
    write('mappings/jamf.yaml', JAMF_MAPPING);
    write('mappings/spreadsheet.yaml', IMPORT_MAPPING);
    write(
      'config/assetbridge.yaml',
      `${CONFIG}    options:\n      pagesize: 100\n      apiVersion: v9\n`,
    );
    let issues: FileIssue[] = [];
    try {
      load();
    } catch (err) {
      expect(isAssetbridgeError(err, 'CONFIG_INVALID')).toBe(true);
      issues = (err as AssetbridgeError).details.issues as FileIssue[];
    }
    const fields = issues.map((i) => i.field);
    expect(fields).toContain('connectors[jamf-prod].options.apiVersion');
    const typo = issues.find((i) => i.field === 'connectors[jamf-prod].options.pagesize');
    expect(typo?.message).toBe("unknown jamf option 'pagesize' (did you mean 'pageSize'?)");
    expect(issues.every((i) => i.line > 1)).toBe(true);
  });

  it('names the variables that options ending in Env name when they are not set', () => {
    write('mappings/jamf.yaml', JAMF_MAPPING);
    write('mappings/spreadsheet.yaml', IMPORT_MAPPING);
    write(
      'config/assetbridge.yaml',
      `${CONFIG}    options: { webhookHeader: { name: X-Key, valueEnv: JAMF_HOOK_KEY } }\n`,
    );
    let issues: FileIssue[] = [];
    try {
      load();
    } catch (err) {
      issues = (err as AssetbridgeError).details.issues as FileIssue[];
    }
    expect(issues.map((i) => [i.field, i.message])).toEqual([
      [
        'connectors[jamf-prod].options.webhookHeader.valueEnv',
        'environment variable JAMF_HOOK_KEY is not set',
      ],
    ]);
  });

  it('refuses a cron step longer than its field', () => {
    write('mappings/jamf.yaml', JAMF_MAPPING);
    write('mappings/spreadsheet.yaml', IMPORT_MAPPING);
    write('config/assetbridge.yaml', CONFIG.replace("'*/15 * * * *'", "'*/61 * * * *'"));
    let issues: FileIssue[] = [];
    try {
      load();
    } catch (err) {
      issues = (err as AssetbridgeError).details.issues as FileIssue[];
    }
    expect(issues.map((i) => i.message)).toEqual([
      "'*/61 * * * *' is not a valid cron expression (a step of 61 in the minute field, which goes up to 59)",
    ]);
  });

  it('accepts options its schema accepts', () => {
    write('mappings/jamf.yaml', JAMF_MAPPING);
    write('mappings/spreadsheet.yaml', IMPORT_MAPPING);
    write('config/assetbridge.yaml', `${CONFIG}    options: { pageSize: 100, apiVersion: v3 }\n`);
    expect(() => load()).not.toThrow();
  });
});

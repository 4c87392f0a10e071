import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CliIo } from '../../../cli/cli-io';
import { main } from '../../../cli/main';

const ROOT = path.join(__dirname, '../../..');
const SPREADSHEET = path.join(ROOT, 'mappings/spreadsheet.yaml');

const MAPPING = `version: 1
connector: import
externalId: Asset Tag
fields:
  - core: assetTag
    source: Asset Tag
    transforms: [trim, uper]
    authority: 180
`;
const CONFIG = `version: 1
bogus: 1
connectors:
  - name: j1
    type: jamff
    baseUrl: https://jamf.example.com
    auth: { kind: bearer, tokenEnv: JAMF_TOKEN }
    mapping: jamf.yaml
    schedule: { incremental: 'not a cron', timezone: Mars/Base }
`;

let cwd: string;
beforeEach(() => (cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'assetbridge-validate-'))));
afterEach(() => fs.rmSync(cwd, { recursive: true, force: true }));

async function validate(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (s) => void (out += s),
    stderr: (s) => void (err += s),
    env: { ASSETBRIDGE_LOG_LEVEL: 'silent', JAMF_TOKEN: 't' },
    cwd,
    isTty: false,
  };
  const code = await main(['validate', ...args], io);
  return { code, out, err };
}

const write = (name: string, text: string) => fs.writeFileSync(path.join(cwd, name), text);
const problemLines = (err: string) => err.split('\n').filter((l) => /:\d+ field /.test(l));

describe('assetbridge validate', () => {
  test('a mapping file is checked as a mapping', async () => {
    const ok = await validate(SPREADSHEET);
    expect(ok).toMatchObject({ code: 0, err: '' });
    expect(ok.out).toMatch(
      /spreadsheet\.yaml: valid mapping for connector import \(\d+ field\(s\)\)/,
    );
    expect(ok.out).not.toMatch(/did you mean/);
  });

  test('every problem of a mapping file in one run, each naming its full path', async () => {
    write('m.yaml', MAPPING);
    const bad = await validate('m.yaml');
    expect(bad.code).toBe(2);
    expect(problemLines(bad.err)).toEqual([
      `${path.join(cwd, 'm.yaml')}:7 field fields.assetTag.transforms[1]: unknown transform 'uper' (did you mean 'upper'?)`,
      `${path.join(cwd, 'm.yaml')}:8 field fields.assetTag.authority: must be at most 100, got 180`,
    ]);
  });

  test('a mapping naming an unknown connector type is a problem', async () => {
    write('m.yaml', MAPPING.replace('connector: import', 'connector: jamff'));
    const bad = await validate('m.yaml');
    expect(problemLines(bad.err)[0]).toMatch(
      /m\.yaml:2 field connector: unknown connector type 'jamff' \(did you mean 'jamf'\?\)/,
    );
  });

  test('every problem of a config in one run: schema errors and the semantic checks', async () => {
    fs.copyFileSync(path.join(ROOT, 'mappings/jamf-computers.yaml'), path.join(cwd, 'jamf.yaml'));
    write('c.yaml', CONFIG);
    const bad = await validate('c.yaml');
    expect(bad.code).toBe(2);
    const lines = problemLines(bad.err).map((l) => l.slice(cwd.length + 1));
    expect(lines).toEqual([
      "c.yaml:2 field bogus: unknown key 'bogus'",
      "c.yaml:5 field connectors[j1].type: unknown connector type 'jamff' (did you mean 'jamf'?); known types: jamf, intune, servicenow, jsm",
      "c.yaml:8 field connectors[j1].mapping: mapping jamf.yaml is for connector 'jamf', not 'jamff'",
      "c.yaml:9 field connectors[j1].schedule.incremental: 'not a cron' is not a valid cron expression (expected 5 or 6 fields, for example '*/15 * * * *')",
      "c.yaml:9 field connectors[j1].schedule.timezone: unknown time zone 'Mars/Base' (expected an IANA name such as Europe/Berlin)",
    ]);
  });

  test('configs and mappings together, each as what it is; --json lists every summary', async () => {
    const config = path.join(ROOT, 'config/assetbridge.example.yaml');
    const ok = await validate('--json', config, SPREADSHEET);
    expect(ok.code).toBe(0);
    const summaries = JSON.parse(ok.out) as { kind: string }[];
    expect(summaries.map((s) => s.kind)).toEqual(['config', 'mapping']);

    write('m.yaml', MAPPING);
    const mixed = await validate(SPREADSHEET, 'm.yaml');
    expect(mixed.code).toBe(2);
    expect(mixed.out).toMatch(/spreadsheet\.yaml: valid mapping/);
    expect(mixed.err).toMatch(/1 of 2 files are invalid: 2 problems/);
  });
});

describe('validate on text YAML cannot read', () => {
  test('names the file and the line, and calls it neither a config nor a mapping', async () => {
    fs.writeFileSync(path.join(cwd, 'broken.yaml'), 'version: 1\nfields:\n  - core: [serial\n');
    const r = await validate('broken.yaml');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/broken\.yaml is not valid YAML/);
    expect(r.err).toMatch(/broken\.yaml:\d+/);
    expect(r.err).not.toMatch(/config/);
  });
});

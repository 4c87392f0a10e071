import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../support/run-cli';

const ROOT = path.join(__dirname, '../..');
const EXAMPLE = path.join(ROOT, 'examples/devices.csv');
const MESSY = path.join(ROOT, 'examples/devices-messy.csv');

let cwd: string;
beforeEach(() => (cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'assetbridge-cli-'))));
afterEach(() => fs.rmSync(cwd, { recursive: true, force: true }));

const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(cwd, args, env);

describe('assetbridge CLI', () => {
  test('--help lists the commands and the exit codes, and exits 0', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    for (const cmd of ['import', 'show', 'conflicts', 'runs', 'validate'])
      expect(r.out).toContain(cmd);
    expect(r.out).toMatch(/\nExit codes: 0 ok, 1 some records failed, 2 bad config or usage\n/);
  });

  test('every numeric option takes only a whole number in range: exit 2 naming it', async () => {
    const bad: [string[], string][] = [
      [['runs', '--limit', 'abc'], '--limit must be a positive whole number; got "abc"'],
      [['runs', '--limit', '1.5'], '--limit must be a positive whole number; got "1.5"'],
      [['runs', '--limit', '0'], '--limit must be a positive whole number; got "0"'],
      [['runs', '--limit', '-1'], '--limit must be a positive whole number; got "-1"'],
      [['inbox', '--limit', '1e3'], '--limit must be a positive whole number; got "1e3"'],
      [['inbox', '--retry', '0'], '--retry must be a positive whole number; got "0"'],
      [['serve', '--port', '80.5'], '--port must be a whole number from 0 to 65535; got "80.5"'],
      [['sim', '--fleet-size', '0x10'], '--fleet-size must be a whole number from 1 to 100000'],
      [['sim', '--seed', '-3'], '--seed must be a whole number from 0 to 2147483648; got "-3"'],
      [['demo', '--fleet-size', '10'], '--fleet-size must be a whole number from 50 to 20000'],
      [['demo', '--seed', 'x'], '--seed must be a whole number from 0 to 2147483648; got "x"'],
    ];
    for (const [args, message] of bad) {
      const r = await cli(args);
      expect([args.join(' '), r.code]).toEqual([args.join(' '), 2]);
      expect(r.err).toContain(message);
    }
    expect(fs.existsSync(path.join(cwd, '.assetbridge'))).toBe(false);
  });

  test('read-only commands on a store that does not exist exit 2 and create nothing', async () => {
    const file = path.join(cwd, '.assetbridge/assetbridge.db');
    for (const args of [['runs'], ['show', 'AB-1001'], ['conflicts'], ['inbox']]) {
      const r = await cli(args);
      expect([args[0], r.code]).toEqual([args[0], 2]);
      expect(r.err).toBe(`assetbridge: no store at ${file}; run import or sync first\n`);
    }
    expect(fs.readdirSync(cwd)).toEqual([]);

    const elsewhere = path.join(cwd, 'nonexistent/dir/x.db');
    const r = await cli(['runs', '--json'], { ASSETBRIDGE_STORE_URL: `sqlite:${elsewhere}` });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out).error).toMatchObject({
      code: 'STORE_MISSING',
      details: { file: elsewhere },
    });
    expect(fs.existsSync(path.join(cwd, 'nonexistent'))).toBe(false);

    expect((await cli(['import', EXAMPLE, '--source', 'spreadsheet'])).code).toBe(1);
    expect(fs.existsSync(file)).toBe(true);
    expect((await cli(['runs'])).code).toBe(0);
  });

  test('show refuses a serial that names two assets, as dispose does, listing their ids', async () => {
    const csv = path.join(cwd, 'same.csv');
    fs.writeFileSync(
      csv,
      'Asset Tag,Serial Number,Name,Manufacturer,Category\n' +
        'AT-1,SAMESER1,Laptop one,Dell Inc.,Laptop\n' +
        'AT-2,SAMESER1,Phone two,Apple,Mobile\n',
    );
    expect((await cli(['import', csv, '--source', 'spreadsheet'])).code).toBe(1);
    const ids = [
      JSON.parse((await cli(['show', 'AT-1', '--json'])).out).asset.id,
      JSON.parse((await cli(['show', 'AT-2', '--json'])).out).asset.id,
    ] as string[];

    const shown = await cli(['show', 'SAMESER1']);
    const disposed = await cli(['dispose', 'SAMESER1', '--retire']);
    expect([shown.code, disposed.code]).toEqual([2, 2]);
    expect(shown.err).toMatch(/^assetbridge: 'SAMESER1' names 2 assets \((.+)\); use an id\n$/);
    expect(shown.err).toBe(disposed.err);
    for (const id of ids) expect(shown.err).toContain(id);
    const json = JSON.parse((await cli(['show', 'SAMESER1', '--json'])).out);
    expect(json.error.details.candidates.sort()).toEqual([...ids].sort());
  });

  test('runs prints the counts of an import run as text', async () => {
    await cli(['import', EXAMPLE, '--source', 'spreadsheet']);
    const r = await cli(['runs']);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      `  spreadsheet ${EXAMPLE}: rows created 51, updated 1, unchanged 0, conflict 0, ` +
        'rejected 0; identity conflicts 1\n',
    );
  });

  test('usage errors exit 2', async () => {
    expect((await cli(['frobnicate'])).code).toBe(2);
    expect((await cli(['import', EXAMPLE])).code).toBe(2); // --source missing
    const r = await cli(['import', EXAMPLE, '--source', 'nosuch']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no mapping for source 'nosuch'/);
  });

  test('import, re-import, show with provenance and history', async () => {
    const first = await cli(['import', EXAMPLE, '--source', 'spreadsheet', '--json']);
    expect(first.code).toBe(1); // the two laptops sharing a MAC address are in conflict
    const report = JSON.parse(first.out);
    expect(report.counts).toMatchObject({ created: 51, updated: 1, rejected: 0, conflict: 0 });
    expect(report.conflicts).toEqual([
      expect.objectContaining({ id: 1, kind: 'identifier_disagreement' }),
    ]);
    expect(report.conflicts[0].refs.map((r: string) => r.split(':').pop())).toEqual(['24', '53']);
    expect(fs.existsSync(path.join(cwd, '.assetbridge/assetbridge.db'))).toBe(true);

    const second = JSON.parse(
      (await cli(['import', EXAMPLE, '--source', 'spreadsheet', '--json'])).out,
    );
    expect(second.counts).toMatchObject({ created: 0, updated: 0, unchanged: 52 });
    expect(second.conflicts.map((c: { id: number }) => c.id)).toEqual([1]); // still open

    const shown = await cli(['show', 'AB-1001']);
    expect(shown.code).toBe(0);
    expect(shown.out).toMatch(/assetTag\s+AB-1001\s+← spreadsheet @ .*authority 80/);
    expect(shown.out).toMatch(/History \(\d+\):/);
    const json = JSON.parse((await cli(['show', 'fvfegzd8pcf3', '--json'])).out);
    expect(json.asset.assetTag).toBe('AB-1001');
    expect(json.history.length).toBeGreaterThan(10);

    const runs = JSON.parse((await cli(['runs', '--json'])).out);
    expect(runs.map((r: { kind: string; status: string }) => [r.kind, r.status])).toEqual([
      ['import', 'partial'],
      ['import', 'partial'],
    ]);
  });

  test('the summary counts the conflict that `conflicts` lists, and names its rows', async () => {
    const r = await cli(['import', EXAMPLE, '--source', 'spreadsheet']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/conflicts {2}1 \(2 rows: 0 not applied, 2 applied apart\)/);
    expect(r.out).toMatch(
      /#1 identifier_disagreement: mac DB:47:08:75:2B:0F .*devices\.csv:24, .*:53/,
    );
    const listed = await cli(['conflicts']);
    expect(listed.out).toMatch(/#1 identifier_disagreement/);
  });

  test('a corrected file imports with exit 0; conflicts --resolve closes the old conflict', async () => {
    expect((await cli(['import', EXAMPLE, '--source', 'spreadsheet'])).code).toBe(1);
    const fixed = path.join(cwd, 'devices.csv');
    const lines = fs.readFileSync(EXAMPLE, 'utf8').split('\n');
    lines[52] = lines[52]!.replace('DB:47:08:75:2B:0F', 'DB:47:08:75:2B:10');
    fs.writeFileSync(fixed, lines.join('\n'));
    expect((await cli(['import', fixed, '--source', 'spreadsheet'])).code).toBe(0);
    expect((await cli(['conflicts', '--resolve', 'x'])).code).toBe(2);
    const r = await cli(['conflicts', '--resolve', '1', '7']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^Conflict #1 marked resolved at \S+\.\nNo open conflict #7 /);
    expect((await cli(['conflicts'])).out).toBe('No open conflicts.\n');
    expect((await cli(['conflicts', '--all'])).out).toMatch(
      /#1 identifier_disagreement \[resolved\]/,
    );
    expect((await cli(['import', fixed, '--source', 'spreadsheet'])).code).toBe(0);
    expect((await cli(['conflicts'])).out).toBe('No open conflicts.\n');
  });

  test('rejected rows exit 1 and name their line; conflicts are listed', async () => {
    await cli(['import', EXAMPLE, '--source', 'spreadsheet']);
    const r = await cli(['import', MESSY, '--source', 'spreadsheet']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/devices-messy\.csv:3: rejected: purchase\.date/);
    const conflicts = await cli(['conflicts']);
    expect(conflicts.out).toMatch(/open conflict/);
    expect(conflicts.out).toMatch(/mac DB:47:08:75:2B:0F/);
  });

  test('with a configuration, import takes only the sources it names (or --mapping)', async () => {
    const config = path.join(cwd, 'tenant.yaml');
    fs.writeFileSync(
      config,
      'version: 1\nstore:\n  kind: sqlite\n  file: tenant.db\nconnectors: []\n',
    );
    const r = await cli(['import', EXAMPLE, '--source', 'spreadsheet'], {
      ASSETBRIDGE_CONFIG: config,
    });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/source 'spreadsheet' is not in .*tenant\.yaml \(it has no sources\)/);
    expect(fs.existsSync(path.join(cwd, 'tenant.db'))).toBe(false);
    const mapping = path.join(ROOT, 'mappings/spreadsheet.yaml');
    const ok = await cli(['import', EXAMPLE, '--source', 'spreadsheet', '--mapping', mapping], {
      ASSETBRIDGE_CONFIG: config,
    });
    expect(ok.code).toBe(1);
    expect(ok.out).toMatch(/Imported .*devices\.csv as source 'spreadsheet'/);
  });

  test('show of an unknown asset exits 1 with a message', async () => {
    await cli(['import', EXAMPLE, '--source', 'spreadsheet']);
    const r = await cli(['show', 'NOPE-1']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no asset has id, asset tag or serial 'NOPE-1'/);
  });

  test('validate checks a config and its mappings; a bad one exits 2 naming file and line', async () => {
    const ok = await cli(['validate', path.join(ROOT, 'config/assetbridge.example.yaml')]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/valid/);
    fs.writeFileSync(
      path.join(cwd, 'm.yaml'),
      'version: 1\nconnector: import\nfields:\n  - core: serial\n    source: Serial\n    transforms: [uper]\n',
    );
    fs.writeFileSync(
      path.join(cwd, 'c.yaml'),
      'version: 1\nstore: { kind: sqlite, file: x.db }\nsources:\n  - { name: s, mapping: m.yaml }\n',
    );
    const bad = await cli(['validate', 'c.yaml']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(
      /m\.yaml:\d+ field fields\.serial\.transforms\[0\]: unknown transform 'uper' \(did you mean 'upper'\?\)/,
    );
  });

  test('the store can be PostgreSQL through ASSETBRIDGE_STORE_URL', async () => {
    if (process.env.ASSETBRIDGE_TEST_PG === 'off') return;
    const { createTestDatabase } = await import('../core/store/pg-test-database');
    const db = await createTestDatabase();
    try {
      const env = { ASSETBRIDGE_STORE_URL: db.url };
      expect((await cli(['import', EXAMPLE, '--source', 'spreadsheet'], env)).code).toBe(1);
      const again = JSON.parse(
        (await cli(['import', EXAMPLE, '--source', 'spreadsheet', '--json'], env)).out,
      );
      expect(again.counts.unchanged).toBe(52);
      expect(fs.existsSync(path.join(cwd, '.assetbridge'))).toBe(false);
    } finally {
      await db.drop();
    }
  });
});

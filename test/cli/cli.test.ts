import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../cli/main';
import type { CliIo } from '../../cli/cli-io';

const ROOT = path.join(__dirname, '../..');
const EXAMPLE = path.join(ROOT, 'examples/devices.csv');
const MESSY = path.join(ROOT, 'examples/devices-messy.csv');

interface Run {
  code: number;
  out: string;
  err: string;
}

let cwd: string;
beforeEach(() => (cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'assetbridge-cli-'))));
afterEach(() => fs.rmSync(cwd, { recursive: true, force: true }));

async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (s) => void (out += s),
    stderr: (s) => void (err += s),
    env: { ASSETBRIDGE_LOG_LEVEL: 'silent', ...env },
    cwd,
    isTty: false,
  };
  const code = await main(args, io);
  return { code, out, err };
}

describe('assetbridge CLI', () => {
  test('--help lists the commands and exits 0', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    for (const cmd of ['import', 'show', 'conflicts', 'runs', 'validate'])
      expect(r.out).toContain(cmd);
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

  test('rejected rows exit 1 and name their line; conflicts are listed', async () => {
    await cli(['import', EXAMPLE, '--source', 'spreadsheet']);
    const r = await cli(['import', MESSY, '--source', 'spreadsheet']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/devices-messy\.csv:3: rejected: purchase\.date/);
    const conflicts = await cli(['conflicts']);
    expect(conflicts.out).toMatch(/open conflict/);
    expect(conflicts.out).toMatch(/mac DB:47:08:75:2B:0F/);
  });

  test('show of an unknown asset exits 1 with a message', async () => {
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

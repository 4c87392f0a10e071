import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../../cli/main';
import type { CliIo } from '../../../cli/cli-io';

/** `assetbridge demo` end to end: the simulators, the full sync and the five flows. */
describe('assetbridge demo', () => {
  let cwd: string;
  beforeEach(() => {
    cwd = mkdtempSync(path.join(tmpdir(), 'ab-demo-'));
  });
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));

  function io(): CliIo & { out: string[]; err: string[] } {
    const out: string[] = [];
    const err: string[] = [];
    return {
      out,
      err,
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
      env: { PATH: process.env.PATH },
      cwd,
      isTty: false,
    };
  }

  test('acts out every flow, each showing its effect, and exits 0', async () => {
    const run = io();
    const code = await main(['demo', '--fleet-size', '400', '--json'], run);
    const report = JSON.parse(run.out.join('')) as {
      ok: boolean;
      scenes: { title: string; ok: boolean; lines: string[] }[];
      systems: { system: string; boundRecords: number; ticketLinks: number }[];
    };
    const failed = report.scenes.filter((s) => !s.ok);
    expect(failed).toEqual([]);
    expect(code).toBe(0);
    expect(report.scenes.map((s) => s.title)).toEqual([
      'An incident raised in ServiceNow on a laptop',
      'A request in JSM on a phone',
      'An assignment changed in the CMDB',
      'An owner corrected in JSM Assets',
      'A Mac re-enrolled in Jamf',
      'A device retired',
    ]);
    const bySystem = new Map(report.systems.map((s) => [s.system, s]));
    for (const system of ['servicenow', 'jira', 'jamf', 'intune']) {
      expect(bySystem.get(system)?.boundRecords).toBeGreaterThan(0);
    }
    expect(bySystem.get('servicenow')?.ticketLinks).toBeGreaterThanOrEqual(1);
    expect(bySystem.get('jira')?.ticketLinks).toBeGreaterThanOrEqual(1);
  }, 240_000);

  test('a bad --fleet-size is a usage error', async () => {
    const run = io();
    expect(await main(['demo', '--fleet-size', 'lots'], run)).toBe(2);
    expect(run.err.join('')).toMatch(/--fleet-size must be a whole number/);
  });
});

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FaultRule, LoggedRequest } from '../../../simulators/kit/sim-types';
import { HttpFakeVendor } from '../../core/sync/http-fake-vendor';
import { CHILD, CMDB_TAGGED, DEVICES, startJamfWorld, worldState } from './jamf-crash-world';

const ROOT = path.join(__dirname, '../../..');

/** Runs the sync child; kills it with SIGKILL after `killAfterMs` unless it ends first. */
function runChild(
  db: string,
  urls: { jamf: string; cmdb: string },
  killAfterMs: number | null,
): Promise<'done' | 'killed' | 'failed'> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, db, urls.jamf, urls.cmdb], {
      cwd: ROOT,
      stdio: 'ignore',
    });
    const timer =
      killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal === 'SIGKILL') resolve('killed');
      else if (code === 0) resolve('done');
      else if (code === 1) resolve('failed');
      else reject(new Error(`sync child exited with ${code}`));
    });
  });
}

async function setFaults(url: string, rules: FaultRule[]): Promise<void> {
  const res = await fetch(`${url}/_sim/faults`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ rules }),
  });
  if (!res.ok) throw new Error(`PUT /_sim/faults: HTTP ${res.status} ${await res.text()}`);
}

/** Runs `body` in a fresh world (Jamf simulator and CMDB) and returns its end state. */
async function inWorld(db: string, body: (urls: { jamf: string; cmdb: string }) => Promise<void>) {
  const cmdb = new HttpFakeVendor();
  const cmdbUrl = await cmdb.start();
  const jamf = await startJamfWorld(cmdb);
  try {
    await body({ jamf: jamf.url, cmdb: cmdbUrl });
    return await worldState(db, jamf.sim, cmdb);
  } finally {
    await jamf.close();
    await cmdb.stop();
  }
}

/** Two uninterrupted runs, so that what the CMDB received is read back. */
const uninterrupted = (db: string) =>
  inWorld(db, async (urls) => {
    expect(await runChild(db, urls, null)).toBe('done');
    expect(await runChild(db, urls, null)).toBe('done');
  });

const API = '^/api/v\\d';
/** About a quarter of Jamf API requests go wrong, in every way the simulator can make them. */
const FAULTS: FaultRule[] = [
  { path: API, kind: 'status', status: 429, retryAfterSeconds: 0, share: 0.08 },
  { path: API, kind: 'status', status: 500, share: 0.06 },
  { path: API, kind: 'status', status: 503, retryAfterSeconds: 0, share: 0.06 },
  { path: API, kind: 'slow', delayMs: 30, share: 0.04 },
  { path: API, kind: 'drop', share: 0.03 },
  { path: API, kind: 'truncate', share: 0.03 },
];

describe('against the Jamf simulator', () => {
  let dir: string;
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assetbridge-jamf-crash-'))));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('injected faults (429, 500, 503, slow, dropped, truncated) converge with no duplicate', async () => {
    const expected = await uninterrupted(path.join(dir, 'clean.db'));
    expect(expected.cmdb).toHaveLength(DEVICES);
    const tagged = expected.jamfTags.filter((t) => t.includes('|CMDB-'));
    expect(tagged).toHaveLength(CMDB_TAGGED);

    const db = path.join(dir, 'faulty.db');
    /** How many kinds of fault the simulator injected. */
    let faulted = 0;
    const actual = await inWorld(db, async (urls) => {
      await setFaults(urls.jamf, FAULTS);
      let outcome = 'failed';
      for (let run = 0; run < 12 && outcome !== 'done'; run++) {
        outcome = await runChild(db, urls, null);
      }
      const log = (await (await fetch(`${urls.jamf}/_sim/requests`)).json()) as {
        requests: LoggedRequest[];
      };
      faulted = new Set(log.requests.flatMap((r) => (r.fault ? [r.fault] : []))).size;
      await setFaults(urls.jamf, []);
      expect(await runChild(db, urls, null)).toBe('done');
    });
    expect(faulted).toBeGreaterThanOrEqual(3);
    expect(actual.cmdb).toEqual(expected.cmdb);
    expect(new Set(actual.cmdb.map((l) => l.split('|')[0])).size).toBe(DEVICES);
    expect(actual.jamfTags).toEqual(expected.jamfTags);
    expect(actual.assets).toEqual(expected.assets);
  }, 240_000);

  test('a sync killed with SIGKILL at random points ends, rerun, as an uninterrupted one', async () => {
    const expected = await uninterrupted(path.join(dir, 'clean-kill.db'));
    const db = path.join(dir, 'killed.db');
    let kills = 0;
    const actual = await inWorld(db, async (urls) => {
      await setFaults(urls.jamf, [{ path: API, kind: 'slow', delayMs: 15, share: 1 }]);
      for (let attempt = 0; attempt < 20; attempt++) {
        const killAfter = attempt < 15 ? 800 + Math.floor(Math.random() * 2200) : null;
        const outcome = await runChild(db, urls, killAfter);
        if (outcome === 'done') break;
        if (outcome === 'killed') kills += 1;
      }
      await setFaults(urls.jamf, []);
      expect(await runChild(db, urls, null)).toBe('done');
    });
    expect(kills).toBeGreaterThan(0);
    expect(actual.cmdb).toEqual(expected.cmdb);
    expect(new Set(actual.cmdb.map((l) => l.split('|')[0])).size).toBe(DEVICES);
    expect(actual.jamfTags).toEqual(expected.jamfTags);
    expect(actual.assets).toEqual(expected.assets);
  }, 240_000);
});

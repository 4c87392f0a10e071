import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createStore } from '../../../core/store/create-store';
import { assetContents } from '../../support/ingest-harness';
import { HttpFakeVendor } from './http-fake-vendor';

const CHILD = path.join(__dirname, 'sync-child.ts');
const ROOT = path.join(__dirname, '../../..');
// Enough devices that a sync (which writes several assets at once) outlasts the kill windows.
const DEVICES = 400;

/**
 * Each world ends with one more uninterrupted run, so that records the CMDB received are read back
 * in both; ids the CMDB assigned differ between worlds, so assets are compared by linked systems.
 */
/** Runs the sync child; kills it with SIGKILL after `killAfterMs` unless it ends first. */
function runChild(
  db: string,
  url: string,
  killAfterMs: number | null,
): Promise<'done' | 'killed' | 'failed'> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, db, url], {
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

async function endState(db: string, vendor: HttpFakeVendor) {
  const store = await createStore({ kind: 'sqlite', file: db });
  try {
    const devices = [...vendor.systems.cmdb.values()];
    const cmdb = devices.map((d) => `${d.serial}|${d.name}|${d.owner}`).sort();
    const assets = (await assetContents(store)).map((json) => {
      const asset = JSON.parse(json) as { identifiers: { external: { system: string }[] } };
      const systems = asset.identifiers.external.map((e) => e.system).sort();
      return JSON.stringify({ ...asset, identifiers: { ...asset.identifiers, external: systems } });
    });
    return { assets: assets.sort(), cmdb };
  } finally {
    await store.close();
  }
}

/** The end state of a world where nothing goes wrong: two uninterrupted runs. */
async function uninterrupted(db: string) {
  const vendor = new HttpFakeVendor();
  vendor.seed(DEVICES);
  const url = await vendor.start();
  try {
    expect(await runChild(db, url, null)).toBe('done');
    expect(await runChild(db, url, null)).toBe('done');
  } finally {
    await vendor.stop();
  }
  return endState(db, vendor);
}

describe('a sync killed with SIGKILL at random points', () => {
  let dir: string;
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assetbridge-kill-'))));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('ends, after reruns, in the same state as an uninterrupted run, with no duplicate', async () => {
    const expected = await uninterrupted(path.join(dir, 'clean.db'));
    expect(expected.cmdb).toHaveLength(DEVICES);

    const crashed = new HttpFakeVendor();
    crashed.seed(DEVICES);
    const url = await crashed.start();
    const db = path.join(dir, 'crashed.db');
    let kills = 0;
    try {
      for (let attempt = 0; attempt < 25; attempt++) {
        const killAfter = attempt < 20 ? 900 + Math.floor(Math.random() * 2500) : null;
        const outcome = await runChild(db, url, killAfter);
        if (outcome === 'done') break;
        kills += 1;
      }
      expect(await runChild(db, url, null)).toBe('done');
    } finally {
      await crashed.stop();
    }
    const actual = await endState(db, crashed);
    expect(kills).toBeGreaterThan(0);
    expect(actual.cmdb).toEqual(expected.cmdb);
    expect(new Set(actual.cmdb.map((l) => l.split('|')[0])).size).toBe(DEVICES);
    expect(actual.assets).toEqual(expected.assets);
  }, 240_000);

  test('20 % injected faults converge to the same end state, with no duplicate', async () => {
    const expected = await uninterrupted(path.join(dir, 'clean-faults.db'));

    const faulty = new HttpFakeVendor();
    faulty.seed(DEVICES);
    faulty.faultShare = 0.2;
    const url = await faulty.start();
    const db = path.join(dir, 'faulty.db');
    try {
      let outcome = 'failed';
      for (let run = 0; run < 10 && outcome !== 'done'; run++)
        outcome = await runChild(db, url, null);
      faulty.faultShare = 0;
      expect(await runChild(db, url, null)).toBe('done');
    } finally {
      await faulty.stop();
    }
    const actual = await endState(db, faulty);
    expect(faulty.faults).toBeGreaterThan(50);
    expect(actual.cmdb).toEqual(expected.cmdb);
    expect(actual.assets).toEqual(expected.assets);
  }, 240_000);
});

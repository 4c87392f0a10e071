/**
 * The demo world (four simulators, the demo configuration, one store) converges: after a full
 * sync, an incremental run writes out what was learnt, and the incremental run after it reads
 * no change and writes nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CliIo } from '../../cli/cli-io';
import { startDemoWorld, type DemoWorld } from '../../cli/demo/demo-world';
import type { ConnectorReport, SyncReport } from '../../core/sync/sync-report';

jest.setTimeout(120_000);

const FLEET_SIZE = 200;
const SEED = 42;

const io: CliIo = {
  stdout: () => undefined,
  stderr: () => undefined,
  env: { ...process.env },
  cwd: process.cwd(),
  isTty: false,
};

let folder: string;
let world: DemoWorld;
const runs: SyncReport[] = [];

beforeAll(async () => {
  folder = mkdtempSync(path.join(os.tmpdir(), 'assetbridge-e2e-'));
  world = await startDemoWorld(
    { fleetSize: FLEET_SIZE, seed: SEED, folder, logLevel: 'silent' },
    io,
  );
  runs.push(await world.engine.run({ full: true, dryRun: false }));
  runs.push(await world.engine.run({ full: false, dryRun: false }));
  runs.push(await world.engine.run({ full: false, dryRun: false }));
});

afterAll(async () => {
  await world?.close();
  rmSync(folder, { recursive: true, force: true });
});

const byName = (report: SyncReport): Map<string, ConnectorReport> =>
  new Map(report.connectors.map((c) => [c.connector, c]));

describe('four systems synced together', () => {
  test('every connector reads and writes in the full run, without failures', () => {
    const full = byName(runs[0]!);
    expect([...full.keys()].sort()).toEqual([
      'intune-demo',
      'jamf-demo',
      'jsm-demo',
      'servicenow-demo',
    ]);
    for (const c of full.values()) {
      expect({ connector: c.connector, error: c.error, failures: c.failures }).toEqual({
        connector: c.connector,
        error: null,
        failures: [],
      });
      expect(c.read.complete).toBe(true);
      expect(c.read.records).toBeGreaterThan(0);
    }
    expect(full.get('servicenow-demo')!.writes.created).toBeGreaterThan(0);
    expect(full.get('jsm-demo')!.writes.created).toBeGreaterThan(0);
  });

  test('the second incremental run reads no change and writes nothing', () => {
    for (const c of runs[2]!.connectors) {
      expect({
        connector: c.connector,
        created: c.writes.created,
        updated: c.writes.updated,
        failed: c.writes.failed,
        readCreated: c.read.outcomes.created,
        readUpdated: c.read.outcomes.updated,
        conflicts: c.read.outcomes.conflict,
        error: c.error,
      }).toEqual({
        connector: c.connector,
        created: 0,
        updated: 0,
        failed: 0,
        readCreated: 0,
        readUpdated: 0,
        conflicts: 0,
        error: null,
      });
    }
  });

  test('no field of any asset changed in the second incremental run', async () => {
    const last = runs[2]!;
    const assets = await world.store.listAssets({ limit: 10_000, after: null });
    expect(assets.assets.length).toBeGreaterThan(FLEET_SIZE / 2);
    const changed: string[] = [];
    for (const asset of assets.assets) {
      for (const entry of await world.store.getHistory(asset.id)) {
        if (entry.runId === last.runId)
          changed.push(`${asset.id} ${entry.field} (${entry.source})`);
      }
    }
    expect(changed).toEqual([]);
  });
});

import type { FaultRule } from '../../../simulators/kit/sim-types';
import { intuneFleet, intuneWorld, reportOf, type IntuneWorld } from './intune-sync-harness';

const LIST = '/v1.0/deviceManagement/managedDevices';
const PAGE = { pageSize: 50 };
let w: IntuneWorld;
let listed: string[];

async function faults(rules: FaultRule[]) {
  await w.control('PUT', '/faults', { rules });
}

async function requestsWith(status: number): Promise<number> {
  return (await w.stats()).byStatus[String(status)] ?? 0;
}

beforeEach(async () => {
  w = await intuneWorld({ emptyPageRate: 0.05 });
  w.sim.seedFromFleet(intuneFleet(400, 11));
  listed = w.sim.state.visibleIds();
});
afterEach(async () => w.close());

describe('Intune connector: faults', () => {
  test('a token that expires mid-run is replaced once and the read completes', async () => {
    const report = reportOf(
      await w.run({
        connectorOptions: PAGE,
        afterPage: (n) => {
          if (n === 3) w.skewMs = 2 * 3600_000;
        },
      }),
    );
    expect(report.error).toBeNull();
    expect(report.read).toMatchObject({ complete: true, records: listed.length });
    const stats = await w.stats();
    expect(stats.byStatus['401']).toBe(1);
    const tokens = Object.entries(stats.byRoute).filter(([r]) => r.endsWith('/token'));
    expect(tokens.map(([, n]) => n)).toEqual([2]);
  });

  test('a burst of 429s, with and without Retry-After, is waited out', async () => {
    await faults([
      { method: 'GET', path: LIST, kind: 'status', status: 429, retryAfterSeconds: 1, count: 2 },
    ]);
    const withoutRetryAfter = { method: 'GET', path: LIST, kind: 'status' as const, status: 429 };
    const report = reportOf(
      await w.run({
        connectorOptions: PAGE,
        afterPage: async (n) =>
          n === 2 ? faults([{ ...withoutRetryAfter, count: 3 }]) : undefined,
      }),
    );
    expect(report.error).toBeNull();
    expect(report.read).toMatchObject({ complete: true, records: listed.length });
    expect(await requestsWith(429)).toBe(5);
  });

  test('a page that fails and then succeeds is retried within the read', async () => {
    const report = reportOf(
      await w.run({
        connectorOptions: PAGE,
        afterPage: async (n) => {
          if (n === 2) await faults([{ path: LIST, kind: 'status', status: 503, count: 2 }]);
          if (n === 4) await faults([{ path: LIST, kind: 'drop', count: 1 }]);
        },
      }),
    );
    expect(report.error).toBeNull();
    expect(report.read).toMatchObject({ complete: true, records: listed.length });
    expect(await requestsWith(503)).toBe(2);
  });

  test('a read that fails for good resumes from its nextLink checkpoint in the next run', async () => {
    const failing = { path: LIST, kind: 'status' as const, status: 500, count: 5 };
    const broken = reportOf(
      await w.run({
        connectorOptions: PAGE,
        afterPage: async (n) => (n === 3 ? faults([failing]) : undefined),
      }),
    );
    expect(broken.error).toMatch(/read failed: .*HTTP 500/);
    expect(broken.read.pages).toBe(3);
    await w.control('DELETE', '/requests');
    const resumed = reportOf(await w.run({ connectorOptions: PAGE }));
    expect(resumed.error).toBeNull();
    expect(resumed.read).toMatchObject({ mode: 'full', resumed: true, complete: true });
    const { requests } = (await w.control('GET', '/requests')) as {
      requests: { path: string; query: string }[];
    };
    const firstList = requests.find((r) => r.path === LIST)!;
    expect(firstList.query).toContain('$skiptoken=');
    expect(resumed.read.records).toBeLessThan(listed.length);
  });

  test('a stale skiptoken in the checkpoint restarts the read from the first page', async () => {
    const failing = { path: LIST, kind: 'status' as const, status: 500, count: 5 };
    await w.run({
      connectorOptions: PAGE,
      afterPage: async (n) => (n === 2 ? faults([failing]) : undefined),
    });
    await faults([{ path: LIST, kind: 'status', status: 400, count: 1 }]);
    const restarted = reportOf(await w.run({ connectorOptions: PAGE }));
    expect(restarted.error).toBeNull();
    expect(restarted.read).toMatchObject({ resumed: true, complete: true });
    expect(restarted.read.records).toBe(listed.length);
  });

  test('a device that disappears is marked missing, and comes back to the same asset', async () => {
    await w.run({ connectorOptions: PAGE });
    const id = listed[17];
    const serial = String(w.sim.state.devices.get(id)!.serialNumber);
    const [asset] = await w.h.store.findAssets(serial);
    await w.control('POST', `/devices/${id}/hide`);
    const gone = reportOf(await w.run({ full: true, connectorOptions: PAGE }));
    expect(gone.read.complete).toBe(true);
    expect(gone.missing).toMatchObject({ marked: 1, retired: 0, stopped: null });
    await w.control('POST', `/devices/${id}/unhide`);
    const back = reportOf(await w.run({ full: true, connectorOptions: PAGE }));
    expect(back.missing).toMatchObject({ marked: 0, retired: 0 });
    expect(back.read.outcomes.created).toBe(0);
    expect((await w.h.store.findAssets(serial)).map((a) => a.id)).toEqual([asset.id]);
  });
});

import type { Express } from 'express';
import { startServer } from '../../../simulators/kit/start-server';
import type { RunningSimulator } from '../../../simulators/kit/sim-types';
import { RequestLog } from '../../../simulators/kit/request-log';
import { createMiniVendor, type MiniVendor } from './mini-vendor';

describe('RequestLog over HTTP', () => {
  let vendor: MiniVendor;
  let sim: RunningSimulator;

  beforeAll(async () => {
    vendor = createMiniVendor();
    sim = await startServer('mini', vendor.app as Express);
  });
  afterAll(() => sim.close());
  beforeEach(() => vendor.log.clear());

  test('logs method, path, query and status; control routes are not logged', async () => {
    await fetch(`${sim.url}/api/items?sysparm_limit=5&x=1`);
    await fetch(`${sim.url}/_sim/stats`);
    await fetch(`${sim.url}/api/items/9`);
    const [first, second, ...rest] = vendor.log.list();
    expect(rest).toHaveLength(0);
    expect(first).toMatchObject({
      method: 'GET',
      path: '/api/items',
      query: 'sysparm_limit=5&x=1',
      status: 200,
    });
    expect(second).toMatchObject({ method: 'GET', path: '/api/items/9', query: '', status: 404 });
    expect(second!.seq).toBeGreaterThan(first!.seq);
    expect(new Date(first!.at).toISOString()).toBe(first!.at);
    expect(first!.durationMs).toBeGreaterThanOrEqual(0);
  });

  test('list(since) returns only newer entries', async () => {
    await fetch(`${sim.url}/api/items`);
    const [first] = vendor.log.list();
    await fetch(`${sim.url}/api/items`);
    const newer = vendor.log.list(first!.seq);
    expect(newer).toHaveLength(1);
    expect(newer[0]!.seq).toBe(first!.seq + 1);
  });

  test('the ring keeps the last entries while counters count every request', async () => {
    for (let i = 0; i < 8; i++) {
      await fetch(`${sim.url}/api/items/${i}`, { method: i % 2 ? 'GET' : 'DELETE' });
    }
    await fetch(`${sim.url}/api/items`, {
      method: 'POST',
      body: '{"name":"x"}',
      headers: { 'content-type': 'application/json' },
    });
    const entries = vendor.log.list();
    expect(entries).toHaveLength(5); // capacity of the mini vendor
    expect(entries.map((e) => e.path)).toEqual([
      '/api/items/4',
      '/api/items/5',
      '/api/items/6',
      '/api/items/7',
      '/api/items',
    ]);
    const stats = vendor.log.stats();
    expect(stats.total).toBe(9);
    expect(stats.mutating).toBe(5); // 4 DELETE + 1 POST
    expect(stats.byMethod).toEqual({ DELETE: 4, GET: 4, POST: 1 });
    expect(stats.byRoute).toEqual({
      'DELETE /api/items/:id': 4,
      'GET /api/items/:id': 4,
      'POST /api/items': 1,
    });
    expect(stats.byStatus).toEqual({ '404': 8, '201': 1 });
  });

  test('clear() empties entries and counters', async () => {
    await fetch(`${sim.url}/api/items`);
    vendor.log.clear();
    expect(vendor.log.list()).toEqual([]);
    expect(vendor.log.stats().total).toBe(0);
  });

  test('rejects a capacity that is not a positive integer', () => {
    expect(() => new RequestLog({ capacity: 0 })).toThrow(/capacity must be a positive integer/);
  });
});

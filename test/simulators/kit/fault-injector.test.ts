import type { Express } from 'express';
import { startServer } from '../../../simulators/kit/start-server';
import type { RunningSimulator } from '../../../simulators/kit/sim-types';
import { createMiniVendor, type MiniVendor } from './mini-vendor';
import { rawRequest } from './http-helpers';

describe('FaultInjector over HTTP', () => {
  let vendor: MiniVendor;
  let sim: RunningSimulator;

  beforeAll(async () => {
    vendor = createMiniVendor();
    vendor.items.set('1', {
      id: '1',
      name: 'a fairly long item name so that half a body is visible',
    });
    sim = await startServer('mini', vendor.app as Express);
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    vendor.faults.clear();
    vendor.log.clear();
  });

  test('a status fault answers with the vendor envelope and Retry-After', async () => {
    vendor.faults.setRules([{ path: '/api/', kind: 'status', status: 429, retryAfterSeconds: 7 }]);
    const res = await fetch(`${sim.url}/api/items`);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(await res.json()).toEqual({ error: { message: 'injected 429' } });
    expect(vendor.log.list()[0]).toMatchObject({ status: 429, fault: 'status' });
  });

  test('method and path (prefix or ^regex) must both match', async () => {
    vendor.faults.setRules([
      { method: 'post', path: '/api/items', kind: 'status', status: 503 },
      { path: '^/api/items/\\d+$', kind: 'status', status: 500 },
    ]);
    expect((await fetch(`${sim.url}/api/items`)).status).toBe(200);
    expect((await fetch(`${sim.url}/api/items/1`)).status).toBe(500);
    const post = await fetch(`${sim.url}/api/items`, { method: 'POST', body: '{}' });
    expect(post.status).toBe(503);
  });

  test('count limits the hits, and rules are tried in order', async () => {
    vendor.faults.setRules([
      { path: '/api/items', kind: 'status', status: 500, count: 2 },
      { path: '/api/items', kind: 'status', status: 502, count: 1 },
    ]);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await fetch(`${sim.url}/api/items`)).status);
    expect(statuses).toEqual([500, 500, 502, 200, 200]);
    expect(vendor.faults.rules().map((r) => r.count)).toEqual([0, 0]);
  });

  test('share is honoured with the seeded Rng, reproducibly', async () => {
    const run = async (): Promise<number[]> => {
      const fresh = createMiniVendor(123);
      const server = await startServer('mini', fresh.app as Express);
      fresh.faults.setRules([{ path: '/', kind: 'status', status: 500, share: 0.25 }]);
      const statuses: number[] = [];
      for (let i = 0; i < 200; i++) statuses.push((await fetch(`${server.url}/api/items`)).status);
      await server.close();
      return statuses;
    };
    const first = await run();
    const second = await run();
    expect(first).toEqual(second);
    const failures = first.filter((s) => s === 500).length;
    expect(failures).toBeGreaterThan(25);
    expect(failures).toBeLessThan(80);
  });

  test('drop destroys the socket without an answer', async () => {
    vendor.faults.setRules([{ path: '/api/items', kind: 'drop' }]);
    const answer = await rawRequest(`${sim.url}/api/items`);
    expect(answer.outcome).toBe('error');
    expect(answer.status).toBeNull();
    // the server sees the socket close a little after the client does: wait for the entry
    for (let i = 0; i < 200 && vendor.log.list().length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(vendor.log.list()[0]).toMatchObject({ fault: 'drop', status: 0 });
  });

  test('truncate promises the whole body but sends half of it, then closes', async () => {
    const full = await rawRequest(`${sim.url}/api/items/1`);
    vendor.faults.setRules([{ path: '/api/items/1', kind: 'truncate' }]);
    const answer = await rawRequest(`${sim.url}/api/items/1`);
    expect(answer.status).toBe(200);
    expect(answer.outcome).toBe('aborted');
    expect(Number(answer.headers['content-length'])).toBe(Buffer.byteLength(full.body));
    expect(answer.body).toBe(full.body.slice(0, Math.floor(full.body.length / 2)));
    expect(() => JSON.parse(answer.body) as unknown).toThrow();
  });

  test('slow delays and then answers normally', async () => {
    vendor.faults.setRules([{ path: '/api/items/1', kind: 'slow', delayMs: 50 }]);
    const res = await fetch(`${sim.url}/api/items/1`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { result: { id: string } }).result.id).toBe('1');
    expect(vendor.log.list()[0]).toMatchObject({ fault: 'slow', status: 200 });
  });

  test('invalid rules are rejected with the field named', () => {
    expect(() => vendor.faults.setRules([{ path: '/', kind: 'status' }])).toThrow(/0\.status/);
    expect(() => vendor.faults.setRules([{ path: '^(', kind: 'drop' }])).toThrow(
      /invalid regular expression/,
    );
  });
});

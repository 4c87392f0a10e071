import type { Express } from 'express';
import { startServer } from '../../../simulators/kit/start-server';
import type { LoggedRequest, RunningSimulator, SimStats } from '../../../simulators/kit/sim-types';
import { createMiniVendor, type MiniVendor } from './mini-vendor';

const json = { 'content-type': 'application/json' };

describe('control router (/_sim)', () => {
  let vendor: MiniVendor;
  let sim: RunningSimulator;

  beforeAll(async () => {
    vendor = createMiniVendor();
    sim = await startServer('mini', vendor.app as Express);
  });
  afterAll(() => sim.close());
  beforeEach(async () => {
    await fetch(`${sim.url}/_sim/reset`, { method: 'POST' });
  });

  test('seed passes the body to the vendor and returns its counts; a bad body is a 400', async () => {
    const ok = await fetch(`${sim.url}/_sim/seed`, {
      method: 'POST',
      headers: json,
      body: '["a","b"]',
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ items: 2 });
    const bad = await fetch(`${sim.url}/_sim/seed`, {
      method: 'POST',
      headers: json,
      body: '{"x":1}',
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: 'seed body rejected: expected an array of item names',
    });
    const broken = await fetch(`${sim.url}/_sim/seed`, {
      method: 'POST',
      headers: json,
      body: '[',
    });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: string }).error).toMatch(/^bad control request/);
  });

  test('reset empties state, faults and the log', async () => {
    await fetch(`${sim.url}/_sim/seed`, { method: 'POST', headers: json, body: '["a"]' });
    await fetch(`${sim.url}/api/items`);
    vendor.faults.setRules([{ path: '/', kind: 'status', status: 500 }]);
    const res = await fetch(`${sim.url}/_sim/reset`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(vendor.items.size).toBe(0);
    expect(vendor.faults.rules()).toEqual([]);
    expect(vendor.log.stats().total).toBe(0);
  });

  test('PUT /faults installs rules that apply to vendor routes but never to /_sim', async () => {
    const rules = [{ path: '/', kind: 'status', status: 503, retryAfterSeconds: 2 }];
    const put = await fetch(`${sim.url}/_sim/faults`, {
      method: 'PUT',
      headers: json,
      body: JSON.stringify({ rules }),
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual({ rules });
    expect((await fetch(`${sim.url}/api/items`)).status).toBe(503);
    expect((await fetch(`${sim.url}/_sim/stats`)).status).toBe(200);
    const del = await fetch(`${sim.url}/_sim/faults`, { method: 'DELETE' });
    expect(del.status).toBe(204);
    expect((await fetch(`${sim.url}/api/items`)).status).toBe(200);
  });

  test('PUT /faults with a bad rule is a 400 naming the field', async () => {
    const body = JSON.stringify({ rules: [{ path: '/', kind: 'explode' }] });
    const res = await fetch(`${sim.url}/_sim/faults`, { method: 'PUT', headers: json, body });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/rules\.0\.kind/);
  });

  test('GET /requests?since=N and DELETE /requests', async () => {
    await fetch(`${sim.url}/api/items`);
    await fetch(`${sim.url}/api/items/1`);
    const all = (await (await fetch(`${sim.url}/_sim/requests`)).json()) as {
      requests: LoggedRequest[];
    };
    expect(all.requests.map((r) => r.path)).toEqual(['/api/items', '/api/items/1']);
    const since = all.requests[0]!.seq;
    const newer = (await (await fetch(`${sim.url}/_sim/requests?since=${since}`)).json()) as {
      requests: LoggedRequest[];
    };
    expect(newer.requests.map((r) => r.path)).toEqual(['/api/items/1']);
    expect((await fetch(`${sim.url}/_sim/requests?since=abc`)).status).toBe(400);
    expect((await fetch(`${sim.url}/_sim/requests`, { method: 'DELETE' })).status).toBe(204);
    const after = (await (await fetch(`${sim.url}/_sim/requests`)).json()) as {
      requests: LoggedRequest[];
    };
    expect(after.requests).toEqual([]);
  });

  test('GET /stats reports counts; extra routes are mounted', async () => {
    await fetch(`${sim.url}/api/items`, { method: 'POST', headers: json, body: '{"name":"n"}' });
    const stats = (await (await fetch(`${sim.url}/_sim/stats`)).json()) as SimStats;
    expect(stats).toEqual({
      total: 1,
      mutating: 1,
      byMethod: { POST: 1 },
      byRoute: { 'POST /api/items': 1 },
      byStatus: { '201': 1 },
    });
    expect(await (await fetch(`${sim.url}/_sim/items-count`)).json()).toEqual({ n: 1 });
  });

  test('bad JSON on a vendor route reaches the vendor error handler', async () => {
    const res = await fetch(`${sim.url}/api/items`, {
      method: 'POST',
      headers: json,
      body: '{oops',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { message: 'bad json' } });
  });
});

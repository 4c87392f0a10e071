import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { resultOne, startSn, type Json, type SnHarness } from './sn-test-client';

interface Received {
  headers: http.IncomingHttpHeaders;
  raw: string;
  body: Json;
}

let h: SnHarness;
let receiver: http.Server;
let receiverUrl: string;
const received: Received[] = [];
let waiters: (() => void)[] = [];
const SECRET = 'test-webhook-secret';

function waitForEvents(n: number): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => {
      if (received.length >= n) resolve();
      else waiters.push(check);
    };
    check();
  });
}

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      received.push({ headers: req.headers, raw, body: JSON.parse(raw) as Json });
      res.writeHead(204).end();
      const pending = waiters;
      waiters = [];
      pending.forEach((w) => w());
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/servicenow`;
  h = await startSn();
});

afterAll(async () => {
  await h.running.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

beforeEach(async () => {
  await h.http.post('/_sim/reset');
  await h.http.put('/_sim/config', { webhookUrl: receiverUrl, webhookSecret: SECRET });
  await h.sim.state.outbound.flush();
  received.length = 0;
});

async function create(table: string, body: Json): Promise<Json> {
  return resultOne((await h.http.post(`/api/now/table/${table}`, body)).data);
}

describe('outbound ticket events', () => {
  test('an incident created with a CI posts a signed ticket.created event', async () => {
    const ci = await create('cmdb_ci_computer', { name: 'pc-9' });
    const inc = await create('incident', { short_description: 'Fan noise', cmdb_ci: ci.sys_id });
    await waitForEvents(1);
    const [event] = received;
    expect(event.body).toEqual({
      event_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      event_type: 'ticket.created',
      table: 'incident',
      sys_id: inc.sys_id,
      number: inc.number,
      cmdb_ci: ci.sys_id,
      short_description: 'Fan noise',
      state: '1',
      sys_updated_on: inc.sys_updated_on,
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    const timestamp = String(event.headers['x-assetbridge-timestamp']);
    expect(timestamp).toMatch(/^\d{10}$/);
    const expected = createHmac('sha256', SECRET).update(`${timestamp}.${event.raw}`).digest('hex');
    expect(event.headers['x-assetbridge-signature']).toBe(`sha256=${expected}`);
    const wrong = createHmac('sha256', 'other').update(`${timestamp}.${event.raw}`).digest('hex');
    expect(event.headers['x-assetbridge-signature']).not.toBe(`sha256=${wrong}`);
  });

  test('tickets without a CI send nothing; setting the CI later sends ticket.updated', async () => {
    const chg = await create('change_request', { short_description: 'Swap disk' });
    await create('cmdb_ci_computer', { name: 'no-ticket' });
    await h.sim.state.outbound.flush();
    expect(received).toHaveLength(0);
    const ci = await create('cmdb_ci_computer', { name: 'pc-10' });
    await h.http.patch(`/api/now/table/change_request/${chg.sys_id}`, { cmdb_ci: ci.sys_id });
    await waitForEvents(1);
    expect(received[0].body).toMatchObject({
      event_type: 'ticket.updated',
      table: 'change_request',
      cmdb_ci: ci.sys_id,
      state: '-5',
    });
  });

  test('a person-made change through /_sim/mutate bumps the record and fires the event', async () => {
    const ci = await create('cmdb_ci_computer', { name: 'pc-11' });
    const ritm = await create('sc_req_item', {
      short_description: 'New laptop',
      cmdb_ci: ci.sys_id,
    });
    await waitForEvents(1);
    const res = await h.http.post(`/_sim/mutate/sc_req_item/${ritm.sys_id}`, {
      values: { state: '2' },
      user: 'beth.anglin',
    });
    expect(res.status).toBe(200);
    expect(res.data.record).toMatchObject({
      state: '2',
      sys_mod_count: '1',
      sys_updated_by: 'beth.anglin',
    });
    await waitForEvents(2);
    expect(received[1].body).toMatchObject({
      event_type: 'ticket.updated',
      table: 'sc_req_item',
      state: '2',
    });
  });

  test('a bad mutation body or unknown record is reported clearly', async () => {
    const bad = await h.http.post('/_sim/mutate/incident/abc', { nope: true });
    expect(bad.status).toBe(400);
    const missing = await h.http.post(`/_sim/mutate/incident/${'0'.repeat(32)}`, { values: {} });
    expect(missing.status).toBe(404);
  });

  test('delivery outcomes are listed at /_sim/outbound', async () => {
    const ci = await create('cmdb_ci_computer', { name: 'pc-12' });
    await create('incident', { short_description: 'x', cmdb_ci: ci.sys_id });
    await waitForEvents(1);
    await h.sim.state.outbound.flush();
    const res = await h.http.get('/_sim/outbound');
    expect(res.data.deliveries).toHaveLength(1);
    expect(res.data.deliveries[0]).toMatchObject({ url: receiverUrl, status: 204 });
  });
});

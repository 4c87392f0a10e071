import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { silentLogger } from '../../../core/logging/logger';
import { RuntimeMetrics } from '../../../core/runtime/metrics';
import type { Connector } from '../../../core/sync/connector';
import { createWebhookRouter } from '../../../core/runtime/webhook-receiver';
import { fakeConnector, readOnlyConnector, signedHeaders } from './fake-connector';
import { eventsBody, startHarness, T0, WEBHOOK_SECRET, type Harness } from './runtime-harness';

describe('webhook receiver over HTTP', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({
      connectors: [fakeConnector('fake-1', WEBHOOK_SECRET), readOnlyConnector('reader')],
      options: { bodyLimit: 2048, toleranceMs: 300_000 },
    });
  });
  afterEach(() => h.close());

  const stored = () => h.runtime.inbox.list();

  test('a signed delivery gets 202 at once and is processed once by the handler', async () => {
    const res = await h.post('fake-1', eventsBody('computer:1', 'mobile:7'));
    expect(res.status).toBe(202);
    expect(res.json).toEqual({ status: 'accepted', id: expect.any(Number) });
    expect(h.handled).toEqual([]);
    expect(await h.runtime.processor.runOnce()).toBe(1);
    expect(await h.runtime.processor.runOnce()).toBe(0);
    expect(h.handled).toEqual([
      {
        connector: 'fake-1',
        events: [
          { kind: 'record', externalId: 'computer:1', deleted: false },
          { kind: 'record', externalId: 'mobile:7', deleted: false },
        ],
      },
    ]);
    expect((await stored())[0]).toMatchObject({ status: 'done', deliveryId: 'delivery-1' });
  });

  test('a replayed delivery answers 200 duplicate and is processed once', async () => {
    const body = eventsBody('computer:1');
    const first = await h.post('fake-1', body, { deliveryId: 'd-42' });
    await h.runtime.processor.runOnce();
    const replay = await h.post('fake-1', body, { deliveryId: 'd-42' });
    expect(replay.status).toBe(200);
    expect(replay.json).toEqual({ status: 'duplicate', id: first.json.id });
    await h.runtime.processor.runOnce();
    expect(h.handled).toHaveLength(1);
    expect(await stored()).toHaveLength(1);
  });

  test('a replay that arrives before processing is still processed once', async () => {
    const body = eventsBody('computer:2');
    await h.post('fake-1', body, { deliveryId: 'd-43' });
    expect((await h.post('fake-1', body, { deliveryId: 'd-43' })).status).toBe(200);
    await h.runtime.processor.runOnce();
    await h.runtime.processor.runOnce();
    expect(h.handled).toHaveLength(1);
  });

  test('a wrong signature gets 401 with a reason and nothing is stored', async () => {
    const res = await h.post('fake-1', eventsBody('computer:1'), { secret: 'not-the-secret' });
    expect(res.status).toBe(401);
    expect(res.json.error).toMatch(/signature does not match/);
    expect(await stored()).toEqual([]);
  });

  test('a body changed after signing gets 401', async () => {
    const headers = signedHeaders(WEBHOOK_SECRET, eventsBody('computer:1'), {
      sentAt: T0,
      deliveryId: 'x',
    });
    const res = await fetch(`${h.url}/webhooks/fake-1`, {
      method: 'POST',
      headers,
      body: eventsBody('computer:2'),
    });
    expect(res.status).toBe(401);
    expect(await stored()).toEqual([]);
  });

  test('a missing signature gets 401 and counts as rejected', async () => {
    const res = await fetch(`${h.url}/webhooks/fake-1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: eventsBody('computer:1'),
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: string }).error).toMatch(/missing x-fake-signature/);
    expect(await stored()).toEqual([]);
    const text = await h.runtime.metrics.text();
    expect(text).toMatch(
      /assetbridge_webhooks_rejected_total\{connector="fake-1",reason="unverified"\} 1/,
    );
  });

  test('a stale or far-future timestamp gets 401 stale', async () => {
    const old = await h.post('fake-1', eventsBody('c:1'), {
      sentAt: new Date(T0.getTime() - 301_000),
    });
    expect(old.status).toBe(401);
    expect(old.json.error).toMatch(/^stale webhook: sent at 2025-06-01T11:54:59.000Z/);
    const future = await h.post('fake-1', eventsBody('c:1'), {
      sentAt: new Date(T0.getTime() + 400_000),
    });
    expect(future.status).toBe(401);
    const edge = await h.post('fake-1', eventsBody('c:1'), {
      sentAt: new Date(T0.getTime() - 299_000),
    });
    expect(edge.status).toBe(202);
    expect(await stored()).toHaveLength(1);
  });

  test("a verdict's maxAgeMs widens the window into the past only", async () => {
    const base = fakeConnector('late-1', WEBHOOK_SECRET);
    const late: Connector = {
      ...base,
      webhooks: {
        ...base.webhooks!,
        verify: (req) => {
          const verdict = base.webhooks!.verify(req);
          return verdict.ok ? { ...verdict, maxAgeMs: 1_800_000 } : verdict;
        },
      },
    };
    const lh = await startHarness({ connectors: [late], options: { toleranceMs: 300_000 } });
    try {
      const at = (ms: number) => ({ sentAt: new Date(T0.getTime() + ms) });
      expect((await lh.post('late-1', eventsBody('c:1'), at(-1_200_000))).status).toBe(202);
      const tooOld = await lh.post('late-1', eventsBody('c:2'), at(-1_801_000));
      expect(tooOld.status).toBe(401);
      expect(tooOld.json.error).toMatch(/more than 1800 s from the receiver's clock/);
      const future = await lh.post('late-1', eventsBody('c:3'), at(400_000));
      expect(future.status).toBe(401);
      expect(future.json.error).toMatch(/more than 300 s/);
    } finally {
      await lh.close();
    }
  });

  test('malformed JSON gets 400 with the reason and nothing is stored', async () => {
    const res = await h.post('fake-1', '{"events": [', { deliveryId: 'bad' });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatch(/^malformed webhook body: body is not JSON/);
    const shape = await h.post('fake-1', '{"nothing":1}', { deliveryId: 'bad2' });
    expect(shape.status).toBe(400);
    expect(shape.json.error).toMatch(/no "events" array/);
    expect(await stored()).toEqual([]);
  });

  test('a body over the limit gets 413 with a JSON reason and nothing is stored', async () => {
    const big = JSON.stringify({ events: [], pad: 'x'.repeat(4096) });
    const res = await h.post('fake-1', big);
    expect(res.status).toBe(413);
    expect(res.json.error).toMatch(/larger than the limit of 2048/);
    expect(await stored()).toEqual([]);
    expect(await h.runtime.metrics.text()).toMatch(/reason="too_large"\} 1/);
  });

  test('an unknown connector or one without webhooks gets 404', async () => {
    const unknown = await h.post('nosuch', eventsBody('c:1'));
    expect(unknown.status).toBe(404);
    expect(unknown.json.error).toMatch(/no connector "nosuch"/);
    expect((await h.post('reader', eventsBody('c:1'))).status).toBe(404);
    expect(await stored()).toEqual([]);
  });

  test('a delivery without an id of its own is told apart by its body', async () => {
    const body = eventsBody('c:9');
    const a = await h.post('fake-1', body, { deliveryId: '' });
    const b = await h.post('fake-1', body, { deliveryId: '' });
    expect([a.status, b.status]).toEqual([202, 200]);
    expect((await stored())[0].deliveryId).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});

describe('webhook receiver when the inbox fails', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    const app = express();
    app.use(
      createWebhookRouter({
        connectors: new Map([['fake-1', fakeConnector('fake-1', WEBHOOK_SECRET)]]),
        inbox: {
          accept: async () => {
            throw new Error('database is locked');
          },
        },
        metrics: new RuntimeMetrics(),
        logger: silentLogger(),
        clock: () => T0,
      }),
    );
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  test('answers 503 so that the sender retries, without internals', async () => {
    const body = eventsBody('c:1');
    const res = await fetch(`${url}/webhooks/fake-1`, {
      method: 'POST',
      headers: signedHeaders(WEBHOOK_SECRET, body, { sentAt: T0, deliveryId: 'd' }),
      body,
    });
    expect(res.status).toBe(503);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: 'the webhook inbox is unavailable; retry later' });
    expect(text).not.toMatch(/database is locked/);
  });
});

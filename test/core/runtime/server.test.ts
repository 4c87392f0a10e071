import fs from 'node:fs';
import path from 'node:path';
import { createStore } from '../../../core/store/create-store';
import { createRuntime } from '../../../core/runtime/server';
import { silentLogger } from '../../../core/logging/logger';
import { eventsBody, startHarness, tempDir, type Harness } from './runtime-harness';

describe('runtime server', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      options: {
        readiness: async () => ({ ok: true }),
      },
    });
  });
  afterAll(() => h.close());

  test('/healthz answers while the process is up', async () => {
    const res = await fetch(`${h.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  test('anything else is a JSON 404', async () => {
    const res = await fetch(`${h.url}/nope?x=1`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'no route for GET /nope' });
    expect((await fetch(`${h.url}/webhooks/fake-1`)).status).toBe(404);
  });

  test('/metrics serves the counters in Prometheus text, inbox depth read from the store', async () => {
    await h.post('fake-1', eventsBody('computer:1'), { deliveryId: 'm-1' });
    await h.post('fake-1', eventsBody('computer:1'), { deliveryId: 'm-1' });
    await h.post('fake-1', '{', { deliveryId: 'm-2' });
    h.runtime.metrics.recordRun('incremental', 'ok');
    h.runtime.metrics.recordOutcomes('jamf-prod', { created: 2, unchanged: 5, rejected: 0 });
    h.runtime.metrics.recordRequests('jamf-prod', 'get', 200, 3);
    h.runtime.metrics.recordRequests('jamf-prod', 'GET', 429);
    h.runtime.metrics.recordRetry('jamf-prod');
    const res = await fetch(`${h.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    for (const line of [
      'assetbridge_runs_total{kind="incremental",status="ok"} 1',
      'assetbridge_records_total{connector="jamf-prod",outcome="created"} 2',
      'assetbridge_records_total{connector="jamf-prod",outcome="unchanged"} 5',
      'assetbridge_http_requests_total{system="jamf-prod",method="GET",status="200"} 3',
      'assetbridge_http_requests_total{system="jamf-prod",method="GET",status="429"} 1',
      'assetbridge_http_retries_total{system="jamf-prod"} 1',
      'assetbridge_inbox_depth{status="pending"} 1',
      'assetbridge_inbox_depth{status="dead"} 0',
      'assetbridge_webhooks_accepted_total{connector="fake-1"} 1',
      'assetbridge_webhooks_duplicate_total{connector="fake-1"} 1',
      'assetbridge_webhooks_rejected_total{connector="fake-1",reason="malformed"} 1',
    ]) {
      expect(text).toContain(line);
    }
    expect(text).not.toContain('outcome="rejected"');
    expect(text).toMatch(/assetbridge_webhook_ack_seconds_count\{connector="fake-1"\} 3/);
  });
});

describe('runtime readiness and errors', () => {
  test('/readyz is 503 on a store that is not migrated, 200 once it is', async () => {
    const dir = tempDir();
    const store = await createStore({ kind: 'sqlite', file: path.join(dir, 'r.db') });
    const runtime = createRuntime({
      store,
      connectors: new Map(),
      handle: async () => undefined,
      runJob: async () => undefined,
      schedules: [],
      logger: silentLogger(),
      apiToken: null,
    });
    const { url } = await runtime.start(0);
    try {
      const before = await fetch(`${url}/readyz`);
      expect(before.status).toBe(503);
      expect(await before.json()).toMatchObject({
        status: 'not ready',
        reason: expect.stringMatching(/not migrated/),
      });
      await store.migrate();
      const after = await fetch(`${url}/readyz`);
      expect(after.status).toBe(200);
      expect(await after.json()).toEqual({ status: 'ready' });
    } finally {
      await runtime.stop();
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an internal error is a JSON 500 without stack or message, and is logged', async () => {
    const h = await startHarness({
      options: {
        readiness: async () => {
          throw new Error('boom at /srv/app/core/x.ts:12');
        },
      },
    });
    try {
      const res = await fetch(`${h.url}/readyz`);
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({ error: 'internal error; see the server log' });
      expect(text).not.toMatch(/boom|x\.ts/);
      expect(h.lines.some((l) => l.includes('boom at'))).toBe(true);
    } finally {
      await h.close();
    }
  });

  test('start fails with a clear message when the port is taken', async () => {
    const h = await startHarness();
    const port = Number(new URL(h.url).port);
    const second = createRuntime({
      store: h.store,
      connectors: new Map(),
      handle: async () => undefined,
      runJob: async () => undefined,
      schedules: [],
      logger: silentLogger(),
      apiToken: null,
    });
    try {
      await expect(second.start(port)).rejects.toThrow(`cannot listen on 127.0.0.1:${port}`);
    } finally {
      await second.stop();
      await h.close();
    }
  });
});

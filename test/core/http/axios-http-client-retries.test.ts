import http from 'node:http';
import type { AddressInfo } from 'node:net';
import axios from 'axios';
import nock from 'nock';
import type { AxiosHttpClient } from '../../../core/http/axios-http-client';
import { RetryPolicy } from '../../../core/http/retry-policy';
import { BASE, FakeClock, netError, rejectionOf, testClient, useNock } from './http-test-kit';

useNock();

const NOW = Date.parse('2026-06-01T12:00:00.000Z');

describe('AxiosHttpClient: vendor waits', () => {
  test('429 with Retry-After in seconds waits that long, then succeeds', async () => {
    const scope = nock(BASE)
      .get('/devices')
      .reply(
        429,
        { error: { code: 'TooManyRequests', message: 'slow down' } },
        { 'Retry-After': '7' },
      )
      .get('/devices')
      .reply(200, { value: [] });
    const { client, waits, stats, log } = testClient();
    const res = await client.request({ method: 'GET', path: '/devices' });
    expect(res).toMatchObject({ status: 200, attempts: 2 });
    expect(waits).toEqual([7000]);
    expect(stats.snapshot().retries).toEqual([
      { system: 'vendor-test', reason: 'HTTP 429', count: 1 },
    ]);
    const warn = log.records().find((r) => r.level === 40);
    expect(warn).toMatchObject({ path: '/devices', attempt: 1, delayMs: 7000, reason: 'HTTP 429' });
    expect(scope.isDone()).toBe(true);
  });

  test('429 with Retry-After as an HTTP date waits until that date', async () => {
    const at = new Date(NOW + 42_000).toUTCString();
    const scope = nock(BASE)
      .get('/devices')
      .reply(429, '', { 'Retry-After': at })
      .get('/devices')
      .reply(200, []);
    const { client, waits } = testClient();
    await client.request({ method: 'GET', path: '/devices' });
    expect(waits).toEqual([42_000]);
    expect(scope.isDone()).toBe(true);
  });

  test('503 without headers backs off, then succeeds', async () => {
    const scope = nock(BASE).get('/x').reply(503, 'busy').get('/x').reply(200, { ok: true });
    const { client, waits } = testClient();
    const res = await client.request({ method: 'GET', path: '/x' });
    expect(res).toMatchObject({ data: { ok: true }, attempts: 2 });
    expect(waits).toEqual([250]); // random 0.5 × base 500 ms
    expect(scope.isDone()).toBe(true);
  });

  test.each([
    ['epoch seconds', String(NOW / 1000 + 30), 30_000],
    ['seconds from now', '12', 12_000],
    ['an ISO date (Jira)', '2026-06-01T12:01Z', 60_000],
  ])('X-RateLimit-Reset as %s', async (_label, reset, expected) => {
    const scope = nock(BASE)
      .get('/x')
      .reply(429, '', { 'X-RateLimit-Reset': reset })
      .get('/x')
      .reply(200, {});
    const { client, waits } = testClient();
    await client.request({ method: 'GET', path: '/x' });
    expect(waits).toEqual([expected]);
    expect(scope.isDone()).toBe(true);
  });

  test('RateLimit-Reset (seconds) is honoured when no other header is given', async () => {
    const scope = nock(BASE)
      .get('/x')
      .reply(429, '', { 'RateLimit-Reset': '3' })
      .get('/x')
      .reply(200, {});
    const { client, waits } = testClient();
    await client.request({ method: 'GET', path: '/x' });
    expect(waits).toEqual([3000]);
    expect(scope.isDone()).toBe(true);
  });

  test('a wait longer than the maximum fails at once with RATE_LIMITED naming the wait', async () => {
    const scope = nock(BASE)
      .get('/x')
      .reply(429, { errorMessages: ['quota'] }, { 'Retry-After': '3600' });
    const { client, waits } = testClient();
    const err = await rejectionOf(client.request({ method: 'GET', path: '/x' }));
    expect(err).toMatchObject({ code: 'RATE_LIMITED', status: 429, attempts: 1, retryable: true });
    expect((err as Error).message).toContain('3600 s');
    expect((err as Error).message).toContain('120 s allowed');
    expect(waits).toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  test('a vendor wait pauses the next request of the same system too', async () => {
    const scope = nock(BASE)
      .get('/a')
      .reply(429, '', { 'Retry-After': '5' })
      .get('/a')
      .reply(200, {})
      .get('/b')
      .reply(200, {});
    const sleeps: string[] = [];
    const clock = new FakeClock();
    let client: AxiosHttpClient | null = null;
    const sleep = async (ms: number): Promise<void> => {
      sleeps.push(`${ms}`);
      if (sleeps.length === 1) {
        // While /a waits, /b starts: it must wait out the same pause before it is sent.
        await client?.request({ method: 'GET', path: '/b' });
        sleeps.push('b done');
      }
      clock.advance(ms);
    };
    client = testClient({ clock, sleep }).client;
    await client.request({ method: 'GET', path: '/a' });
    expect(sleeps).toEqual(['5000', '5000', 'b done']);
    expect(scope.isDone()).toBe(true);
  });
});

describe('AxiosHttpClient: bounded retries', () => {
  test('backoff grows ×2 per retry up to the cap; exhausted retries fail with the attempts', async () => {
    const scope = nock(BASE)
      .get('/x')
      .times(6)
      .reply(502, '<html><title>Bad Gateway</title></html>');
    const retry = new RetryPolicy({
      maxAttempts: 6,
      baseDelayMs: 1000,
      maxDelayMs: 5000,
      random: () => 0.5,
    });
    const { client, waits, stats } = testClient({ retry });
    const err = await rejectionOf(client.request({ method: 'GET', path: '/x' }));
    expect(waits).toEqual([500, 1000, 2000, 2500, 2500]);
    expect(err).toMatchObject({
      code: 'RETRIES_EXHAUSTED',
      status: 502,
      attempts: 6,
      retryable: true,
      vendorMessage: 'Bad Gateway',
    });
    expect((err as Error).message).toContain('gave up after 6 attempts');
    expect(stats.total('vendor-test')).toBe(6);
    expect(scope.isDone()).toBe(true);
  });

  test('500 is retried for GET but not for POST (WRITE_OUTCOME_UNKNOWN)', async () => {
    const scope = nock(BASE)
      .get('/x')
      .reply(500, 'oops')
      .get('/x')
      .reply(200, {})
      .post('/x')
      .reply(500, { error: { message: 'Transaction cancelled', detail: null } });
    const { client, waits } = testClient();
    expect((await client.request({ method: 'GET', path: '/x' })).attempts).toBe(2);
    const err = await rejectionOf(client.request({ method: 'POST', path: '/x', body: {} }));
    expect(err).toMatchObject({ code: 'WRITE_OUTCOME_UNKNOWN', status: 500, attempts: 1 });
    expect((err as Error).message).toContain('look the record up');
    expect(waits).toHaveLength(1);
    expect(scope.isDone()).toBe(true);
  });

  test('POST is retried on 429 and 503 (the vendor did not process it)', async () => {
    const scope = nock(BASE)
      .post('/x')
      .reply(503, '')
      .post('/x')
      .reply(429, '', { 'Retry-After': '1' })
      .post('/x')
      .reply(201, { id: 1 });
    const { client, waits } = testClient();
    const res = await client.request({ method: 'POST', path: '/x', body: { a: 1 } });
    expect(res).toMatchObject({ status: 201, attempts: 3 });
    expect(waits).toEqual([250, 1000]);
    expect(scope.isDone()).toBe(true);
  });

  test('POST with a connection reset is not retried: WRITE_OUTCOME_UNKNOWN', async () => {
    const scope = nock(BASE)
      .post('/v1/object/create')
      .replyWithError(netError('ECONNRESET', 'socket hang up'));
    const { client, waits, stats } = testClient();
    const err = await rejectionOf(
      client.request({ method: 'POST', path: '/v1/object/create', body: { name: 'x' } }),
    );
    expect(err).toMatchObject({ code: 'WRITE_OUTCOME_UNKNOWN', status: null, attempts: 1 });
    expect((err as Error).message).toContain('socket hang up');
    expect((err as Error & { cause: { code: string } }).cause.code).toBe('ECONNRESET');
    expect(waits).toEqual([]);
    expect(stats.snapshot().requests).toEqual([
      { system: 'vendor-test', method: 'POST', statusClass: 'error', count: 1 },
    ]);
    expect(scope.isDone()).toBe(true);
  });

  test('PUT with a connection reset is retried', async () => {
    const scope = nock(BASE)
      .put('/v1/object/5')
      .replyWithError(netError('ECONNRESET', 'socket hang up'))
      .put('/v1/object/5')
      .reply(200, { id: '5' });
    const { client, waits } = testClient();
    const res = await client.request({ method: 'PUT', path: '/v1/object/5', body: {} });
    expect(res).toMatchObject({ status: 200, attempts: 2 });
    expect(waits).toEqual([250]);
    expect(scope.isDone()).toBe(true);
  });

  test('a POST marked idempotent is retried after a reset', async () => {
    const scope = nock(BASE)
      .post('/v1/object/aql')
      .replyWithError(netError('ETIMEDOUT', 'timed out'))
      .post('/v1/object/aql')
      .reply(200, { values: [] });
    const { client } = testClient();
    const res = await client.request({
      method: 'POST',
      path: '/v1/object/aql',
      body: { qlQuery: 'x' },
      idempotent: true,
    });
    expect(res.attempts).toBe(2);
    expect(scope.isDone()).toBe(true);
  });

  test('a refused connection is retried even for POST (nothing was sent)', async () => {
    const scope = nock(BASE)
      .post('/x')
      .replyWithError(netError('ECONNREFUSED', 'connect ECONNREFUSED'))
      .post('/x')
      .reply(201, {});
    const { client } = testClient();
    expect((await client.request({ method: 'POST', path: '/x', body: {} })).attempts).toBe(2);
    expect(scope.isDone()).toBe(true);
  });

  test('an unknown host fails at once with VENDOR_UNREACHABLE', async () => {
    const scope = nock(BASE)
      .get('/x')
      .replyWithError(netError('ENOTFOUND', 'getaddrinfo ENOTFOUND'));
    const { client, waits } = testClient();
    const err = await rejectionOf(client.request({ method: 'GET', path: '/x' }));
    expect(err).toMatchObject({ code: 'VENDOR_UNREACHABLE', attempts: 1 });
    expect(waits).toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  test('a 2xx JSON body cut short is retried for GET', async () => {
    const json = { 'content-type': 'application/json' };
    const scope = nock(BASE)
      .get('/x')
      .reply(200, '{"result":[{"sys_id":"a', json)
      .get('/x')
      .reply(200, '{"result":[]}', json);
    const { client } = testClient();
    const res = await client.request({ method: 'GET', path: '/x' });
    expect(res).toMatchObject({ data: { result: [] }, attempts: 2 });
    expect(scope.isDone()).toBe(true);
  });
});

describe('AxiosHttpClient: failures on a real socket (local server)', () => {
  let server: http.Server;
  let base: string;
  /** Requests seen per path. */
  const hits = new Map<string, number>();

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const path = req.url ?? '';
      const n = (hits.get(path) ?? 0) + 1;
      hits.set(path, n);
      if (n === 1 && path.startsWith('/reset')) {
        req.socket.destroy(); // connection reset after the request arrived
        return;
      }
      if (n === 1 && path.startsWith('/slow')) return; // never answers: the client times out
      if (n === 1 && path.startsWith('/cut')) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
        res.write('{"result":[');
        setImmediate(() => res.socket?.destroy());
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"result":[1]}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const local = () => testClient({ axios: axios.create({ baseURL: base }) });

  test('GET with a body cut short is retried and succeeds', async () => {
    const { client, log } = local();
    const res = await client.request({ method: 'GET', path: '/cut/get' });
    expect(res).toMatchObject({ data: { result: [1] }, attempts: 2 });
    expect(hits.get('/cut/get')).toBe(2);
    const retry = log.records().find((r) => r.level === 40);
    expect(retry).toMatchObject({
      attempt: 1,
      reason: expect.stringMatching(/aborted|reset|hang up/),
    });
  });

  test('POST with a body cut short fails with WRITE_OUTCOME_UNKNOWN', async () => {
    const err = await rejectionOf(
      local().client.request({ method: 'POST', path: '/cut/post', body: {} }),
    );
    expect(err).toMatchObject({ code: 'WRITE_OUTCOME_UNKNOWN', attempts: 1 });
    expect(hits.get('/cut/post')).toBe(1);
  });

  test('POST on a reset connection is sent once: WRITE_OUTCOME_UNKNOWN', async () => {
    const err = await rejectionOf(
      local().client.request({ method: 'POST', path: '/reset/post', body: {} }),
    );
    expect(err).toMatchObject({ code: 'WRITE_OUTCOME_UNKNOWN', status: null, attempts: 1 });
    expect(hits.get('/reset/post')).toBe(1);
  });

  test('PUT on a reset connection is sent again and succeeds', async () => {
    const res = await local().client.request({ method: 'PUT', path: '/reset/put', body: {} });
    expect(res.attempts).toBe(2);
    expect(hits.get('/reset/put')).toBe(2);
  });

  test('a GET that times out is retried; a POST that times out is WRITE_OUTCOME_UNKNOWN', async () => {
    const { client, log } = testClient({ axios: axios.create({ baseURL: base }), timeoutMs: 100 });
    const res = await client.request({ method: 'GET', path: '/slow/get' });
    expect(res.attempts).toBe(2);
    const retry = log.records().find((r) => r.level === 40);
    expect(retry).toMatchObject({ reason: expect.stringMatching(/timeout of 100ms exceeded/) });
    const err = await rejectionOf(
      client.request({ method: 'POST', path: '/slow/post', body: {}, timeoutMs: 50 }),
    );
    expect(err).toMatchObject({ code: 'WRITE_OUTCOME_UNKNOWN', attempts: 1 });
    expect(hits.get('/slow/post')).toBe(1);
  });

  test('a refused connection (closed port) is retried, then RETRIES_EXHAUSTED', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { client, waits } = testClient({
      axios: axios.create({ baseURL: `http://127.0.0.1:${port}` }),
      retry: new RetryPolicy({ maxAttempts: 3, random: () => 0.5 }),
    });
    const err = await rejectionOf(client.request({ method: 'POST', path: '/x', body: {} }));
    expect(err).toMatchObject({ code: 'RETRIES_EXHAUSTED', attempts: 3, status: null });
    expect((err as Error).message).toContain('ECONNREFUSED');
    expect(waits).toEqual([250, 500]);
  });
});

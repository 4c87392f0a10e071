import nock from 'nock';
import axios from 'axios';
import { isAssetbridgeError } from '../../../core/errors';
import { LimiterSet } from '../../../core/http/limiter-set';
import { VendorHttpError } from '../../../core/http/vendor-error';
import { BASE, rejectionOf, testClient, useNock } from './http-test-kit';

useNock();

describe('AxiosHttpClient: answers', () => {
  test('GET returns status, lower-case headers, parsed JSON and one attempt', async () => {
    const scope = nock(BASE)
      .get('/api/now/table/cmdb_ci_computer')
      .query({ sysparm_limit: '2', sysparm_fields: 'sys_id,name' })
      .matchHeader('accept', 'application/json')
      .reply(200, { result: [{ sys_id: 'a1' }] }, { 'X-Total-Count': '1' });
    const { client, waits, stats } = testClient();
    const res = await client.request<{ result: { sys_id: string }[] }>({
      method: 'GET',
      path: '/api/now/table/cmdb_ci_computer',
      query: { sysparm_limit: 2, sysparm_fields: 'sys_id,name', sysparm_offset: undefined },
    });
    expect(res).toEqual({
      status: 200,
      headers: expect.objectContaining({ 'x-total-count': '1' }),
      data: { result: [{ sys_id: 'a1' }] },
      attempts: 1,
    });
    expect(waits).toEqual([]);
    expect(stats.snapshot().requests).toEqual([
      { system: 'vendor-test', method: 'GET', statusClass: '2xx', count: 1 },
    ]);
    expect(scope.isDone()).toBe(true);
  });

  test('POST sends a JSON body; form requests are url-encoded; arrays repeat query keys', async () => {
    const scope = nock(BASE)
      .post('/v1/object/create', { objectTypeId: '7', attributes: [] })
      .matchHeader('content-type', 'application/json')
      .reply(201, { id: '99' })
      .post('/oauth', 'a=1&b=x+y')
      .matchHeader('content-type', 'application/x-www-form-urlencoded')
      .reply(200, 'ok', { 'content-type': 'text/plain' })
      .get('/list?id=1&id=2')
      .reply(204);
    const { client } = testClient();
    const created = await client.request({
      method: 'POST',
      path: '/v1/object/create',
      body: { objectTypeId: '7', attributes: [] },
    });
    expect(created.data).toEqual({ id: '99' });
    const form = await client.request({
      method: 'POST',
      path: '/oauth',
      form: { a: '1', b: 'x y' },
    });
    expect(form.data).toBe('ok');
    const empty = await client.request({ method: 'GET', path: '/list', query: { id: [1, 2] } });
    expect(empty).toMatchObject({ status: 204, data: null });
    expect(scope.isDone()).toBe(true);
  });

  test('an expected 404 is an answer; an unexpected one is VENDOR_HTTP with the vendor message', async () => {
    const body = { error: { message: 'No Record found', detail: 'Record does not exist' } };
    const scope = nock(BASE).get('/api/now/table/x/1').times(2).reply(404, body);
    const { client, waits } = testClient();
    const gone = await client.request({
      method: 'GET',
      path: '/api/now/table/x/1',
      expectStatus: [404],
    });
    expect(gone).toMatchObject({ status: 404, data: body, attempts: 1 });
    const err = await rejectionOf(client.request({ method: 'GET', path: '/api/now/table/x/1' }));
    expect(err).toBeInstanceOf(VendorHttpError);
    expect(err).toMatchObject({
      code: 'VENDOR_HTTP',
      status: 404,
      method: 'GET',
      url: `${BASE}/api/now/table/x/1`,
      vendorMessage: 'No Record found (Record does not exist)',
      retryable: false,
      attempts: 1,
    });
    expect((err as Error).message).toContain('vendor-test');
    expect((err as Error).message).toContain('HTTP 404');
    expect(waits).toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  test('an absolute url (nextLink) on the base origin is followed; another origin is refused', async () => {
    const scope = nock(BASE).get('/v1.0/devices').query({ $skiptoken: 'abc' }).reply(200, []);
    const { client } = testClient();
    const res = await client.request({ method: 'GET', url: `${BASE}/v1.0/devices?$skiptoken=abc` });
    expect(res.data).toEqual([]);
    const err = await rejectionOf(
      client.request({ method: 'GET', url: 'https://evil.example.test/steal' }),
    );
    expect((err as Error).message).toMatch(/refusing to send a request to https:\/\/evil/);
    expect(scope.isDone()).toBe(true);
  });

  test('a redirect is not followed (credentials stay on the vendor host)', async () => {
    const scope = nock(BASE).get('/moved').reply(302, '', { location: 'https://other.test/' });
    const { client } = testClient();
    const err = await rejectionOf(client.request({ method: 'GET', path: '/moved' }));
    expect(err).toMatchObject({ code: 'VENDOR_HTTP', status: 302 });
    expect(scope.isDone()).toBe(true);
  });

  test('a cancelled request fails with REQUEST_ABORTED and is not retried', async () => {
    const controller = new AbortController();
    controller.abort();
    const { client } = testClient();
    const err = await rejectionOf(
      client.request({ method: 'GET', path: '/never', signal: controller.signal }),
    );
    expect(isAssetbridgeError(err, 'REQUEST_ABORTED')).toBe(true);
  });

  test('a request with a limiter class runs through the limiter set', async () => {
    const scope = nock(BASE).post('/v1/object/aql').reply(200, { values: [] });
    const limiters = new LimiterSet({
      system: { maxConcurrent: 1 },
      classes: { aql: { maxConcurrent: 1 } },
    });
    const { client } = testClient({ limiters, axios: axios.create({ baseURL: BASE }) });
    const res = await client.request({
      method: 'POST',
      path: '/v1/object/aql',
      trafficClass: 'aql',
      body: {},
    });
    expect(res.data).toEqual({ values: [] });
    await limiters.stop();
    expect(scope.isDone()).toBe(true);
  });
});

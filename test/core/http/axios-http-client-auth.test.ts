import axios from 'axios';
import nock from 'nock';
import {
  BasicAuth,
  OAuthClientCredentials,
  OAuthPassword,
  type AuthProvider,
} from '../../../core/http/auth-providers';
import { RetryPolicy } from '../../../core/http/retry-policy';
import { BASE, FakeClock, rejectionOf, testClient, useNock } from './http-test-kit';

const TOKEN_HOST = 'https://idp.example.test';
const SECRET = 'S3cret-client-Value-9f2a';
const PASSWORD = 'Pa55word-Planted-3c1d';
const API_KEY = 'ApiKey-Planted-77aa';

useNock();

function oauth(clock: FakeClock): OAuthClientCredentials {
  return new OAuthClientCredentials({
    tokenUrl: `${TOKEN_HOST}/api/oauth/token`,
    clientId: 'jamf-client',
    clientSecret: SECRET,
    http: axios.create(),
    clock,
  });
}

/** A token endpoint that hands out tok-1, tok-2, ... */
function tokenEndpoint(times: number) {
  let n = 0;
  return nock(TOKEN_HOST)
    .post('/api/oauth/token')
    .times(times)
    .reply(() => {
      n += 1;
      return [200, { access_token: `tok-${n}`, token_type: 'Bearer', expires_in: 599 }];
    });
}

describe('AxiosHttpClient: 401 handling', () => {
  test('a 401 invalidates the token once, re-authorizes and retries', async () => {
    const clock = new FakeClock();
    const tokens = tokenEndpoint(2);
    const api = nock(BASE)
      .get('/api/v1/computers-inventory')
      .matchHeader('authorization', 'Bearer tok-1')
      .reply(401, { httpStatus: 401, errors: [{ code: 'INVALID_TOKEN', description: 'expired' }] })
      .get('/api/v1/computers-inventory')
      .matchHeader('authorization', 'Bearer tok-2')
      .reply(200, { totalCount: 0, results: [] });
    const { client, waits, stats } = testClient({ auth: oauth(clock), clock });
    const res = await client.request({ method: 'GET', path: '/api/v1/computers-inventory' });
    expect(res).toMatchObject({ status: 200, attempts: 2 });
    expect(waits).toEqual([]);
    expect(stats.snapshot().retries).toEqual([
      { system: 'vendor-test', reason: 'HTTP 401', count: 1 },
    ]);
    expect(tokens.isDone() && api.isDone()).toBe(true);
  });

  test('a second 401 fails with VENDOR_AUTH', async () => {
    const clock = new FakeClock();
    const tokens = tokenEndpoint(2);
    const api = nock(BASE)
      .get('/x')
      .times(2)
      .reply(401, { errors: [{ code: 'INVALID_TOKEN', description: 'Unauthorized' }] });
    const { client } = testClient({ auth: oauth(clock), clock });
    const err = await rejectionOf(client.request({ method: 'GET', path: '/x' }));
    expect(err).toMatchObject({
      code: 'VENDOR_AUTH',
      status: 401,
      attempts: 2,
      vendorMessage: 'INVALID_TOKEN: Unauthorized',
    });
    expect((err as Error).message).toContain('after a token refresh');
    expect(tokens.isDone() && api.isDone()).toBe(true);
  });

  test('a 401 with fixed credentials fails at once (a refresh cannot help)', async () => {
    const api = nock(BASE)
      .get('/x')
      .reply(401, {
        error: {
          message: 'User Not Authenticated',
          detail: 'Required to provide Auth information',
        },
      });
    const { client } = testClient({ auth: new BasicAuth('admin', PASSWORD) });
    const err = await rejectionOf(client.request({ method: 'GET', path: '/x' }));
    expect(err).toMatchObject({ code: 'VENDOR_AUTH', attempts: 1 });
    expect(api.isDone()).toBe(true);
  });

  test('the 401 retry does not use up the retry budget', async () => {
    const clock = new FakeClock();
    const tokens = tokenEndpoint(2);
    const api = nock(BASE)
      .get('/x')
      .reply(503, '')
      .get('/x')
      .reply(401, '')
      .get('/x')
      .reply(200, {});
    const { client } = testClient({
      auth: oauth(clock),
      clock,
      retry: new RetryPolicy({ maxAttempts: 2, random: () => 0 }),
    });
    expect((await client.request({ method: 'GET', path: '/x' })).attempts).toBe(3);
    expect(tokens.isDone() && api.isDone()).toBe(true);
  });
});

describe('AxiosHttpClient: no credentials in logs', () => {
  test('debug and warn lines and logged errors never hold a secret, token or password', async () => {
    const clock = new FakeClock();
    const SN = 'https://sn.example.test';
    const tokenScope = nock(SN).post('/oauth_token.do').times(2).reply(200, {
      access_token: 'AccessTok-Planted-1234',
      refresh_token: 'RefreshTok-Planted-5678',
      expires_in: 1799,
    });
    const api = nock(SN)
      .get('/api/now/table/cmdb_ci')
      .query(true)
      .reply(429, '', { 'Retry-After': '1' })
      .get('/api/now/table/cmdb_ci')
      .query(true)
      .reply(401, '')
      .get('/api/now/table/cmdb_ci')
      .query(true)
      .reply(200, { result: [] })
      .post('/api/now/table/cmdb_ci')
      .query(true)
      .reply(500, { error: { message: 'boom', detail: null } });
    const auth: AuthProvider = new OAuthPassword({
      tokenUrl: `${SN}/oauth_token.do`,
      clientId: 'cid',
      clientSecret: SECRET,
      username: 'svc',
      password: PASSWORD,
      http: axios.create(),
      clock,
    });
    const { client, log } = testClient({ auth, clock, axios: axios.create({ baseURL: SN }) });
    await client.request({
      method: 'GET',
      path: '/api/now/table/cmdb_ci',
      query: { api_key: API_KEY },
    });
    const err = await rejectionOf(
      client.request({
        method: 'POST',
        path: '/api/now/table/cmdb_ci',
        query: { api_key: API_KEY },
        body: {},
      }),
    );
    log.logger.error({ err }, 'request failed');
    log.logger.flush();
    const all = log.lines.join('\n') + JSON.stringify(err) + String(err);
    expect(log.records().filter((r) => r.msg === 'http request')).toHaveLength(4);
    for (const planted of [SECRET, PASSWORD, API_KEY, 'AccessTok-Planted', 'RefreshTok-Planted']) {
      expect(all).not.toContain(planted);
    }
    expect(all).not.toMatch(/authorization/i);
    expect((err as { url: string }).url).toContain('api_key=[redacted]');
    expect(tokenScope.isDone() && api.isDone()).toBe(true);
  });
});

import { FakeClock, startSn, type SnHarness } from './sn-test-client';

const clock = new FakeClock();
let h: SnHarness;

beforeAll(async () => {
  h = await startSn({ now: clock.now, users: { admin: 'admin', integration: 's3cret' } });
});

afterAll(async () => {
  await h.running.close();
});

beforeEach(async () => {
  await h.http.post('/_sim/reset');
  await h.http.put('/_sim/config', { rateLimitRules: [], tokenLifetimeSeconds: 1799 });
});

const UNAUTHENTICATED = {
  error: { message: 'User Not Authenticated', detail: 'Required to provide Auth information' },
  status: 'failure',
};

function form(values: Record<string, string>): string {
  return new URLSearchParams(values).toString();
}

async function token(values: Record<string, string>) {
  return h.anon.post('/oauth_token.do', form(values), {
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
}

const PASSWORD_GRANT = {
  grant_type: 'password',
  client_id: 'assetbridge',
  client_secret: 'assetbridge-secret',
  username: 'integration',
  password: 's3cret',
};

describe('basic auth', () => {
  test('no credentials and wrong password answer 401 with the platform body', async () => {
    const none = await h.anon.get('/api/now/table/incident');
    expect(none.status).toBe(401);
    expect(none.data).toEqual(UNAUTHENTICATED);
    const wrong = await h.anon.get('/api/now/table/incident', {
      auth: { username: 'admin', password: 'nope' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.data).toEqual(UNAUTHENTICATED);
  });

  test('a configured user gets in and is recorded as sys_created_by', async () => {
    const res = await h.anon.post(
      '/api/now/table/cmn_location',
      { name: 'Lab' },
      { auth: { username: 'integration', password: 's3cret' } },
    );
    expect(res.status).toBe(201);
    expect(res.data.result.sys_created_by).toBe('integration');
  });
});

describe('OAuth', () => {
  test('password grant returns the platform token response', async () => {
    const res = await token(PASSWORD_GRANT);
    expect(res.status).toBe(200);
    expect(Object.keys(res.data).sort()).toEqual(
      ['access_token', 'expires_in', 'refresh_token', 'scope', 'token_type'].sort(),
    );
    expect(res.data).toMatchObject({
      scope: 'useraccount',
      token_type: 'Bearer',
      expires_in: 1799,
    });
    const use = await h.anon.get('/api/now/table/incident', {
      headers: { Authorization: `Bearer ${res.data.access_token}` },
    });
    expect(use.status).toBe(200);
  });

  test('the access token expires after its lifetime; the refresh token gets a new one', async () => {
    await h.http.put('/_sim/config', { tokenLifetimeSeconds: 60 });
    const res = await token(PASSWORD_GRANT);
    const bearer = { headers: { Authorization: `Bearer ${res.data.access_token}` } };
    clock.advance(59);
    expect((await h.anon.get('/api/now/table/incident', bearer)).status).toBe(200);
    clock.advance(2);
    const expired = await h.anon.get('/api/now/table/incident', bearer);
    expect(expired.status).toBe(401);
    expect(expired.data).toEqual(UNAUTHENTICATED);
    const refreshed = await token({
      grant_type: 'refresh_token',
      client_id: 'assetbridge',
      client_secret: 'assetbridge-secret',
      refresh_token: res.data.refresh_token,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.data.access_token).not.toBe(res.data.access_token);
    const again = await h.anon.get('/api/now/table/incident', {
      headers: { Authorization: `Bearer ${refreshed.data.access_token}` },
    });
    expect(again.status).toBe(200);
  });

  test('client_credentials grant acts as the application user, without a refresh token', async () => {
    const res = await token({
      grant_type: 'client_credentials',
      client_id: 'assetbridge',
      client_secret: 'assetbridge-secret',
    });
    expect(res.status).toBe(200);
    expect(res.data.refresh_token).toBeUndefined();
  });

  test('bad client secret or password is refused with 401', async () => {
    const badSecret = await token({ ...PASSWORD_GRANT, client_secret: 'x' });
    expect(badSecret.status).toBe(401);
    expect(badSecret.data).toEqual({ error_description: 'access_denied', error: 'server_error' });
    expect((await token({ ...PASSWORD_GRANT, password: 'x' })).status).toBe(401);
    expect((await token({ ...PASSWORD_GRANT, grant_type: 'magic' })).status).toBe(401);
  });
});

describe('rate limit rules', () => {
  test('no rule: no rate-limit headers', async () => {
    const res = await h.http.get('/api/now/table/incident');
    expect(res.headers['x-ratelimit-limit']).toBeUndefined();
  });

  test('over the limit: 429 with Retry-After, X-RateLimit-* headers and the platform body', async () => {
    await h.http.put('/_sim/config', { rateLimitRules: [{ limit: 2, api: 'table' }] });
    const ok = await h.http.get('/api/now/table/incident');
    expect(ok.status).toBe(200);
    expect(ok.headers['x-ratelimit-limit']).toBe('2');
    expect(ok.headers['x-ratelimit-rule']).toMatch(/^[0-9a-f]{32}$/);
    expect(ok.headers['x-ratelimit-remaining']).toBeUndefined();
    await h.http.get('/api/now/table/incident');
    const limited = await h.http.get('/api/now/table/incident');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    const reset = Number(limited.headers['x-ratelimit-reset']);
    expect(reset).toBeGreaterThan(Math.floor(clock.ms / 1000));
    expect(limited.data).toEqual({
      error: {
        message: 'Rate limit exceeded',
        detail: 'Rate limit of 2 requests per hour for Table API exceeded',
      },
      status: 'failure',
    });
    // The IRE is a different API and has no rule.
    const ire = await h.http.post('/api/now/identifyreconcile?sysparm_data_source=ServiceNow', {
      items: [],
    });
    expect(ire.status).toBe(200);
    clock.advance(3600);
    expect((await h.http.get('/api/now/table/incident')).status).toBe(200);
  });

  test('a rule for one user beats the all-users rule; Remaining appears when the quirk is off', async () => {
    await h.http.put('/_sim/config', {
      rateLimitRules: [{ limit: 1 }, { limit: 5, user: 'admin' }],
      quirks: { noRateLimitRemaining: false },
    });
    const res = await h.http.get('/api/now/table/incident');
    expect(res.headers['x-ratelimit-limit']).toBe('5');
    expect(res.headers['x-ratelimit-remaining']).toBe('4');
    const other = { auth: { username: 'integration', password: 's3cret' } };
    expect((await h.anon.get('/api/now/table/incident', other)).status).toBe(200);
    expect((await h.anon.get('/api/now/table/incident', other)).status).toBe(429);
    await h.http.put('/_sim/config', { quirks: { noRateLimitRemaining: true } });
  });

  test('a bad config body is rejected with a message naming the field', async () => {
    const res = await h.http.put('/_sim/config', { rateLimitRules: [{ limit: -1 }] });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.data)).toContain('rateLimitRules.0.limit');
  });
});

import { clientToken, startJamf, type JamfHarness } from './jamf-test-client';

let clock = Date.parse('2026-12-01T00:00:00Z');
let h: JamfHarness;

beforeAll(async () => {
  h = await startJamf({ now: () => clock, config: { tokenLifetimeSeconds: 60 } });
});
afterAll(async () => {
  await h.running.close();
});

async function post(path: string, headers: Record<string, string>, body?: string) {
  const res = await fetch(`${h.running.url}${path}`, { method: 'POST', headers, body });
  const text = await res.text();
  return {
    status: res.status,
    body: text === '' ? null : (JSON.parse(text) as Record<string, unknown>),
  };
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const basic = (user: string, pass: string) => ({
  authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`,
});

describe('Jamf Pro auth', () => {
  test.each(['/api/oauth/token', '/api/v1/oauth/token'])(
    'client credentials at %s',
    async (path) => {
      const res = await post(
        path,
        FORM,
        'grant_type=client_credentials&client_id=assetbridge-client&client_secret=assetbridge-secret',
      );
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        access_token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
        scope: 'api-role:1',
        token_type: 'Bearer',
        expires_in: 59,
      });
      const claims = JSON.parse(
        Buffer.from(String(res.body?.access_token).split('.')[1] as string, 'base64url').toString(),
      ) as Record<string, unknown>;
      expect(claims['authentication-type']).toBe('CLIENT_CREDENTIALS');
      expect(Number(claims.exp) - Number(claims.iat)).toBe(60);
    },
  );

  test('a wrong secret or grant gets the OAuth error body', async () => {
    const wrong = await post(
      '/api/oauth/token',
      FORM,
      'grant_type=client_credentials&client_id=assetbridge-client&client_secret=nope',
    );
    expect(wrong).toEqual({
      status: 401,
      body: { error: 'invalid_client', error_description: expect.any(String) },
    });
    const noGrant = await post(
      '/api/oauth/token',
      FORM,
      'client_id=assetbridge-client&client_secret=assetbridge-secret',
    );
    expect(noGrant.status).toBe(400);
    expect(noGrant.body?.error).toBe('invalid_request');
    const badGrant = await post(
      '/api/oauth/token',
      FORM,
      'grant_type=password&client_id=a&client_secret=b',
    );
    expect(badGrant.body?.error).toBe('unsupported_grant_type');
  });

  test('basic auth exchanges for a user token; keep-alive replaces it; invalidate ends it', async () => {
    const res = await post('/api/v1/auth/token', basic('assetbridge', 'assetbridge-password'));
    expect(res.status).toBe(200);
    expect(res.body?.expires).toBe(new Date(clock + 1800_000).toISOString());
    const first = String(res.body?.token);
    const kept = await post('/api/v1/auth/keep-alive', { authorization: `Bearer ${first}` });
    expect(kept.status).toBe(200);
    const second = String(kept.body?.token);
    expect(second).not.toBe(first);
    expect(
      (await post('/api/v1/auth/keep-alive', { authorization: `Bearer ${first}` })).status,
    ).toBe(401);
    const ok = await fetch(`${h.running.url}/api/v1/jamf-pro-version`, {
      headers: { authorization: `Bearer ${second}` },
    });
    expect(ok.status).toBe(200);
    expect(
      (await post('/api/v1/auth/invalidate-token', { authorization: `Bearer ${second}` })).status,
    ).toBe(204);
    const after = await fetch(`${h.running.url}/api/v1/jamf-pro-version`, {
      headers: { authorization: `Bearer ${second}` },
    });
    expect(after.status).toBe(401);
  });

  test('wrong basic credentials get 401 with the ApiError body', async () => {
    const res = await post('/api/v1/auth/token', basic('assetbridge', 'wrong'));
    expect(res).toEqual({ status: 401, body: { httpStatus: 401, errors: [] } });
  });

  test('calls without a token, or with an expired one, get 401', async () => {
    const none = await fetch(`${h.running.url}/api/v4/computers-inventory`);
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ httpStatus: 401, errors: [] });
    const token = await clientToken(h.running.url);
    const headers = { authorization: `Bearer ${token}` };
    expect((await fetch(`${h.running.url}/api/v4/computers-inventory`, { headers })).status).toBe(
      200,
    );
    clock += 59_000;
    expect((await fetch(`${h.running.url}/api/v4/computers-inventory`, { headers })).status).toBe(
      200,
    );
    clock += 1_000;
    const expired = await fetch(`${h.running.url}/api/v4/computers-inventory`, { headers });
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({ httpStatus: 401, errors: [] });
  });

  test('the token lifetime can be changed through /_sim/config', async () => {
    const res = await h.control('PUT', '/config', { tokenLifetimeSeconds: 5 });
    expect(res.status).toBe(200);
    const token = await post(
      '/api/v1/oauth/token',
      FORM,
      'grant_type=client_credentials&client_id=assetbridge-client&client_secret=assetbridge-secret',
    );
    expect(token.body?.expires_in).toBe(4);
    const bad = await h.control('PUT', '/config', { tokenLifetimeSeconds: 'soon' });
    expect(bad.status).toBe(400);
  });
});

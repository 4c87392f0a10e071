import axios from 'axios';
import nock from 'nock';
import {
  BasicAuth,
  BearerTokenAuth,
  OAuthClientCredentials,
  OAuthPassword,
  TokenExchangeAuth,
} from '../../../core/http/auth-providers';
import { VendorHttpError } from '../../../core/http/vendor-error';
import { FakeClock, rejectionOf, useNock } from './http-test-kit';

const IDP = 'https://login.example.test';
const CLIENT_SECRET = 'cs-Planted-Secret-7731';
const PASSWORD = 'pw-Planted-Password-5512';

useNock();

async function authHeader(auth: { authorize(h: Record<string, string>): Promise<void> }) {
  const headers: Record<string, string> = {};
  await auth.authorize(headers);
  return headers.authorization;
}

function clientCredentials(clock: FakeClock, extra: { clientAuth?: 'form' | 'basic' } = {}) {
  return new OAuthClientCredentials({
    tokenUrl: `${IDP}/tenant/oauth2/v2.0/token`,
    clientId: 'app-1',
    clientSecret: CLIENT_SECRET,
    scope: 'https://graph.microsoft.com/.default',
    http: axios.create(),
    clock,
    refreshSkewSeconds: 60,
    ...extra,
  });
}

describe('fixed credentials', () => {
  test('BasicAuth and BearerTokenAuth set the header and are not refreshable', async () => {
    const basic = new BasicAuth('svc', 'p@ss');
    expect(await authHeader(basic)).toBe(`Basic ${Buffer.from('svc:p@ss').toString('base64')}`);
    expect(basic.refreshable).toBe(false);
    const bearer = new BearerTokenAuth('tok-1');
    expect(await authHeader(bearer)).toBe('Bearer tok-1');
    expect(bearer.refreshable).toBe(false);
  });
});

describe('OAuthClientCredentials', () => {
  test('posts the form, caches the token and fetches a new one 60 s before expiry', async () => {
    const scope = nock(IDP)
      .post('/tenant/oauth2/v2.0/token', {
        grant_type: 'client_credentials',
        client_id: 'app-1',
        client_secret: CLIENT_SECRET,
        scope: 'https://graph.microsoft.com/.default',
      })
      .reply(200, { token_type: 'Bearer', expires_in: 3599, access_token: 'tok-A' })
      .post('/tenant/oauth2/v2.0/token')
      .reply(200, { token_type: 'Bearer', expires_in: 3599, access_token: 'tok-B' });
    const clock = new FakeClock();
    const auth = clientCredentials(clock);
    expect(await authHeader(auth)).toBe('Bearer tok-A');
    clock.advance(3599_000 - 61_000);
    expect(await authHeader(auth)).toBe('Bearer tok-A');
    clock.advance(2_000); // now 59 s before expiry: inside the skew
    expect(await authHeader(auth)).toBe('Bearer tok-B');
    expect(scope.isDone()).toBe(true);
  });

  test('invalidate() forces a new token', async () => {
    const scope = nock(IDP)
      .post('/tenant/oauth2/v2.0/token')
      .reply(200, { expires_in: 599, access_token: 'tok-A' })
      .post('/tenant/oauth2/v2.0/token')
      .reply(200, { expires_in: 599, access_token: 'tok-B' });
    const auth = clientCredentials(new FakeClock());
    expect(await authHeader(auth)).toBe('Bearer tok-A');
    auth.invalidate();
    expect(await authHeader(auth)).toBe('Bearer tok-B');
    expect(scope.isDone()).toBe(true);
  });

  test('a 60 s token (Jamf) is reused for half its life, not fetched on every call', async () => {
    const scope = nock(IDP)
      .post('/tenant/oauth2/v2.0/token')
      .reply(200, { expires_in: 60, access_token: 'short-1' })
      .post('/tenant/oauth2/v2.0/token')
      .reply(200, { expires_in: 60, access_token: 'short-2' });
    const clock = new FakeClock();
    const auth = clientCredentials(clock);
    expect(await authHeader(auth)).toBe('Bearer short-1');
    clock.advance(29_000);
    expect(await authHeader(auth)).toBe('Bearer short-1');
    clock.advance(1_000);
    expect(await authHeader(auth)).toBe('Bearer short-2');
    expect(scope.isDone()).toBe(true);
  });

  test('concurrent callers share one token request', async () => {
    let calls = 0;
    const scope = nock(IDP)
      .post('/tenant/oauth2/v2.0/token')
      .delay(30)
      .reply(() => {
        calls += 1;
        return [200, { expires_in: 3599, access_token: 'shared' }];
      });
    const auth = clientCredentials(new FakeClock());
    const headers = await Promise.all(Array.from({ length: 8 }, () => authHeader(auth)));
    expect(headers).toEqual(Array(8).fill('Bearer shared'));
    expect(calls).toBe(1);
    expect(scope.isDone()).toBe(true);
  });

  test('client credentials can go in a basic header instead of the form', async () => {
    const basic = `Basic ${Buffer.from(`app-1:${CLIENT_SECRET}`).toString('base64')}`;
    const scope = nock(IDP)
      .post(
        '/tenant/oauth2/v2.0/token',
        (body: Record<string, string>) => body.client_secret === undefined,
      )
      .matchHeader('authorization', basic)
      .reply(200, { expires_in: 3599, access_token: 'tok' });
    const auth = clientCredentials(new FakeClock(), { clientAuth: 'basic' });
    expect(await authHeader(auth)).toBe('Bearer tok');
    expect(scope.isDone()).toBe(true);
  });

  test('a token endpoint error is VENDOR_AUTH with the vendor text and without the secret', async () => {
    const scope = nock(IDP)
      .post('/tenant/oauth2/v2.0/token')
      .reply(401, {
        error: 'invalid_client',
        error_description: `AADSTS7000215: Invalid client secret provided: ${CLIENT_SECRET}`,
      });
    const auth = clientCredentials(new FakeClock());
    const err = await rejectionOf(authHeader(auth));
    expect(err).toBeInstanceOf(VendorHttpError);
    expect(err).toMatchObject({ code: 'VENDOR_AUTH', status: 401 });
    const text = `${(err as Error).message} ${JSON.stringify(err)} ${(err as VendorHttpError).body}`;
    expect(text).toContain('invalid_client: AADSTS7000215');
    expect(text).not.toContain(CLIENT_SECRET);
    expect(scope.isDone()).toBe(true);
  });

  test('a token response without access_token is VENDOR_AUTH naming the field', async () => {
    const scope = nock(IDP).post('/tenant/oauth2/v2.0/token').reply(200, { token_type: 'Bearer' });
    const err = await rejectionOf(authHeader(clientCredentials(new FakeClock())));
    expect(err).toMatchObject({ code: 'VENDOR_AUTH' });
    expect((err as Error).message).toContain('access_token');
    expect(scope.isDone()).toBe(true);
  });

  test('a failed token request is not cached: the next call tries again', async () => {
    const scope = nock(IDP)
      .post('/tenant/oauth2/v2.0/token')
      .reply(500, 'down')
      .post('/tenant/oauth2/v2.0/token')
      .reply(200, { expires_in: 3599, access_token: 'tok' });
    const auth = clientCredentials(new FakeClock());
    await expect(authHeader(auth)).rejects.toMatchObject({ code: 'VENDOR_AUTH', status: 500 });
    expect(await authHeader(auth)).toBe('Bearer tok');
    expect(scope.isDone()).toBe(true);
  });
});

describe('OAuthPassword (ServiceNow)', () => {
  const SN = 'https://dev1.service-now.example.test';
  const make = (clock: FakeClock) =>
    new OAuthPassword({
      tokenUrl: `${SN}/oauth_token.do`,
      clientId: 'cid',
      clientSecret: CLIENT_SECRET,
      username: 'integration',
      password: PASSWORD,
      http: axios.create(),
      clock,
    });

  test('password grant first, then the refresh token; password again when refresh fails', async () => {
    const client = { client_id: 'cid', client_secret: CLIENT_SECRET };
    const scope = nock(SN)
      .post('/oauth_token.do', {
        grant_type: 'password',
        username: 'integration',
        password: PASSWORD,
        ...client,
      })
      .reply(200, {
        expires_in: 1799,
        access_token: 'a1',
        refresh_token: 'r1',
        token_type: 'Bearer',
      })
      .post('/oauth_token.do', { grant_type: 'refresh_token', refresh_token: 'r1', ...client })
      .reply(200, { expires_in: 1799, access_token: 'a2', refresh_token: 'r2' })
      .post('/oauth_token.do', { grant_type: 'refresh_token', refresh_token: 'r2', ...client })
      .reply(401, { error: 'invalid_grant', error_description: 'refresh token expired' })
      .post('/oauth_token.do', {
        grant_type: 'password',
        username: 'integration',
        password: PASSWORD,
        ...client,
      })
      .reply(200, { expires_in: 1799, access_token: 'a3', refresh_token: 'r3' });
    const clock = new FakeClock();
    const auth = make(clock);
    expect(await authHeader(auth)).toBe('Bearer a1');
    clock.advance(1800_000);
    expect(await authHeader(auth)).toBe('Bearer a2');
    auth.invalidate();
    expect(await authHeader(auth)).toBe('Bearer a3');
    expect(scope.isDone()).toBe(true);
  });

  test('a rejected password is VENDOR_AUTH without the password', async () => {
    const scope = nock(SN)
      .post('/oauth_token.do')
      .reply(401, { error: 'access_denied', error_description: 'access_denied' });
    const err = await rejectionOf(authHeader(make(new FakeClock())));
    expect(err).toMatchObject({
      code: 'VENDOR_AUTH',
      status: 401,
      vendorMessage: 'access_denied: access_denied',
    });
    expect(JSON.stringify(err) + String(err)).not.toContain(PASSWORD);
    expect(scope.isDone()).toBe(true);
  });
});

describe('TokenExchangeAuth (Jamf basic → bearer)', () => {
  test('uses the fetched token until shortly before expiresAt', async () => {
    const clock = new FakeClock();
    let n = 0;
    const auth = new TokenExchangeAuth({
      fetchToken: async () => {
        n += 1;
        return { token: `jamf-${n}`, expiresAt: clock.now() + 30 * 60_000 };
      },
      clock,
    });
    expect(await authHeader(auth)).toBe('Bearer jamf-1');
    clock.advance(28 * 60_000);
    expect(await authHeader(auth)).toBe('Bearer jamf-1');
    clock.advance(60_000);
    expect(await authHeader(auth)).toBe('Bearer jamf-2');
    expect(auth.refreshable).toBe(true);
  });
});

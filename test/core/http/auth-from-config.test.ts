import axios from 'axios';
import nock from 'nock';
import type { ConnectorConfig } from '../../../core/config/config-schema';
import type { ConnectorSecrets } from '../../../core/config/secrets';
import {
  BasicAuth,
  BearerTokenAuth,
  OAuthClientCredentials,
  OAuthPassword,
} from '../../../core/http/auth-providers';
import { authProviderFor } from '../../../core/http/auth-from-config';
import { AxiosHttpClient } from '../../../core/http/axios-http-client';
import { LimiterSet } from '../../../core/http/limiter-set';
import { limiterSettingsFor } from '../../../core/http/rate-limit-defaults';
import { FakeClock, captureLogger, recordingSleep, useNock } from './http-test-kit';

useNock();

const secrets = (values: Record<string, string>) => values as unknown as ConnectorSecrets;
const http = axios.create();

describe('authProviderFor', () => {
  test.each([
    [
      { kind: 'basic', usernameEnv: 'U', passwordEnv: 'P' },
      { username: 'u', password: 'p' },
      BasicAuth,
    ],
    [{ kind: 'api_token', emailEnv: 'E', tokenEnv: 'T' }, { email: 'e@x', token: 't' }, BasicAuth],
    [{ kind: 'bearer', tokenEnv: 'T' }, { token: 't' }, BearerTokenAuth],
    [
      { kind: 'oauth_client_credentials', clientIdEnv: 'I', clientSecretEnv: 'S' },
      { clientId: 'i', clientSecret: 's', tokenUrl: 'https://t.test/token' },
      OAuthClientCredentials,
    ],
    [
      {
        kind: 'oauth_password',
        clientIdEnv: 'I',
        clientSecretEnv: 'S',
        usernameEnv: 'U',
        passwordEnv: 'P',
      },
      { clientId: 'i', clientSecret: 's', username: 'u', password: 'p' },
      OAuthPassword,
    ],
  ] as const)('%j', (auth, values, kind) => {
    const provider = authProviderFor(
      { name: 'c1', auth: auth as ConnectorConfig['auth'] },
      secrets({ kind: auth.kind, ...values }),
      { http, defaultTokenUrl: 'https://default.test/token' },
    );
    expect(provider).toBeInstanceOf(kind);
  });

  test('an empty secret or a missing token URL is CONFIG_INVALID naming the connector', () => {
    const auth = {
      kind: 'oauth_client_credentials',
      clientIdEnv: 'I',
      clientSecretEnv: 'S',
    } as const;
    expect(() =>
      authProviderFor(
        { name: 'graph-1', auth },
        secrets({ kind: auth.kind, clientId: 'i', clientSecret: '' }),
        {
          http,
          defaultTokenUrl: 'https://t.test',
        },
      ),
    ).toThrow(/connector graph-1: auth secret clientSecret is empty/);
    expect(() =>
      authProviderFor(
        { name: 'graph-1', auth },
        secrets({ kind: auth.kind, clientId: 'i', clientSecret: 's' }),
        {
          http,
        },
      ),
    ).toThrow(/connector graph-1: auth.tokenUrl is required/);
  });
});

describe('a connector client built from config', () => {
  test('Jamf: default limits, OAuth token from the default URL, bearer on requests', async () => {
    const base = 'https://acme.jamfcloud.test';
    const scope = nock(base)
      .post('/api/oauth/token', {
        grant_type: 'client_credentials',
        client_id: 'id',
        client_secret: 'sec',
      })
      .reply(200, { access_token: 'jwt-1', expires_in: 599 })
      .get('/api/v1/computers-inventory')
      .query({ 'page-size': '100' })
      .matchHeader('authorization', 'Bearer jwt-1')
      .reply(200, { totalCount: 0, results: [] });
    const clock = new FakeClock();
    const connector = {
      name: 'jamf-prod',
      auth: { kind: 'oauth_client_credentials', clientIdEnv: 'I', clientSecretEnv: 'S' },
    } as const;
    const auth = authProviderFor(
      connector,
      secrets({ kind: 'oauth_client_credentials', clientId: 'id', clientSecret: 'sec' }),
      { http, clock, defaultTokenUrl: `${base}/api/oauth/token` },
    );
    const settings = limiterSettingsFor('jamf', { minTimeMs: 0 });
    expect(settings.system).toEqual({ maxConcurrent: 5, minTimeMs: 0 });
    const limiters = new LimiterSet(settings);
    const client = new AxiosHttpClient({
      system: connector.name,
      axios: axios.create({ baseURL: base }),
      logger: captureLogger().logger,
      auth,
      limiters,
      clock,
      sleep: recordingSleep(clock).sleep,
    });
    const res = await client.request({
      method: 'GET',
      path: '/api/v1/computers-inventory',
      query: { 'page-size': 100 },
    });
    expect(res.data).toEqual({ totalCount: 0, results: [] });
    await limiters.stop();
    expect(scope.isDone()).toBe(true);
  });
});

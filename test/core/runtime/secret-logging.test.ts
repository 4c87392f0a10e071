import { resolveSecrets } from '../../../core/config/secrets';
import { AssetbridgeConfig } from '../../../core/config/config-schema';
import { createLogger } from '../../../core/logging/logger';
import { scrubbingDestination, secretValues } from '../../../core/runtime/secret-scrubber';
import { fakeConnector } from './fake-connector';
import {
  API_TOKEN,
  eventsBody,
  startHarness,
  WEBHOOK_SECRET,
  type Harness,
} from './runtime-harness';

const CLIENT_SECRET = 'cs-PLANTED-0a7d55e19b';
const PG_PASSWORD = 'pgpw-PLANTED-c4e2';

const config = AssetbridgeConfig.parse({
  version: 1,
  store: { kind: 'postgres', urlEnv: 'PG_URL' },
  connectors: [
    {
      name: 'jamf-prod',
      type: 'jamf',
      baseUrl: 'https://example.jamfcloud.com',
      auth: {
        kind: 'oauth_client_credentials',
        clientIdEnv: 'JAMF_ID',
        clientSecretEnv: 'JAMF_SECRET',
      },
      mapping: 'jamf.yaml',
      schedule: {},
    },
  ],
});
const env = {
  PG_URL: `postgres://sync:${PG_PASSWORD}@db.internal:5432/assetbridge`,
  JAMF_ID: 'client-id-1',
  JAMF_SECRET: CLIENT_SECRET,
};
const PLANTED = [WEBHOOK_SECRET, API_TOKEN, CLIENT_SECRET, PG_PASSWORD];

describe('secrets never reach the logs (debug level)', () => {
  let h: Harness;
  const resolved = resolveSecrets(config, env);

  beforeAll(async () => {
    let attempt = 0;
    h = await startHarness({
      connectors: [fakeConnector('fake-1', WEBHOOK_SECRET)],
      handle: async (connector, events, log) => {
        // what a careless sync engine might log: config, resolved secrets, auth headers
        log.debug({ config: config.connectors[0], secrets: resolved.connectors.get('jamf-prod') });
        log.debug({
          headers: { authorization: `Bearer ${API_TOKEN}` },
          clientSecret: CLIENT_SECRET,
        });
        if (++attempt === 1) throw new Error('vendor refused the request');
      },
    });
  });
  afterAll(() => h.close());

  test('through accept, reject, processing, failures and the read API', async () => {
    expect((await h.post('fake-1', eventsBody('c:1'), { deliveryId: 's-1' })).status).toBe(202);
    expect((await h.post('fake-1', eventsBody('c:2'), { secret: 'wrong' })).status).toBe(401);
    expect((await h.post('fake-1', '{oops', { deliveryId: 's-2' })).status).toBe(400);
    await h.runtime.processor.runOnce();
    h.now.value = new Date(h.now.value.getTime() + 3_600_000);
    await h.runtime.processor.runOnce();
    const bad = await fetch(`${h.url}/api/assets`, { headers: { authorization: 'Bearer guess' } });
    expect(bad.status).toBe(401);
    const good = await fetch(`${h.url}/api/assets`, {
      headers: { authorization: `Bearer ${API_TOKEN}` },
    });
    expect(good.status).toBe(200);

    const text = h.lines.join('');
    expect(h.lines.length).toBeGreaterThan(5);
    expect(text).toContain('"level":20'); // debug lines were captured
    expect(text).toContain('[redacted]');
    for (const secret of PLANTED) expect(text).not.toContain(secret);
  });
});

describe('scrubbingDestination', () => {
  test('replaces every known secret value, raw or JSON-escaped, in any part of a line', () => {
    const lines: string[] = [];
    const secrets = secretValues(resolveSecrets(config, env), [API_TOKEN, 'a"b\\c-quoted', null]);
    expect(secrets).toEqual(expect.arrayContaining([CLIENT_SECRET, PG_PASSWORD, API_TOKEN]));
    expect(secrets).not.toContain('client-id-1');
    const logger = createLogger({
      level: 'debug',
      destination: scrubbingDestination(secrets, { write: (s: string) => lines.push(s) }),
    });
    logger.debug(`token endpoint rejected ${CLIENT_SECRET}`);
    logger.error({ err: new Error(`connect ${env.PG_URL} failed`) }, 'store down');
    logger.info({ note: 'a"b\\c-quoted' }, `api ${API_TOKEN}`);
    const text = lines.join('');
    for (const secret of [...PLANTED.slice(1), 'a\\"b\\\\c-quoted'])
      expect(text).not.toContain(secret);
    expect(text).toContain('token endpoint rejected [redacted]');
    expect(text).toContain('store down');
  });

  test('with no secrets it is the destination itself', () => {
    const dest = { write: () => undefined };
    expect(scrubbingDestination([], dest)).toBe(dest);
  });
});

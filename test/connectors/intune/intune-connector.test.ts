import { intuneConnector } from '../../../connectors/intune';
import { tokenUrlOf, intuneOptionsSchema } from '../../../connectors/intune/intune-options';
import { createHttpFactory } from '../../../core/http/http-factory';
import { RequestStats } from '../../../core/http/request-stats';
import { silentLogger } from '../../../core/logging/logger';
import type { AuthConfig } from '../../../core/config/config-schema';
import type { ConnectorSecrets } from '../../../core/config/secrets';
import { MAPPING, intuneWorld } from './intune-sync-harness';

const deps = (auth: Record<string, string>, baseUrl = 'https://graph.microsoft.com') => ({
  name: 'intune-prod',
  config: {
    name: 'intune-prod',
    type: 'intune',
    baseUrl,
    auth: auth as AuthConfig,
    mapping: 'm.yaml',
    enabled: true,
  },
  options: intuneOptionsSchema.parse({ tenantId: 'contoso.onmicrosoft.com' }),
  secrets: {
    kind: 'oauth_client_credentials',
    clientId: 'id',
    clientSecret: 's',
  } as ConnectorSecrets,
  mapping: MAPPING,
  http: createHttpFactory({
    system: 'intune-prod',
    type: 'intune',
    logger: silentLogger(),
    stats: new RequestStats(),
  }),
  logger: silentLogger(),
  clock: () => new Date(),
});

describe('intuneConnector module', () => {
  test('options default to the public authority, full pages and list-only reads', () => {
    const options = intuneOptionsSchema.parse({ tenantId: 't1' });
    expect(options).toEqual({
      tenantId: 't1',
      authority: 'https://login.microsoftonline.com',
      pageSize: 1000,
      readDetailsForChanged: false,
    });
    expect(tokenUrlOf({ ...options, authority: 'http://127.0.0.1:9/' })).toBe(
      'http://127.0.0.1:9/t1/oauth2/v2.0/token',
    );
    expect(intuneOptionsSchema.safeParse({}).success).toBe(false);
    expect(intuneOptionsSchema.safeParse({ tenantId: 't', pageSize: 5000 }).success).toBe(false);
  });

  test('reads and writes, takes no webhooks, and needs client-credentials auth', () => {
    expect(intuneConnector).toMatchObject({
      type: 'intune',
      capabilities: { read: true, write: true, webhooks: false, tickets: false },
    });
    const ok = intuneConnector.create(
      deps({ kind: 'oauth_client_credentials', clientIdEnv: 'A', clientSecretEnv: 'B' }),
    );
    expect(ok.read).toBeDefined();
    expect(ok.writer?.create).toBeUndefined();
    expect(() =>
      intuneConnector.create(deps({ kind: 'basic', usernameEnv: 'A', passwordEnv: 'B' })),
    ).toThrow(/auth.kind must be oauth_client_credentials for intune/);
  });

  test('a checkpoint that is not a nextLink of this Graph host restarts the read', async () => {
    const w = await intuneWorld({ emptyPageRate: 0 });
    try {
      await w.control('POST', '/seed', { replace: true, value: [{ id: 'a' }, { id: 'b' }] });
      const c = w.connector({ pageSize: 1 });
      const pages = c.read!({
        mode: 'full',
        watermark: null,
        checkpoint: 'https://evil.example/x',
      });
      const seen: string[] = [];
      for await (const page of pages) seen.push(...page.records.map((r) => r.externalId));
      expect(seen).toEqual(['a', 'b']);
      const { requests } = (await w.control('GET', '/requests')) as {
        requests: { query: string }[];
      };
      expect(requests.some((r) => r.query.includes('evil'))).toBe(false);
    } finally {
      await w.close();
    }
  });
});

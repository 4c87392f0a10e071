import fs from 'node:fs';
import path from 'node:path';
import { buildConnectors } from '../../../cli/commands/sync-command';
import { LimiterRegistry } from '../../../core/http/limiter-registry';
import { limiterScopeFor } from '../../../core/http/rate-limit-defaults';
import { RequestStats } from '../../../core/http/request-stats';
import { testCli, type TestCli } from './cli-test-context';

const MAPPING = path.join(__dirname, '../../../mappings/intune-managed-devices.yaml');

let cli: TestCli;
beforeEach(() => (cli = testCli()));
afterEach(() => cli.cleanup());

function intuneInstance(name: string, tenantId: string, clientIdEnv: string): string {
  return [
    `  - name: ${name}`,
    '    type: intune',
    '    baseUrl: https://graph.microsoft.com',
    `    auth: { kind: oauth_client_credentials, clientIdEnv: ${clientIdEnv}, clientSecretEnv: SECRET }`,
    `    mapping: ${MAPPING}`,
    `    options: { tenantId: ${tenantId} }`,
  ].join('\n');
}

describe('buildConnectors', () => {
  test('Intune instances of one tenant and app get one limiter set, under one tenant set', async () => {
    const file = path.join(cli.cwd, 'assetbridge.yaml');
    fs.writeFileSync(
      file,
      [
        'version: 1',
        'store: { kind: sqlite, file: s.db }',
        'connectors:',
        intuneInstance('intune-eu', 'contoso', 'APP_ONE'),
        intuneInstance('intune-us', 'contoso', 'APP_ONE_AGAIN'),
        intuneInstance('intune-lab', 'contoso', 'APP_TWO'),
        '',
      ].join('\n'),
    );
    const env = { APP_ONE: 'app-1', APP_ONE_AGAIN: 'app-1', APP_TWO: 'app-2', SECRET: 's' };
    const ctx = cli.ctx({ config: file }, env);
    const registry = new LimiterRegistry();
    const connectors = buildConnectors(ctx, new RequestStats(), registry);
    expect([...connectors.keys()]).toEqual(['intune-eu', 'intune-us', 'intune-lab']);

    const scope = (clientId: string) =>
      limiterScopeFor({
        name: 'x',
        type: 'intune',
        baseUrl: 'https://graph.microsoft.com',
        tenantId: 'contoso',
        clientId,
      });
    expect(registry.keys()).toEqual(
      [scope('app-1').upstream!.key, scope('app-1').key, scope('app-2').key].sort(),
    );
    for (const c of connectors.values()) await c.connector.close?.();
    await registry.stop();
  });
});

import { serveCommand, type ServeHooks } from '../../../cli/commands/serve-command';
import { isAssetbridgeError } from '../../../core/errors';
import { testCli, type TestCli } from './cli-test-context';

const hooks: ServeHooks = {
  handle: async () => undefined,
  runJob: async () => undefined,
};

describe('assetbridge serve', () => {
  let cli: TestCli;
  beforeEach(() => (cli = testCli()));
  afterEach(() => cli.cleanup());

  test('with no connectors it serves health, readiness, metrics and the read API, then stops', async () => {
    const seen: Record<string, number> = {};
    const code = await serveCommand(
      cli.ctx({}, { ASSETBRIDGE_API_TOKEN: 'serve-token-1234' }),
      { port: '0' },
      hooks,
      {
        waitForShutdown: async (url) => {
          for (const p of ['/healthz', '/readyz', '/metrics', '/api/runs']) {
            const res = await fetch(`${url}${p}`, {
              headers: { authorization: 'Bearer serve-token-1234' },
            });
            seen[p] = res.status;
          }
          return 'test finished';
        },
      },
    );
    expect(code).toBe(0);
    expect(seen).toEqual({ '/healthz': 200, '/readyz': 200, '/metrics': 200, '/api/runs': 200 });
    expect(cli.out()).toMatch(/^assetbridge serving on http:\/\/127\.0\.0\.1:\d+\n$/);
    expect(cli.err()).not.toContain('serve-token-1234');
  });

  test('without ASSETBRIDGE_API_TOKEN the read API is off and a warning says so', async () => {
    let status = 0;
    await serveCommand(cli.ctx({ json: true }), { port: '0' }, hooks, {
      waitForShutdown: async (url) => {
        status = (await fetch(`${url}/api/assets`)).status;
        return 'done';
      },
    });
    expect(status).toBe(503);
    expect(JSON.parse(cli.out())).toEqual({
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:/),
    });
    expect(cli.err()).toContain('read API disabled: set ASSETBRIDGE_API_TOKEN');
  });

  test('a bad port is a usage error', async () => {
    for (const port of ['http', '70000', '-1']) {
      try {
        await serveCommand(cli.ctx(), { port }, hooks);
        throw new Error('expected a usage error');
      } catch (err) {
        expect(isAssetbridgeError(err, 'USAGE')).toBe(true);
      }
    }
  });
});

import axios from 'axios';
import { main } from '../../cli/main';
import type { CliIo } from '../../cli/cli-io';

function io(onOut: (s: string) => void): CliIo {
  return {
    stdout: onOut,
    stderr: () => undefined,
    env: { ASSETBRIDGE_LOG_LEVEL: 'silent' },
    cwd: process.cwd(),
    isTty: false,
  };
}

describe('assetbridge sim', () => {
  test('starts all four simulators on 127.0.0.1, prints their URLs, and stops', async () => {
    const stop = new AbortController();
    let printed = '';
    const done = main(
      ['sim', '--fleet-size', '50', '--seed', '7', '--json'],
      io((s) => (printed += s)),
      {
        simSignal: stop.signal,
      },
    );
    while (!printed.includes('\n')) await new Promise((r) => setTimeout(r, 50));
    const { urls } = JSON.parse(printed) as { urls: Record<string, string> };
    expect(Object.keys(urls).sort()).toEqual(['intune', 'jamf', 'jira', 'servicenow']);
    for (const url of Object.values(urls)) {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const stats = await axios.get(`${url}/_sim/stats`);
      expect(stats.status).toBe(200);
    }
    stop.abort();
    expect(await done).toBe(0);
    await expect(axios.get(`${urls.jamf}/_sim/stats`, { timeout: 2000 })).rejects.toThrow();
  });

  test('a bad fleet size is a usage error', async () => {
    let err = '';
    const code = await main(['sim', '--fleet-size', 'lots'], {
      ...io(() => undefined),
      stderr: (s) => (err += s),
    });
    expect(code).toBe(2);
    expect(err).toMatch(/--fleet-size must be a whole number/);
  });
});

describe('assetbridge sync', () => {
  test('without a config, or with no connectors, sync is a usage error that says why', async () => {
    let err = '';
    const base = { ...io(() => undefined), stderr: (s: string) => (err += s) };
    expect(await main(['sync'], base)).toBe(2);
    expect(err).toMatch(/sync needs a configuration file/);
    err = '';
    const code = await main(['--config', 'config/assetbridge.example.yaml', 'sync'], base);
    expect(code).toBe(2);
    expect(err).toMatch(/configures no enabled connector/);
  });
});

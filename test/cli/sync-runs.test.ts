import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../cli/main';
import type { CliIo } from '../../cli/cli-io';
import { createStore } from '../../core/store/create-store';
import { createJamfSimulator, DEFAULT_JAMF_CONFIG } from '../../simulators/jamf';
import { cleanJamfFleet } from '../connectors/jamf/jamf-harness';

const ROOT = path.join(__dirname, '../..');
const SECRETS = {
  T_JAMF_ID: DEFAULT_JAMF_CONFIG.clientId,
  T_JAMF_SECRET: DEFAULT_JAMF_CONFIG.clientSecret,
};

let cwd: string;
let config: string;
let closeSim: () => Promise<void>;
let jamfUrl: string;

beforeEach(async () => {
  cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'assetbridge-runs-'));
  const sim = createJamfSimulator({ seed: 5 });
  sim.seedFromFleet(cleanJamfFleet(30));
  const server = await sim.start(0);
  closeSim = () => server.close();
  jamfUrl = server.url;
  config = path.join(cwd, 'assetbridge.yaml');
  fs.writeFileSync(
    config,
    `version: 1
store: { kind: sqlite, file: store.db }
sync: { maxMissingShare: 0.2, retireAfterMissingRuns: 1 }
connectors:
  - name: jamf-t
    type: jamf
    baseUrl: ${server.url}
    auth: { kind: oauth_client_credentials, clientIdEnv: T_JAMF_ID, clientSecretEnv: T_JAMF_SECRET }
    mapping: ${path.join(ROOT, 'mappings/jamf-computers.yaml')}
`,
  );
});
afterEach(async () => {
  await closeSim();
  fs.rmSync(cwd, { recursive: true, force: true });
});

async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (s) => void (out += s),
    stderr: (s) => void (err += s),
    env,
    cwd,
    isTty: false,
  };
  const code = await main(['--config', config, ...args], io);
  return { code, out, err };
}

describe('sync and runs from the CLI, off a terminal', () => {
  test('a non-TTY sync prints structured progress lines to stderr at the default log level', async () => {
    const r = await cli(['sync', '--full'], SECRETS);
    expect(r.code).toBe(0);
    const lines = r.err
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { msg: string; phase?: string; connector?: string });
    const progress = lines.filter((l) => l.msg.startsWith('sync phase'));
    expect(progress.map((l) => `${l.msg} ${l.phase} ${l.connector}`)).toEqual([
      'sync phase started read jamf-t',
      'sync phase finished read jamf-t',
      'sync phase started write jamf-t',
      'sync phase finished write jamf-t',
    ]);
    expect(lines.find((l) => l.msg === 'sync phase finished')).toMatchObject({ done: 30 });
    expect(r.err).not.toContain(SECRETS.T_JAMF_SECRET);
    const quiet = await cli(['--log-level', 'silent', 'sync'], SECRETS);
    expect(quiet.err).toBe('');
  });

  test('runs needs no connector secret and shows requests by method, token requests included', async () => {
    expect((await cli(['sync', '--full'], SECRETS)).code).toBe(0);
    const json = await cli(['runs', '--json']);
    expect(json.code).toBe(0);
    const [run] = JSON.parse(json.out) as {
      summary: { requests: { requests: { system: string; method: string; count: number }[] } };
    }[];
    const posts = run.summary.requests.requests.filter((q) => q.method === 'POST');
    expect(posts).toEqual([expect.objectContaining({ system: 'jamf-t', count: 1 })]);
    const text = await cli(['runs']);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/jamf-t: read 30 \(full\); writes created 0/);
    expect(text.out).toMatch(/requests: .*jamf-t POST 2xx: 1/);
    expect((await cli(['show', 'nosuch'])).err).not.toMatch(/T_JAMF_ID/);
    expect((await cli(['sync'])).code).toBe(2);
  });

  test('a dry run prints the retirements the real run then makes (sync policy from the config)', async () => {
    expect((await cli(['sync', '--full'], SECRETS)).code).toBe(0);
    const hide = async (id: number) =>
      fetch(`${jamfUrl}/_sim/devices/computers/${id}/hide`, { method: 'POST' });
    for (const id of [1, 2, 3]) expect((await hide(id)).ok).toBe(true);
    const dry = await cli(['sync', '--full', '--dry-run'], SECRETS);
    expect(dry.out).toContain('dry run: nothing was sent or stored');
    const planned = dry.out.match(/would retire asset \S+ \(record computer:\d+ missing/g) ?? [];
    expect(planned).toHaveLength(3);
    expect(dry.out).toMatch(/writes planned: create 0, update \d+, retire 3, unchanged/);
    expect(dry.out).toMatch(/lifecycle\.stage: "\w+" → "retired"/);
    const real = await cli(['--json', 'sync', '--full'], SECRETS);
    const report = JSON.parse(real.out) as { connectors: { missing: { retired: number } }[] };
    expect(report.connectors[0].missing.retired).toBe(3);
  });

  test('runs lists the stored failures with the vendor error message', async () => {
    const store = await createStore({ kind: 'sqlite', file: path.join(cwd, 'store.db') });
    await store.migrate();
    await store.startRun({
      id: 'r1',
      kind: 'sync',
      startedAt: '2026-12-01T00:00:00Z',
      summary: {},
    });
    const failureList = Array.from({ length: 12 }, (_, i) => ({
      connector: 'jamf-t',
      ref: `asset a${i}`,
      message: `400 Bad Request: asset tag ${i} is taken`,
    }));
    await store.finishRun('r1', 'partial', '2026-12-01T00:01:00Z', {
      connectors: { 'jamf-t': { writes: { updated: 3, failed: 12 }, failures: 12, failureList } },
      requests: null,
    });
    await store.close();
    const r = await cli(['runs']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('failed asset a0: 400 Bad Request: asset tag 0 is taken');
    expect(r.out).toContain('… 2 more failures');
  });
});

/**
 * `serve`'s runtime with one HMAC-signed test connector, in a process of its own so that the
 * load generator does not share its event loop. Prints the URL; stops when stdin closes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../core/logging/logger';
import { createRuntime } from '../core/runtime/server';
import { createStore } from '../core/store/create-store';
import type { KyselyStore } from '../core/store/kysely-store';
import { fakeConnector } from '../test/core/runtime/fake-connector';

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assetbridge-bench-'));
  const store = (await createStore({
    kind: 'sqlite',
    file: path.join(dir, 'wh.db'),
  })) as KyselyStore;
  await store.migrate();
  const runtime = createRuntime({
    store,
    connectors: new Map([['bench', fakeConnector('bench', process.argv[2] ?? 'bench-secret')]]),
    handle: async () => undefined,
    runJob: async () => undefined,
    schedules: [],
    logger: silentLogger(),
    apiToken: null,
  });
  const { url } = await runtime.start(0);
  process.stdout.write(`${url}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => {
    void runtime
      .stop()
      .then(() => store.close())
      .then(() => fs.rmSync(dir, { recursive: true, force: true }))
      .then(() => process.exit(0));
  });
}

void main();

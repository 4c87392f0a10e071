import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeSerialPolicy } from '../../core/identity/normalize';
import type { Observation } from '../../core/identity/observation';
import { AssetIngestor } from '../../core/ingest/asset-ingestor';
import { silentLogger } from '../../core/logging/logger';
import { EQUAL_AUTHORITY, type AuthorityTable } from '../../core/reconcile/authority';
import { createStore } from '../../core/store/create-store';
import type { Store } from '../../core/store/store';

export interface Harness {
  store: Store;
  ingestor: AssetIngestor;
  dir: string;
  close(): Promise<void>;
}

/** A migrated SQLite store in a temp folder with an ingestor on it. */
export async function ingestHarness(authority: AuthorityTable = EQUAL_AUTHORITY): Promise<Harness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assetbridge-ingest-'));
  const store = await createStore({ kind: 'sqlite', file: path.join(dir, 'store.db') });
  await store.migrate();
  const ingestor = new AssetIngestor({
    store,
    authority,
    serialPolicy: makeSerialPolicy(),
    clock: () => new Date('2026-12-01T10:00:00.000Z'),
    newId: randomUUID,
    logger: silentLogger(),
  });
  return {
    store,
    ingestor,
    dir,
    close: async () => {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function obs(
  partial: Partial<Observation> & { values: Observation['values'] },
): Observation {
  return {
    source: 'test',
    externalId: null,
    observedAt: '2026-11-01T00:00:00.000Z',
    ref: 'test',
    ...partial,
  };
}

/** Every asset in the store, without ids or times: what a person would compare. */
export async function assetContents(store: Store): Promise<string[]> {
  const out: string[] = [];
  let after: string | null = null;
  do {
    const page = await store.listAssets({ limit: 200, after });
    for (const a of page.assets) {
      const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = a;
      out.push(JSON.stringify(rest));
    }
    after = page.nextAfter;
  } while (after !== null);
  return out.sort();
}

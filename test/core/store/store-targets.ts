import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { StoreOptions } from '../../../core/store/store-options';
import { createTestDatabase, pgTestsDisabled, type TestDatabase } from './pg-test-database';

/** One dialect the shared store suite runs against. */
export interface StoreTarget {
  name: 'sqlite' | 'postgres';
  /** Set when the target is switched off; the suite then registers only a skipped test. */
  skipReason?: string;
  /** Once per test file (beforeAll). */
  setup(): Promise<void>;
  /** Options of a fresh, empty store location (a new file, or a new schema). */
  freshOptions(): StoreOptions;
  /** Once per test file (afterAll). */
  teardown(): Promise<void>;
}

export function sqliteTarget(): StoreTarget {
  let dir = '';
  let n = 0;
  return {
    name: 'sqlite',
    async setup() {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assetbridge-store-'));
    },
    freshOptions: () => ({ kind: 'sqlite', file: path.join(dir, `s${++n}`, 'store.db') }),
    async teardown() {
      if (dir !== '') fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function postgresTarget(): StoreTarget {
  let database: TestDatabase | undefined;
  let n = 0;
  return {
    name: 'postgres',
    skipReason: pgTestsDisabled() ? 'ASSETBRIDGE_TEST_PG=off' : undefined,
    async setup() {
      database = await createTestDatabase();
    },
    freshOptions() {
      if (database === undefined) throw new Error('the PostgreSQL test database was not created');
      return { kind: 'postgres', url: database.url, schema: `store_${++n}` };
    },
    async teardown() {
      await database?.drop();
    },
  };
}

export function storeTargets(): StoreTarget[] {
  return [sqliteTarget(), postgresTarget()];
}

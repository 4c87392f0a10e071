import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { StoreDb } from '../../../core/store/db-schema';
import { KyselyStore } from '../../../core/store/kysely-store';
import { makeAsset } from './asset-factory';

/** Counts the statements the store sends, over an in-memory SQLite database. */
describe('KyselyStore statement batching', () => {
  const statements: { sql: string; params: number }[] = [];
  let store: KyselyStore;

  beforeAll(async () => {
    const db = new Kysely<StoreDb>({
      dialect: new SqliteDialect({ database: new Database(':memory:') }),
      log: (event) => {
        if (event.level === 'query') {
          statements.push({ sql: event.query.sql, params: event.query.parameters.length });
        }
      },
    });
    store = new KyselyStore(db, 'sqlite');
    await store.migrate();
    await store.insertAsset(makeAsset('a1'));
  });
  afterAll(() => store.close());
  beforeEach(() => {
    statements.length = 0;
  });

  const values = Array.from({ length: 1200 }, (_, i) => `V${i}`);

  test('lookups send one statement per 500 values', async () => {
    await store.findByIdentifiers('serial', values);
    expect(statements).toHaveLength(3);
    expect(statements.every((s) => s.params <= 501)).toBe(true);
    statements.length = 0;
    await store.findByExternalIds('jamf', values.slice(0, 10));
    await store.getAssets(['a1', 'a1']);
    await store.getProvenance([]);
    expect(statements).toHaveLength(2);
  });

  test('batch writes send few multi-row statements under the parameter limit', async () => {
    await store.replaceIdentifiers(
      'a1',
      values.map((value) => ({ kind: 'mac' as const, value })),
    );
    const writes = statements.filter((s) => /^(insert|delete)/i.test(s.sql));
    expect(writes.length).toBeLessThanOrEqual(6);
    expect(Math.max(...statements.map((s) => s.params))).toBeLessThanOrEqual(999);
    expect(await store.findByIdentifiers('mac', values)).toHaveLength(1200);
  });
});

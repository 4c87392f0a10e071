import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { isAssetbridgeError } from '../../../core/errors';
import { createStore } from '../../../core/store/create-store';

describe('createStore', () => {
  let dir = '';
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assetbridge-create-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('SQLite: creates the parent folder and uses WAL with foreign keys', async () => {
    const file = path.join(dir, 'nested', 'deeper', 'store.db');
    const store = await createStore({ kind: 'sqlite', file });
    try {
      await store.migrate();
      expect(store.dialect).toBe('sqlite');
      expect(fs.existsSync(file)).toBe(true);
      const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(store.kysely);
      expect(fk.rows[0].foreign_keys).toBe(1);
    } finally {
      await store.close();
    }
    const raw = new Database(file, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      raw.close();
    }
  });

  test('SQLite with mustExist: a missing file is STORE_MISSING and nothing is created', async () => {
    const folder = path.join(dir, 'absent', 'deeper');
    const file = path.join(folder, 'store.db');
    const err: unknown = await createStore({ kind: 'sqlite', file, mustExist: true }).catch(
      (e: unknown) => e,
    );
    expect(isAssetbridgeError(err, 'STORE_MISSING')).toBe(true);
    expect((err as Error).message).toBe(`no store at ${file}; run import or sync first`);
    expect(fs.existsSync(path.join(dir, 'absent'))).toBe(false);

    const existing = path.join(dir, 'existing.db');
    await (await createStore({ kind: 'sqlite', file: existing })).close();
    const reopened = await createStore({ kind: 'sqlite', file: existing, mustExist: true });
    await reopened.migrate();
    await reopened.close();
  });

  test('SQLite: foreign keys refuse index rows for unknown assets', async () => {
    const store = await createStore({ kind: 'sqlite', file: path.join(dir, 'fk.db') });
    try {
      await store.migrate();
      await expect(
        store.replaceIdentifiers('ghost', [{ kind: 'serial', value: 'S' }]),
      ).rejects.toThrow(/replaceIdentifiers \(assetId "ghost"\) failed/);
    } finally {
      await store.close();
    }
  });

  test('SQLite: a file that cannot be opened is a STORE error naming it', async () => {
    const blocker = path.join(dir, 'blocker');
    fs.writeFileSync(blocker, 'not a folder');
    const file = path.join(blocker, 'store.db');
    await expect(createStore({ kind: 'sqlite', file })).rejects.toThrow(
      `cannot open the SQLite store file ${file}`,
    );
  });

  test('PostgreSQL: an invalid schema name is a CONFIG_INVALID error', async () => {
    const err: unknown = await createStore({
      kind: 'postgres',
      url: 'postgres://u@127.0.0.1:1/db',
      schema: 'bad;name',
    }).catch((e: unknown) => e);
    expect(isAssetbridgeError(err, 'CONFIG_INVALID')).toBe(true);
    expect(String(err)).toContain('"bad;name"');
  });

  test('PostgreSQL: an unreachable server is a STORE error without the password', async () => {
    const err: unknown = await createStore({
      kind: 'postgres',
      url: 'postgres://u:hunter2@127.0.0.1:1/db',
    }).catch((e: unknown) => e);
    expect(isAssetbridgeError(err, 'STORE')).toBe(true);
    expect(String(err)).toContain(
      'cannot connect to PostgreSQL at postgres://u:***@127.0.0.1:1/db',
    );
    expect(String(err)).not.toContain('hunter2');
  });
});

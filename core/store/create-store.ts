import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, sql, SqliteDialect } from 'kysely';
import { Pool } from 'pg';
import type { Logger } from 'pino';
import { AssetbridgeError } from '../errors';
import type { StoreDb } from './db-schema';
import { KyselyStore } from './kysely-store';
import { redactUrl, type StoreOptions } from './store-options';
import { describeError, storeError } from './store-errors';

export type { StoreOptions } from './store-options';

export interface StoreDeps {
  logger?: Logger;
}

/** How long SQLite waits for a lock held by another process before failing. */
const SQLITE_BUSY_TIMEOUT_MS = 5000;
/**
 * SQLite's page cache per connection, in KiB. better-sqlite3 builds SQLite with 16 MB; the store
 * reads by index, and a page that is not in this cache comes from the OS cache, so half of that
 * is enough and keeps the resident memory of a long sync lower (docs/benchmarks.md).
 */
const SQLITE_CACHE_KIB = 8192;
const PG_SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Opens the store (SQLite file or PostgreSQL database). Call `migrate()` on the result before
 * use; it is safe on every start.
 */
export async function createStore(
  options: StoreOptions,
  deps: StoreDeps = {},
): Promise<KyselyStore> {
  const logger = deps.logger?.child({ component: 'store' });
  if (options.kind === 'sqlite') {
    const mustExist = options.mustExist === true && options.file !== ':memory:';
    if (mustExist && !fs.existsSync(options.file)) {
      throw new AssetbridgeError(
        'STORE_MISSING',
        `no store at ${options.file}; run import or sync first`,
        { details: { file: options.file } },
      );
    }
    const db = openSqlite(options.file, mustExist);
    logger?.debug({ file: options.file }, 'store opened (sqlite)');
    return new KyselyStore(db, 'sqlite', { logger });
  }
  const db = await openPostgres(options.url, options.schema, logger);
  logger?.debug({ url: redactUrl(options.url), schema: options.schema }, 'store opened (postgres)');
  return new KyselyStore(db, 'postgres', { schema: options.schema, logger });
}

function openSqlite(file: string, mustExist: boolean): Kysely<StoreDb> {
  try {
    if (file !== ':memory:' && !mustExist) {
      fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    }
    const database = new Database(file, { fileMustExist: mustExist });
    database.pragma('journal_mode = WAL');
    // In WAL mode NORMAL loses nothing when the process dies (the WAL is in the OS cache); only a
    // power loss can lose the last commits. It removes an fsync from every commit.
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
    database.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    database.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
    return new Kysely<StoreDb>({ dialect: new SqliteDialect({ database }) });
  } catch (err) {
    const reason = describeError(err);
    throw storeError(`cannot open the SQLite store file ${file}: ${reason}`, { file }, err);
  }
}

async function openPostgres(
  url: string,
  schema: string | undefined,
  logger: Logger | undefined,
): Promise<Kysely<StoreDb>> {
  if (schema !== undefined && !PG_SCHEMA_NAME.test(schema)) {
    throw new AssetbridgeError(
      'CONFIG_INVALID',
      `PostgreSQL schema name "${schema}" is invalid: use lower-case letters, digits and _`,
      { details: { schema } },
    );
  }
  const pool = new Pool({
    connectionString: url,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  pool.on('error', (err) => logger?.warn({ err }, 'idle PostgreSQL connection failed'));
  const db = new Kysely<StoreDb>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`select 1`.execute(db);
  } catch (err) {
    await db.destroy().catch(() => undefined);
    const reason = describeError(err);
    throw storeError(
      `cannot connect to PostgreSQL at ${redactUrl(url)}: ${reason}`,
      {
        url: redactUrl(url),
      },
      err,
    );
  }
  return db;
}

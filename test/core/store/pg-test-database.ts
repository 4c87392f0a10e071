import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** Where the PostgreSQL tests find a server, and how to turn them off. */
export const PG_URL_ENV = 'ASSETBRIDGE_TEST_PG_URL';
export const PG_SWITCH_ENV = 'ASSETBRIDGE_TEST_PG';
export const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export function pgTestsDisabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[PG_SWITCH_ENV]?.trim().toLowerCase() === 'off';
}

export function maintenanceUrl(env: NodeJS.ProcessEnv = process.env): string {
  const url = env[PG_URL_ENV]?.trim();
  return url === undefined || url === '' ? DEFAULT_PG_URL : url;
}

export interface TestDatabase {
  name: string;
  /** Connection URL of the fresh database. */
  url: string;
  drop(): Promise<void>;
}

/** Creates a fresh, uniquely named database through the maintenance connection. */
export async function createTestDatabase(
  adminUrl: string = maintenanceUrl(),
): Promise<TestDatabase> {
  const name = `assetbridge_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdmin(adminUrl, (admin) => createDatabase(admin, name));
  const target = new URL(adminUrl);
  target.pathname = `/${name}`;
  return {
    name,
    url: target.toString(),
    drop: () =>
      withAdmin(adminUrl, async (admin) => {
        await admin.query(
          'select pg_terminate_backend(pid) from pg_stat_activity ' +
            'where datname = $1 and pid <> pg_backend_pid()',
          [name],
        );
        await admin.query(`drop database if exists "${name}"`);
      }),
  };
}

/**
 * Prefers a natural-language (ICU en-US) collation, so that the store's byte-order guarantees are
 * really tested; falls back to the server default where ICU or the syntax (PostgreSQL < 15) is
 * missing.
 */
async function createDatabase(admin: Client, name: string): Promise<void> {
  try {
    await admin.query(
      `create database "${name}" template template0 locale_provider icu icu_locale 'en-US'`,
    );
  } catch {
    await admin.query(`create database "${name}"`);
  }
}

async function withAdmin<T>(adminUrl: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => undefined);
    throw new Error(unreachableMessage(adminUrl, err));
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function unreachableMessage(adminUrl: string, err: unknown): string {
  const reason =
    err instanceof AggregateError
      ? err.errors.map((e) => String(e)).join('; ')
      : err instanceof Error
        ? err.message
        : String(err);
  const shown = adminUrl.replace(/(\/\/[^:/@]*:)[^@/]*@/, '$1***@');
  return (
    `PostgreSQL store tests cannot reach ${shown} (${reason}). ` +
    `Set ${PG_URL_ENV} to a server and role that may CREATE DATABASE ` +
    `(default ${DEFAULT_PG_URL}), or set ${PG_SWITCH_ENV}=off to skip the PostgreSQL tests.`
  );
}

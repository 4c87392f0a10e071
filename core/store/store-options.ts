import path from 'node:path';
import { AssetbridgeError } from '../errors';

/** Where the store lives: an embedded SQLite file (the default) or a PostgreSQL database. */
export type StoreOptions =
  | {
      kind: 'sqlite';
      file: string;
      /**
       * True for callers that only read: a file that does not exist is STORE_MISSING, and no
       * folder or file is created. False or absent: the file and its folder are created.
       */
      mustExist?: boolean;
    }
  | { kind: 'postgres'; url: string; schema?: string };

/** The environment variable that selects the store (`sqlite:<path>` or `postgres://...`). */
export const STORE_URL_ENV = 'ASSETBRIDGE_STORE_URL';

/** The default SQLite file: `<cwd>/.assetbridge/assetbridge.db`. */
export function defaultSqliteFile(cwd: string): string {
  return path.join(cwd, '.assetbridge', 'assetbridge.db');
}

/**
 * Store options from `ASSETBRIDGE_STORE_URL`: `sqlite:<path>` (relative paths are taken from
 * `cwd`), `postgres://...` / `postgresql://...`, or the default SQLite file when unset or blank.
 */
export function storeOptionsFromEnv(
  env: NodeJS.ProcessEnv,
  cwd: string = process.cwd(),
): StoreOptions {
  const raw = env[STORE_URL_ENV]?.trim() ?? '';
  if (raw === '') return { kind: 'sqlite', file: defaultSqliteFile(cwd) };
  if (/^postgres(ql)?:\/\//i.test(raw)) return { kind: 'postgres', url: raw };
  if (raw.toLowerCase().startsWith('sqlite:')) {
    const file = raw.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (file === '') {
      throw new AssetbridgeError('CONFIG_INVALID', `${STORE_URL_ENV}=sqlite: names no file`, {
        details: { variable: STORE_URL_ENV },
      });
    }
    return { kind: 'sqlite', file: file === ':memory:' ? file : path.resolve(cwd, file) };
  }
  throw new AssetbridgeError(
    'CONFIG_INVALID',
    `${STORE_URL_ENV} must start with "sqlite:" or "postgres://", got "${redactUrl(raw)}"`,
    { details: { variable: STORE_URL_ENV } },
  );
}

/** The URL with any password replaced by `***`, safe for messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@/]*@/i, '$1***@');
}

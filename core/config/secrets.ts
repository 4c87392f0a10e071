import { inspect } from 'node:util';
import { AssetbridgeError } from '../errors';
import type { AssetbridgeConfig, AuthConfig, ConfigParts } from './config-schema';

/** Keys that hold a secret when given a value; their `...Env` form names a variable instead. */
const SECRET_KEY =
  /(password|passwd|secret|token|apikey|api_key|privatekey|private_key|passphrase)$/i;

export interface LiteralSecret {
  path: (string | number)[];
  key: string;
}

/** Every key in the data that holds a literal secret (a non-empty scalar under a secret name). */
export function findLiteralSecrets(data: unknown, path: (string | number)[] = []): LiteralSecret[] {
  if (Array.isArray(data)) return data.flatMap((item, i) => findLiteralSecrets(item, [...path, i]));
  if (data === null || typeof data !== 'object') return [];
  const found: LiteralSecret[] = [];
  for (const [key, value] of Object.entries(data)) {
    const scalar = typeof value === 'string' ? value.trim() !== '' : typeof value === 'number';
    if (SECRET_KEY.test(key) && scalar) found.push({ path: [...path, key], key });
    else found.push(...findLiteralSecrets(value, [...path, key]));
  }
  return found;
}

/** Environment variables an auth block (or the part of one that was valid) names, by key. */
export function authEnvNames(auth: object): [key: string, variable: string][] {
  return Object.entries(auth).filter(
    (entry): entry is [string, string] => entry[0].endsWith('Env') && typeof entry[1] === 'string',
  );
}

export interface MissingEnv {
  /** Config path of the key naming the variable. */
  path: (string | number)[];
  connector: string;
  variable: string;
}

/**
 * Variables named by enabled connectors that are unset or empty in `env`. Takes the parts of a
 * config that were valid too: connectors without a valid auth block are skipped.
 */
export function findMissingEnv(config: ConfigParts, env: NodeJS.ProcessEnv): MissingEnv[] {
  const missing: MissingEnv[] = [];
  (config.connectors ?? []).forEach((c, i) => {
    if (c?.auth === undefined || c.enabled === false) return;
    const connector = c.name ?? `connectors[${i}]`;
    for (const [key, variable] of authEnvNames(c.auth)) {
      if ((env[variable] ?? '') === '') {
        missing.push({ path: ['connectors', i, 'auth', key], connector, variable });
      }
    }
  });
  return missing;
}

/** Secret values of one connector, keyed like the auth block without `Env` (`clientSecret`). */
export type ConnectorSecrets = { kind: AuthConfig['kind'] } & Readonly<Record<string, string>>;

/** Resolved secrets. Printing, logging or JSON-encoding it shows `[redacted]`, never a value. */
export interface ResolvedSecrets {
  connectors: ReadonlyMap<string, ConnectorSecrets>;
  /** Postgres connection URL, when the store is postgres. */
  storeUrl: string | null;
}

function redacted<T extends object>(value: T): T {
  Object.defineProperty(value, 'toJSON', { value: () => '[redacted]', enumerable: false });
  Object.defineProperty(value, inspect.custom, { value: () => '[redacted]', enumerable: false });
  return value;
}

function connectorSecrets(auth: AuthConfig, env: NodeJS.ProcessEnv): ConnectorSecrets {
  const secrets: Record<string, string> = { kind: auth.kind };
  for (const [key, variable] of authEnvNames(auth)) secrets[key.slice(0, -3)] = env[variable] ?? '';
  if ('tokenUrl' in auth && auth.tokenUrl !== undefined) secrets.tokenUrl = auth.tokenUrl;
  return redacted(secrets as ConnectorSecrets);
}

/**
 * Reads every secret the config names from `env` into a separate structure, so that config
 * objects (which get logged) never hold one. Throws CONFIG_INVALID naming each missing variable.
 */
export function resolveSecrets(config: AssetbridgeConfig, env: NodeJS.ProcessEnv): ResolvedSecrets {
  const missing = findMissingEnv(config, env).map(
    (m) => `${m.variable} (connector ${m.connector})`,
  );
  const urlEnv = config.store.kind === 'postgres' ? config.store.urlEnv : null;
  if (urlEnv !== null && (env[urlEnv] ?? '') === '') missing.push(`${urlEnv} (store)`);
  if (missing.length > 0) {
    throw new AssetbridgeError(
      'CONFIG_INVALID',
      `environment variables not set: ${missing.join(', ')}`,
      { details: { missing } },
    );
  }
  const connectors = new Map<string, ConnectorSecrets>();
  for (const c of config.connectors) {
    if (c.enabled) connectors.set(c.name, connectorSecrets(c.auth, env));
  }
  const storeUrl = urlEnv === null ? null : (env[urlEnv] ?? null);
  return redacted({ connectors: redacted(connectors), storeUrl });
}

/**
 * A webhook secret named in a connector's options (`options.<option>` holds the variable's name):
 * null when the option is absent, `CONFIG_INVALID` naming the variable when it is not set.
 */
export function webhookSecretFromEnv(
  connector: string,
  option: string,
  variable: string | undefined,
  env: NodeJS.ProcessEnv,
): string | null {
  if (variable === undefined) return null;
  const value = env[variable] ?? '';
  if (value === '') {
    throw new AssetbridgeError(
      'CONFIG_INVALID',
      `connector ${connector}: options.${option} names ${variable}, which is not set`,
    );
  }
  return value;
}

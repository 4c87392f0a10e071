import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CONNECTOR_TYPES, connectorModule } from '../connectors/registry';
import { buildAuthority } from '../core/config/authority';
import { loadConfig, sourceMappingKeys, type LoadedConfig } from '../core/config/config-loader';
import type { Mapping } from '../core/mapping/mapping-schema';
import { makeSerialPolicy } from '../core/identity/normalize';
import { AssetIngestor } from '../core/ingest/asset-ingestor';
import { createLogger, type Logger } from '../core/logging/logger';
import type { AuthorityTable } from '../core/reconcile/authority';
import { PACKAGE_ROOT } from '../core/runtime/package-root';
import { createStore } from '../core/store/create-store';
import type { Store } from '../core/store/store';
import {
  defaultSqliteFile,
  storeOptionsFromEnv,
  STORE_URL_ENV,
  type StoreOptions,
} from '../core/store/store-options';
import { AssetbridgeError } from '../core/errors';
import type { CliIo } from './cli-io';

export interface GlobalOptions {
  config?: string;
  json?: boolean;
  logLevel?: string;
}

/** Everything a command needs, built once from the global options. */
export interface CliContext {
  io: CliIo;
  json: boolean;
  logger: Logger;
  /**
   * Where sync progress goes off a terminal: structured lines on stderr at `info`, whatever the
   * log level (a cron or CI run shows it is alive); silent only with `--log-level silent`.
   */
  progressLogger: Logger;
  loaded: LoadedConfig | null;
  /** Where the project's bundled files live (mappings/, config/, examples/). */
  packageRoot: string;
  /**
   * Opens and migrates the store. Commands that only read pass `mustExist`: a SQLite file that
   * does not exist is then STORE_MISSING ("no store at <path>; run import or sync first"), and
   * nothing is created; commands that write create the file and its folder.
   */
  openStore(options?: { mustExist?: boolean }): Promise<Store>;
  /** An ingestor whose authority knows the config's mappings and `extra` (source → mapping). */
  ingestor(store: Store, extra?: Map<string, Mapping>): AssetIngestor;
  clock(): Date;
}

/** The config file to use: --config, ASSETBRIDGE_CONFIG, ./assetbridge.yaml, or none. */
export function configFileFor(opts: GlobalOptions, io: CliIo): string | null {
  const explicit = opts.config ?? io.env.ASSETBRIDGE_CONFIG;
  if (explicit) return path.resolve(io.cwd, explicit);
  const local = path.join(io.cwd, 'assetbridge.yaml');
  return existsSync(local) ? local : null;
}

/** What a command needs of the environment. */
export interface ContextNeeds {
  /** False for commands that only read the store: connector secrets need not be set. */
  secrets?: boolean;
}

export function createContext(
  opts: GlobalOptions,
  io: CliIo,
  needs: ContextNeeds = {},
): CliContext {
  const level = opts.logLevel ?? io.env.ASSETBRIDGE_LOG_LEVEL ?? 'warn';
  const logger = createLogger({ level });
  const progressLogger = createLogger({
    level: level === 'silent' ? 'silent' : 'info',
    destination: { write: (line: string) => io.stderr(line) },
  });
  const file = configFileFor(opts, io);
  if (file !== null && !existsSync(file)) {
    throw new AssetbridgeError('USAGE', `config file ${file} does not exist`);
  }
  const loaded = file
    ? loadConfig(file, {
        env: io.env,
        knownConnectorTypes: CONNECTOR_TYPES,
        connectorOptions: (type) => connectorModule(type)?.optionsSchema,
        requireSecrets: needs.secrets !== false,
      })
    : null;
  const serialPolicy = makeSerialPolicy(loaded?.config.identity.placeholderSerials ?? []);
  return {
    io,
    json: Boolean(opts.json),
    logger,
    progressLogger,
    loaded,
    packageRoot: PACKAGE_ROOT,
    clock: () => new Date(),
    openStore: async ({ mustExist = false } = {}) => {
      const options = storeOptions(loaded, io);
      const store = await createStore(
        options.kind === 'sqlite' && mustExist ? { ...options, mustExist } : options,
        { logger },
      );
      await store.migrate();
      return store;
    },
    ingestor(store, extra = new Map()) {
      const mappings = new Map(loaded?.mappings ?? []);
      const sourceMappings = loaded ? sourceMappingKeys(loaded.config) : new Map<string, string>();
      for (const [source, mapping] of extra) {
        mappings.set(`source:${source}`, mapping);
        sourceMappings.set(source, `source:${source}`);
      }
      const authority: AuthorityTable = buildAuthority(
        loaded?.config ?? null,
        mappings,
        sourceMappings,
      );
      return new AssetIngestor({
        store,
        authority,
        serialPolicy,
        clock: () => new Date(),
        newId: randomUUID,
        logger,
      });
    },
  };
}

/** ASSETBRIDGE_STORE_URL wins over the config's store; the default is a file under the cwd. */
function storeOptions(loaded: LoadedConfig | null, io: CliIo): StoreOptions {
  if (io.env[STORE_URL_ENV]) return storeOptionsFromEnv(io.env, io.cwd);
  const store = loaded?.config.store;
  if (!store) return { kind: 'sqlite', file: defaultSqliteFile(io.cwd) };
  if (store.kind === 'sqlite') {
    return { kind: 'sqlite', file: path.resolve(path.dirname(loaded.file), store.file) };
  }
  const url = io.env[store.urlEnv];
  if (!url) {
    throw new AssetbridgeError(
      'CONFIG_INVALID',
      `${loaded.file}: store.urlEnv names ${store.urlEnv}, which is not set in the environment`,
    );
  }
  return { kind: 'postgres', url, schema: store.schema };
}

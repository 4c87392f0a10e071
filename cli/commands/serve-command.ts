import { resolveSecrets } from '../../core/config/secrets';
import { AssetbridgeError } from '../../core/errors';
import { createLogger, type Logger } from '../../core/logging/logger';
import type { WebhookHandler } from '../../core/runtime/inbox-processor';
import { API_TOKEN_ENV } from '../../core/runtime/read-api';
import type { JobRunner } from '../../core/runtime/scheduler';
import { scrubbingDestination, secretValues } from '../../core/runtime/secret-scrubber';
import { createRuntime, type Runtime, type RuntimeOptions } from '../../core/runtime/server';
import { KyselyStore } from '../../core/store/kysely-store';
import type { Connector } from '../../core/sync/connector';
import type { CliContext } from '../cli-context';
import { EXIT } from '../cli-io';
import { wholeNumberOption } from '../whole-number-option';

/**
 * What the sync engine plugs into `serve`: how a stored webhook delivery is processed, how a
 * scheduled sync runs, and which connector instances exist (none until connectors/registry.ts
 * lists modules; `serve` then still answers health, metrics and the read API).
 */
export interface ServeHooks {
  handle: WebhookHandler;
  runJob: JobRunner;
  /** Called once the runtime exists, before it listens (to connect its metrics). */
  onRuntime?: (runtime: Runtime) => void;
  createConnectors?: (
    ctx: CliContext,
    store: KyselyStore,
    logger: Logger,
  ) => Promise<Map<string, Connector>>;
}

export interface ServeOptions {
  port?: string;
  host?: string;
}

export interface ServeDeps {
  /** Resolves (with a reason for the log) when the server should stop; SIGINT/SIGTERM by default. */
  waitForShutdown?: (url: string) => Promise<string>;
  runtimeOptions?: RuntimeOptions;
}

export const DEFAULT_PORT = 8080;

/** `assetbridge serve [--port n] [--host h]`: webhooks, schedules, metrics and the read API. */
export async function serveCommand(
  ctx: CliContext,
  opts: ServeOptions,
  hooks: ServeHooks,
  deps: ServeDeps = {},
): Promise<number> {
  const port =
    opts.port === undefined
      ? DEFAULT_PORT
      : wholeNumberOption('--port', opts.port, { min: 0, max: 65_535 });
  const host = opts.host ?? '127.0.0.1';
  const env = ctx.io.env;
  const resolved = ctx.loaded === null ? null : resolveSecrets(ctx.loaded.config, env);
  const apiToken = env[API_TOKEN_ENV] || null;
  const logger = createLogger({
    level: ctx.logger.level,
    destination: scrubbingDestination(secretValues(resolved, [apiToken]), {
      write: (line: string) => ctx.io.stderr(line),
    }),
  });
  const store = await ctx.openStore();
  if (!(store instanceof KyselyStore)) {
    await store.close();
    throw new AssetbridgeError('STORE', '`serve` needs the SQL store (SQLite or PostgreSQL)');
  }
  let connectors = new Map<string, Connector>();
  try {
    connectors = (await hooks.createConnectors?.(ctx, store, logger)) ?? connectors;
    const runtime = createRuntime({
      store,
      connectors,
      handle: hooks.handle,
      runJob: hooks.runJob,
      schedules: ctx.loaded?.config.connectors ?? [],
      logger,
      clock: () => ctx.clock(),
      apiToken,
      options: { processMetrics: true, ...deps.runtimeOptions },
    });
    hooks.onRuntime?.(runtime);
    const { url } = await runtime.start(port, host);
    if (apiToken === null) logger.warn(`read API disabled: set ${API_TOKEN_ENV} to switch it on`);
    ctx.io.stdout(ctx.json ? `${JSON.stringify({ url })}\n` : `assetbridge serving on ${url}\n`);
    const reason = await (deps.waitForShutdown ?? untilSignal)(url);
    logger.info({ reason }, 'shutting down');
    await runtime.stop();
    return EXIT.OK;
  } finally {
    await Promise.all([...connectors.values()].map((c) => c.close?.()));
    await store.close();
  }
}

/** Resolves on the first SIGINT or SIGTERM. */
function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(signal);
    };
    process.once('SIGINT', on);
    process.once('SIGTERM', on);
  });
}

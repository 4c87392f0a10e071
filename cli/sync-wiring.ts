import { RequestStats } from '../core/http/request-stats';
import type { Connector } from '../core/sync/connector';
import type { SyncEngine } from '../core/sync/sync-engine';
import type { CliContext } from './cli-context';
import type { ServeHooks } from './commands/serve-command';
import { buildConnectors, createSyncEngine } from './commands/sync-command';

/**
 * The hooks `serve` runs on: connectors built from the config, scheduled jobs as sync runs, and
 * webhook events handled by the sync engine (re-read the record, reconcile, write the changes).
 */
export function serveHooks(): ServeHooks {
  let engine: SyncEngine | null = null;
  const ready = (): SyncEngine => {
    if (engine === null) throw new Error('the sync engine is not ready: connectors were not built');
    return engine;
  };
  return {
    createConnectors: async (ctx: CliContext, store) => {
      const stats = new RequestStats();
      const connectors = buildConnectors(ctx, stats);
      engine = createSyncEngine(ctx, store, connectors, stats);
      return new Map<string, Connector>([...connectors].map(([name, ec]) => [name, ec.connector]));
    },
    runJob: async (connector, mode) => {
      await ready().run({ full: mode === 'full', dryRun: false, only: [connector] });
    },
    handle: async (connector, events) => {
      await ready().applyWebhookEvents(connector, events);
    },
  };
}

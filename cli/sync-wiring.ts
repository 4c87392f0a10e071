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
  const stats = new RequestStats();
  const ready = (): SyncEngine => {
    if (engine === null) throw new Error('the sync engine is not ready: connectors were not built');
    return engine;
  };
  return {
    createConnectors: async (ctx: CliContext, store) => {
      const connectors = buildConnectors(ctx, stats);
      engine = createSyncEngine(ctx, store, connectors, stats);
      return new Map<string, Connector>([...connectors].map(([name, ec]) => [name, ec.connector]));
    },
    onRuntime: (runtime) => {
      engine?.useMetrics(runtime.metrics);
      stats.listen({
        request: (system, method, status) =>
          runtime.metrics.recordRequests(system, method, status ?? 'error'),
        retry: (system) => runtime.metrics.recordRetry(system),
      });
    },
    runJob: async (connector, mode) => {
      await ready().run({ full: mode === 'full', dryRun: false, only: [connector] });
    },
    handle: async (connector, events) => {
      await ready().applyWebhookEvents(connector, events);
    },
  };
}

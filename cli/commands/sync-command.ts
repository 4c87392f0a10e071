import { randomUUID } from 'node:crypto';
import { connectorModule } from '../../connectors/registry';
import { resolveSecrets } from '../../core/config/secrets';
import { AssetbridgeError } from '../../core/errors';
import { z } from 'zod';
import { createHttpFactory } from '../../core/http/http-factory';
import { LimiterRegistry } from '../../core/http/limiter-registry';
import { limiterScopeFor } from '../../core/http/rate-limit-defaults';
import { RequestStats } from '../../core/http/request-stats';
import type { KyselyStore } from '../../core/store/kysely-store';
import type { EngineConnector } from '../../core/sync/sync-engine';
import { SyncEngine } from '../../core/sync/sync-engine';
import type { PlannedWrite, SyncReport } from '../../core/sync/sync-report';
import type { SyncProgress } from '../../core/sync/sync-progress';
import { SyncStateStore } from '../../core/sync/sync-state-store';
import type { CliContext } from '../cli-context';
import { logProgress, terminalProgress } from '../sync-progress-view';
import { EXIT } from '../cli-io';

/** The tenant of connector options that name one (Intune). */
const TenantOption = z.object({ tenantId: z.string().min(1) });

export interface SyncCommandOptions {
  connector?: string[];
  full?: boolean;
  dryRun?: boolean;
  readOnly?: boolean;
}

/** `assetbridge sync [--connector name] [--full] [--dry-run | --read-only] [--json]` */
export async function syncCommand(ctx: CliContext, opts: SyncCommandOptions): Promise<number> {
  const loaded = ctx.loaded;
  if (!loaded) {
    throw new AssetbridgeError(
      'USAGE',
      'sync needs a configuration file with connectors (--config)',
    );
  }
  const stats = new RequestStats();
  const connectors = buildConnectors(ctx, stats);
  for (const name of opts.connector ?? []) {
    if (!connectors.has(name)) {
      const known = [...connectors.keys()].join(', ') || 'none';
      throw new AssetbridgeError(
        'USAGE',
        `no enabled connector named '${name}' (configured: ${known})`,
      );
    }
  }
  if (connectors.size === 0) {
    throw new AssetbridgeError('USAGE', `${loaded.file} configures no enabled connector`);
  }
  if (opts.dryRun && opts.readOnly) {
    throw new AssetbridgeError('USAGE', '--dry-run and --read-only cannot be combined');
  }
  const store = (await ctx.openStore()) as KyselyStore;
  try {
    const engine = createSyncEngine(ctx, store, connectors, stats);
    const report = await engine.run({
      full: Boolean(opts.full),
      dryRun: Boolean(opts.dryRun),
      readOnly: Boolean(opts.readOnly),
      only: opts.connector ?? [],
    });
    print(ctx, report);
    return report.someFailed ? EXIT.SOME_FAILED : EXIT.OK;
  } finally {
    for (const ec of connectors.values()) await ec.connector.close?.();
    await store.close();
  }
}

/** The sync engine over a store and connector instances. */
export function createSyncEngine(
  ctx: CliContext,
  store: KyselyStore,
  connectors: Map<string, EngineConnector>,
  stats: RequestStats,
  progress: SyncProgress | undefined = ctx.io.isTty && !ctx.json
    ? terminalProgress()
    : logProgress(ctx.progressLogger),
): SyncEngine {
  return new SyncEngine({
    store,
    state: new SyncStateStore(store.kysely, ctx.clock),
    ingestor: ctx.ingestor(store),
    connectors,
    logger: ctx.logger,
    clock: ctx.clock,
    newRunId: randomUUID,
    policy: ctx.loaded?.config.sync,
    requestStats: stats,
    progress,
  });
}

/**
 * The enabled connector instances of the config, built from their registered modules. Instances
 * that draw on one vendor budget (Intune: same tenant and app) share `limiters`' set for it.
 */
export function buildConnectors(
  ctx: CliContext,
  stats: RequestStats,
  limiters: LimiterRegistry = new LimiterRegistry(ctx.logger),
): Map<string, EngineConnector> {
  const loaded = ctx.loaded;
  if (loaded === null) return new Map();
  const secrets = resolveSecrets(loaded.config, ctx.io.env);
  const out = new Map<string, EngineConnector>();
  for (const config of loaded.config.connectors) {
    if (!config.enabled) continue;
    const module = connectorModule(config.type);
    const mapping = loaded.mappings.get(config.mapping);
    if (!module || !mapping) continue;
    const options = module.optionsSchema.parse(config.options ?? {});
    const connectorSecrets = secrets.connectors.get(config.name)!;
    const scope = limiterScopeFor({
      name: config.name,
      type: config.type,
      baseUrl: config.baseUrl,
      rateLimit: config.rateLimit,
      tenantId: TenantOption.safeParse(options).data?.tenantId,
      clientId: connectorSecrets.clientId,
    });
    const connector = module.create({
      name: config.name,
      config,
      options,
      secrets: connectorSecrets,
      mapping,
      http: createHttpFactory({
        system: config.name,
        type: config.type,
        rateLimit: config.rateLimit,
        logger: ctx.logger.child({ connector: config.name }),
        stats,
        limiters: { registry: limiters, scope },
      }),
      logger: ctx.logger.child({ connector: config.name }),
      clock: ctx.clock,
    });
    out.set(config.name, { connector, mapping });
  }
  return out;
}

/** One planned action of a dry run, with each field's before and after. */
function planLines(p: PlannedWrite): string[] {
  const record = p.externalId ?? '(new)';
  const head =
    p.action === 'retire-missing'
      ? `  would retire asset ${p.assetId} (record ${record} missing from complete reads):`
      : p.action === 'link' || p.action === 'unlink'
        ? `  would ${p.action} ticket ${p.ticketKey ?? '?'} and asset ${p.assetId}`
        : `  would ${p.action} ${record} for asset ${p.assetId}:`;
  const fields = p.fields.map(
    (f) => `    ${f.path}: ${JSON.stringify(f.before)} → ${JSON.stringify(f.after)}`,
  );
  return [head, ...fields];
}

function print(ctx: CliContext, report: SyncReport): void {
  if (ctx.json) {
    ctx.io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  const lines = [
    `Sync run ${report.runId}${report.dryRun ? ' (dry run: nothing was sent or stored)' : ''}` +
      (report.readOnly ? ' (read only: stored, nothing was written to the systems)' : ''),
  ];
  for (const c of report.connectors) {
    const o = c.read.outcomes;
    lines.push(`${c.connector}:`);
    if (c.read.mode) {
      lines.push(
        `  read (${c.read.mode}${c.read.resumed ? ', resumed' : ''}): ${c.read.records} records in ${c.read.pages} pages;` +
          ` created ${o.created}, updated ${o.updated}, unchanged ${o.unchanged}, conflicts ${o.conflict}, rejected ${o.rejected}`,
      );
    }
    const w = c.writes;
    if (report.dryRun) {
      const planned = (action: string) => c.plan.filter((p) => p.action === action).length;
      lines.push(
        `  writes planned: create ${planned('create')}, update ${planned('update')}, ` +
          `retire ${planned('retire') + planned('retire-missing')}, unchanged ${w.unchanged}`,
      );
    } else {
      lines.push(
        `  writes: created ${w.created}, updated ${w.updated}, unchanged ${w.unchanged}, failed ${w.failed}` +
          (w.held > 0 ? `, held ${w.held} (open conflicts: assetbridge conflicts)` : ''),
      );
    }
    if (c.missing.marked || c.missing.retired) {
      lines.push(`  missing: ${c.missing.marked} marked, ${c.missing.retired} retired`);
    }
    const t = c.tickets;
    if (t.read > 0) {
      lines.push(
        `  tickets: ${t.read} read; ${t.linked} linked, ${t.unlinked} unlinked, ${t.notes} context notes, ${t.failed} failed`,
      );
    }
    for (const f of t.failures) lines.push(`  ticket ${f.key} failed: ${f.message}`);
    if (c.missing.stopped) lines.push(`  missing sweep stopped: ${c.missing.stopped}`);
    if (c.error) lines.push(`  error: ${c.error}`);
    if (c.writes.retired > 0) lines.push(`  retired: ${c.writes.retired} records`);
    for (const p of report.dryRun ? c.plan : []) lines.push(...planLines(p));
    for (const f of c.failures) lines.push(`  failed ${f.ref}: ${f.message}`);
  }
  ctx.io.stdout(`${lines.join('\n')}\n`);
}

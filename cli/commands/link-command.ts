import { randomUUID } from 'node:crypto';
import { AssetbridgeError } from '../../core/errors';
import { RequestStats } from '../../core/http/request-stats';
import type { KyselyStore } from '../../core/store/kysely-store';
import type { ConnectorTickets } from '../../core/sync/connector';
import type { TicketLinker, TicketOutcome, TicketSummary } from '../../core/sync/ticket-linker';
import type { CliContext } from '../cli-context';
import { EXIT } from '../cli-io';
import { resolveOneAsset } from '../resolve-one-asset';
import { buildConnectors, createSyncEngine } from './sync-command';

export interface LinkCommandOptions {
  connector?: string;
  backfill?: boolean;
}

interface LinkResult {
  asset: string;
  connector: string;
  ticket?: TicketOutcome;
  backfill?: TicketSummary;
}

/**
 * `assetbridge link <asset> [ticket] [--connector name] [--backfill]`: links an asset and a ticket
 * by hand (naming the asset's record on the ticket where the system allows it), or with
 * `--backfill` links every ticket the systems say is connected to the asset's records.
 */
export async function linkCommand(
  ctx: CliContext,
  assetRef: string,
  ticketKey: string | undefined,
  opts: LinkCommandOptions,
): Promise<number> {
  if (ticketKey === undefined && !opts.backfill) {
    throw new AssetbridgeError(
      'USAGE',
      'name a ticket (assetbridge link <asset> <ticket>) or pass --backfill',
    );
  }
  if (ctx.loaded === null) {
    throw new AssetbridgeError(
      'USAGE',
      'link needs a configuration file with connectors (--config)',
    );
  }
  const stats = new RequestStats();
  const connectors = buildConnectors(ctx, stats);
  const candidates = new Map<string, ConnectorTickets>();
  for (const [name, ec] of connectors) {
    if (ec.connector.tickets && (!opts.connector || opts.connector === name)) {
      candidates.set(name, ec.connector.tickets);
    }
  }
  const store = (await ctx.openStore()) as KyselyStore;
  try {
    if (candidates.size === 0) {
      const what = opts.connector ? `named '${opts.connector}'` : 'at all';
      throw new AssetbridgeError('USAGE', `no enabled connector with tickets ${what}`);
    }
    const asset = await resolveOneAsset(store, assetRef);
    const linker = createSyncEngine(ctx, store, connectors, stats).tickets as TicketLinker;
    const runId = randomUUID();
    const startedAt = ctx.clock().toISOString();
    await store.startRun({ id: runId, kind: 'link', startedAt, summary: {} });
    const results: LinkResult[] = [];
    let status: 'ok' | 'failed' = 'failed';
    try {
      if (ticketKey !== undefined) {
        const name = await owningConnector(candidates, ticketKey);
        const ticket = await linker.link(name, candidates.get(name)!, asset.id, ticketKey, runId);
        results.push({ asset: asset.id, connector: name, ticket });
      } else {
        for (const [name, tickets] of candidates) {
          const backfill = await linker.backfill(name, tickets, asset.id, runId);
          results.push({ asset: asset.id, connector: name, backfill });
        }
      }
      status = 'ok';
    } finally {
      await store.finishRun(runId, status, ctx.clock().toISOString(), { results });
    }
    print(ctx, results);
    return EXIT.OK;
  } finally {
    for (const ec of connectors.values()) await ec.connector.close?.();
    await store.close();
  }
}

/**
 * The one ticket connector that has the ticket. A ticket that no connector has is a referenced
 * record that does not exist (STORE_NOT_FOUND, exit 1, as an unknown asset is); a ticket that
 * several have needs `--connector` (USAGE, exit 2).
 */
export async function owningConnector(
  candidates: ReadonlyMap<string, ConnectorTickets>,
  key: string,
): Promise<string> {
  if (candidates.size === 1) return [...candidates.keys()][0]!;
  const owners: string[] = [];
  for (const [name, tickets] of candidates) {
    if ((await tickets.readTicket(key)) !== null) owners.push(name);
  }
  if (owners.length === 1) return owners[0]!;
  const names = [...candidates.keys()];
  if (owners.length === 0) {
    throw new AssetbridgeError(
      'STORE_NOT_FOUND',
      `no connector with tickets (${names.join(', ')}) has ticket ${key}`,
      { details: { ticket: key, connectors: names } },
    );
  }
  throw new AssetbridgeError(
    'USAGE',
    `ticket ${key} exists in ${owners.join(' and ')}; choose one with --connector`,
    { details: { ticket: key, connectors: owners } },
  );
}

function print(ctx: CliContext, results: LinkResult[]): void {
  if (ctx.json) {
    ctx.io.stdout(`${JSON.stringify(results, null, 2)}\n`);
    return;
  }
  const lines: string[] = [];
  for (const r of results) {
    if (r.ticket) {
      const t = r.ticket;
      const linked = t.linked.includes(r.asset) ? 'linked' : 'already linked';
      lines.push(
        `${r.connector} ${t.key}: asset ${r.asset} ${linked}; context note ${t.contextPosted ? 'posted' : 'unchanged, not posted'}`,
      );
    }
    if (r.backfill) {
      const b = r.backfill;
      lines.push(
        `${r.connector}: ${b.read} connected tickets; ${b.linked} linked, ${b.notes} context notes`,
      );
    }
  }
  ctx.io.stdout(`${lines.join('\n')}\n`);
}

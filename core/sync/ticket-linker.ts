import type { Logger } from 'pino';
import { AssetbridgeError, isAssetbridgeError } from '../errors';
import type { TicketLink } from '../model/asset';
import type { Store, StoreTx } from '../store/store';
import type { HistoryEntry } from '../store/store-types';
import { buildAssetContext } from './asset-context';
import type { ConnectorTickets, TicketRecord } from './connector';
import type { TicketStateStore, TicketState } from './ticket-state-store';

/** What handling one ticket did. */
export interface TicketOutcome {
  key: string;
  /** False when the system no longer has the ticket. */
  found: boolean;
  linked: string[];
  unlinked: string[];
  contextPosted: boolean;
}

/** Ticket counts of one connector in one run. */
export interface TicketSummary {
  read: number;
  linked: number;
  unlinked: number;
  notes: number;
  failed: number;
  failures: { key: string; message: string }[];
}

export function emptyTicketSummary(): TicketSummary {
  return { read: 0, linked: 0, unlinked: 0, notes: 0, failed: 0, failures: [] };
}

export interface TicketLinkerDeps {
  store: Store;
  state: TicketStateStore;
  clock: () => Date;
  logger: Logger;
}

/** Candidate identifiers in a ticket's text: words of 5 to 40 characters holding a digit. */
const IDENTIFIER_WORD = /[A-Za-z0-9][A-Za-z0-9._/-]{3,38}[A-Za-z0-9]/g;
const MAX_TEXT_CANDIDATES = 20;
const STALE_RETRIES = 3;

/**
 * Links tickets to assets and gives tickets their asset context. For a ticket it reads (or is
 * given) the records it names, resolves them to assets through the external ids of that
 * connector, stores the links on the assets (with a history entry per link, unlink and state
 * change), removes links the ticket no longer names, and posts the asset context when it differs
 * from the last one posted on that ticket. Knows no vendor: everything goes through
 * `ConnectorTickets`.
 */
export class TicketLinker {
  constructor(private readonly deps: TicketLinkerDeps) {}

  /** Reads one ticket again and applies it (webhook hint, UI action, `assetbridge link`). */
  async refresh(
    name: string,
    tickets: ConnectorTickets,
    key: string,
    runId: string,
  ): Promise<TicketOutcome> {
    const record = await tickets.readTicket(key);
    return this.apply(name, tickets, key, record, runId);
  }

  /**
   * Reads the tickets changed since the connector's ticket watermark and applies each; a ticket
   * that fails is reported and the others go on. The watermark moves after every page.
   */
  async syncChanged(
    name: string,
    tickets: ConnectorTickets,
    runId: string,
    signal?: AbortSignal,
  ): Promise<TicketSummary> {
    const summary = emptyTicketSummary();
    if (!tickets.changedTickets) return summary;
    let watermark = await this.deps.state.watermark(name);
    for await (const page of tickets.changedTickets(watermark, signal)) {
      for (const record of page) {
        summary.read++;
        try {
          add(summary, await this.apply(name, tickets, record.key, record, runId));
        } catch (err) {
          summary.failed++;
          summary.failures.push({ key: record.key, message: messageOf(err) });
          this.deps.logger.warn({ err, connector: name, ticket: record.key }, 'ticket failed');
        }
        if (watermark === null || record.updatedAt > watermark) watermark = record.updatedAt;
      }
      if (watermark !== null) await this.deps.state.saveWatermark(name, watermark);
    }
    return summary;
  }

  /**
   * What `syncChanged` would link and unlink, read with the same requests (reads only) and stored
   * nothing, for a dry run's plan. Auto-linking by text is planned, not attached.
   * TODO(#4): assets that only the same dry run would create are not in the store, so links to them
   * are not planned.
   */
  async planChanged(
    name: string,
    tickets: ConnectorTickets,
    signal?: AbortSignal,
  ): Promise<{ key: string; linked: string[]; unlinked: string[] }[]> {
    const out: { key: string; linked: string[]; unlinked: string[] }[] = [];
    if (!tickets.changedTickets) return out;
    const watermark = await this.deps.state.watermark(name);
    for await (const page of tickets.changedTickets(watermark, signal)) {
      for (const record of page) {
        const prev = (await this.deps.state.get(name, record.key)) ?? emptyState(name, record.key);
        const named = await this.namedAssets(name, tickets, record, false);
        const wanted = new Set([...named, ...prev.manualAssetIds]);
        const before = new Set([...prev.assetIds, ...prev.manualAssetIds]);
        const linked = [...wanted].filter((id) => !before.has(id)).sort();
        const unlinked = [...before].filter((id) => !wanted.has(id)).sort();
        if (linked.length + unlinked.length > 0) out.push({ key: record.key, linked, unlinked });
      }
    }
    return out;
  }

  /**
   * Links an asset and a ticket by hand: the record is named on the ticket when the connector can
   * do that and the asset has a record there; otherwise the link is kept as a manual one.
   */
  async link(
    name: string,
    tickets: ConnectorTickets,
    assetId: string,
    key: string,
    runId: string,
  ): Promise<TicketOutcome> {
    const record = await tickets.readTicket(key);
    if (record === null) {
      throw new AssetbridgeError('STORE_NOT_FOUND', `${name} has no ticket ${key}`, {
        details: { connector: name, ticket: key },
      });
    }
    const externalId = await this.externalIdOf(name, assetId);
    if (externalId !== null && tickets.attachRecord) {
      if (!record.assetExternalIds.includes(externalId)) {
        await tickets.attachRecord(key, externalId);
      }
      return this.refresh(name, tickets, key, runId);
    }
    const prev = await this.deps.state.get(name, key);
    const manual = new Set(prev?.manualAssetIds ?? []);
    manual.add(assetId);
    return this.apply(name, tickets, key, record, runId, [...manual]);
  }

  /** Links every ticket the connector says is connected to the asset's records there. */
  async backfill(
    name: string,
    tickets: ConnectorTickets,
    assetId: string,
    runId: string,
  ): Promise<TicketSummary> {
    const summary = emptyTicketSummary();
    if (!tickets.ticketsOfRecord) return summary;
    const links = await this.deps.store.externalLinksOf([assetId]);
    const seen = new Set<string>();
    for (const link of links.filter((l) => l.system === name)) {
      for (const record of await tickets.ticketsOfRecord(link.externalId)) {
        if (seen.has(record.key)) continue;
        seen.add(record.key);
        summary.read++;
        add(summary, await this.apply(name, tickets, record.key, record, runId));
      }
    }
    return summary;
  }

  private async apply(
    name: string,
    tickets: ConnectorTickets,
    key: string,
    record: TicketRecord | null,
    runId: string,
    manualIds?: readonly string[],
  ): Promise<TicketOutcome> {
    const prev = (await this.deps.state.get(name, key)) ?? emptyState(name, key);
    const named = record === null ? [] : await this.namedAssets(name, tickets, record);
    const manual = record === null ? [] : (manualIds ?? prev.manualAssetIds);
    const wanted = [...new Set([...named, ...manual])].sort();
    const { linked, unlinked } = await this.writeLinks(name, key, record, prev, wanted, runId);
    const state: TicketState = { ...prev, assetIds: named, manualAssetIds: [...manual] };
    await this.deps.state.save(state);
    let contextPosted = false;
    if (record !== null && record.open && wanted.length > 0) {
      const assets = [...(await this.deps.store.getAssets(wanted)).values()].map((s) => s.asset);
      const links = new Map(assets.map((a) => [a.id, a.tickets]));
      const context = buildAssetContext(assets, links, { system: name, key });
      if (context.fingerprint !== prev.contextFingerprint) {
        await tickets.addContext(key, context);
        contextPosted = true;
        await this.deps.state.save({
          ...state,
          contextFingerprint: context.fingerprint,
          contextPostedAt: this.deps.clock().toISOString(),
        });
      }
    }
    if (linked.length + unlinked.length > 0 || contextPosted) {
      this.deps.logger.info(
        { connector: name, ticket: key, linked, unlinked, contextPosted },
        'ticket linked',
      );
    }
    return { key, found: record !== null, linked, unlinked, contextPosted };
  }

  /** Assets the ticket names, plus (with auto-linking on) those its text names by serial or tag. */
  private async namedAssets(
    name: string,
    tickets: ConnectorTickets,
    record: TicketRecord,
    attach = true,
  ): Promise<string[]> {
    const ids = [...new Set(record.assetExternalIds)];
    const rows = ids.length === 0 ? [] : await this.deps.store.findByExternalIds(name, ids);
    const named = new Set(rows.map((r) => r.assetId));
    if (tickets.autoLink && tickets.attachRecord && record.text) {
      for (const assetId of await this.assetsInText(record.text)) {
        if (named.has(assetId)) continue;
        const externalId = await this.externalIdOf(name, assetId);
        if (externalId === null) continue;
        if (attach) await tickets.attachRecord(record.key, externalId);
        named.add(assetId);
      }
    }
    return [...named].sort();
  }

  /** Assets whose serial or asset tag appears as a word of the text (one match per word only). */
  private async assetsInText(text: string): Promise<string[]> {
    const words = [...new Set(text.match(IDENTIFIER_WORD) ?? [])].filter((w) => /\d/.test(w));
    const found = new Set<string>();
    for (const word of words.slice(0, MAX_TEXT_CANDIDATES)) {
      const assets = await this.deps.store.findAssets(word);
      const exact = assets.filter(
        (a) =>
          a.assetTag?.toUpperCase() === word.toUpperCase() ||
          a.serial?.toUpperCase() === word.toUpperCase(),
      );
      if (exact.length === 1) found.add(exact[0]!.id);
    }
    return [...found];
  }

  private async externalIdOf(name: string, assetId: string): Promise<string | null> {
    const links = await this.deps.store.externalLinksOf([assetId]);
    return links.find((l) => l.system === name && !l.alias)?.externalId ?? null;
  }

  /** Stores links, unlinks and state changes on the assets in one transaction. */
  private async writeLinks(
    name: string,
    key: string,
    record: TicketRecord | null,
    prev: TicketState,
    wanted: readonly string[],
    runId: string,
  ): Promise<{ linked: string[]; unlinked: string[] }> {
    const before = [...new Set([...prev.assetIds, ...prev.manualAssetIds])];
    const gone = before.filter((id) => !wanted.includes(id));
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.deps.store.transaction((tx) =>
          this.writeLinksTx(tx, name, key, record, wanted, gone, runId),
        );
      } catch (err) {
        if (attempt >= STALE_RETRIES || !isAssetbridgeError(err, 'STORE')) throw err;
      }
    }
  }

  private async writeLinksTx(
    tx: StoreTx,
    name: string,
    key: string,
    record: TicketRecord | null,
    wanted: readonly string[],
    gone: readonly string[],
    runId: string,
  ): Promise<{ linked: string[]; unlinked: string[] }> {
    const now = this.deps.clock().toISOString();
    const stored = await tx.getAssets([...wanted, ...gone]);
    const history: HistoryEntry[] = [];
    const linked: string[] = [];
    const unlinked: string[] = [];
    const entry = (assetId: string, oldValue: string | null, newValue: string | null) =>
      history.push({
        assetId,
        field: `ticket ${name} ${key}`,
        oldValue,
        newValue,
        source: name,
        observedAt: record?.updatedAt ?? now,
        runId,
        recordedAt: now,
      });
    for (const assetId of wanted) {
      const s = stored.get(assetId);
      if (!s || record === null) continue;
      const old = s.asset.tickets.find((t) => t.system === name && t.key === key);
      const link: TicketLink = {
        system: name,
        key,
        kind: record.kind,
        state: record.state,
        open: record.open,
        title: record.title,
        ...(record.url ? { url: record.url } : {}),
        linkedAt: old?.linkedAt ?? now,
        updatedAt: record.updatedAt,
      };
      if (old && describe(old) === describe(link)) continue;
      const tickets = s.asset.tickets.filter((t) => !(t.system === name && t.key === key));
      await tx.updateAsset({ ...s.asset, tickets: [...tickets, link], updatedAt: now }, s.version);
      await tx.upsertTicketLink(assetId, link);
      entry(assetId, old ? describe(old) : null, describe(link));
      if (!old) linked.push(assetId);
    }
    for (const assetId of gone) {
      const s = stored.get(assetId);
      await tx.deleteTicketLink(assetId, name, key);
      if (!s) continue;
      const old = s.asset.tickets.find((t) => t.system === name && t.key === key);
      if (!old) continue;
      const tickets = s.asset.tickets.filter((t) => t !== old);
      await tx.updateAsset({ ...s.asset, tickets, updatedAt: now }, s.version);
      entry(assetId, describe(old), null);
      unlinked.push(assetId);
    }
    if (history.length > 0) await tx.appendHistory(history);
    return { linked, unlinked };
  }
}

function emptyState(connector: string, ticketKey: string): TicketState {
  return {
    connector,
    ticketKey,
    assetIds: [],
    manualAssetIds: [],
    contextFingerprint: null,
    contextPostedAt: null,
  };
}

/** How a link reads in the asset's history: `incident [In Progress] Screen flickers`. */
function describe(link: TicketLink): string {
  const open = link.open === false ? ' (closed)' : '';
  return `${link.kind} [${link.state ?? '?'}]${open} ${link.title ?? ''}`.trim();
}

function add(summary: TicketSummary, outcome: TicketOutcome): void {
  summary.linked += outcome.linked.length;
  summary.unlinked += outcome.unlinked.length;
  if (outcome.contextPosted) summary.notes++;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

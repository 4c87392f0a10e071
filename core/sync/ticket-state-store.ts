import type { Kysely } from 'kysely';
import type { StoreDb } from '../store/db-schema';

type TicketStateTable = {
  connector: string;
  ticket_key: string;
  asset_ids: string;
  manual_asset_ids: string;
  context_fingerprint: string | null;
  context_posted_at: string | null;
  updated_at: string;
};

type TicketWatermarksTable = {
  connector: string;
  watermark: string | null;
  updated_at: string;
};

export type TicketDb = {
  ticket_state: TicketStateTable;
  ticket_watermarks: TicketWatermarksTable;
};

/** What the core last knew of one ticket: the assets it named and the last context it posted. */
export interface TicketState {
  connector: string;
  ticketKey: string;
  /** Assets the ticket names (its CI, Assets field, affected CIs). */
  assetIds: string[];
  /** Assets linked by hand (`assetbridge link`) that the ticket itself does not name. */
  manualAssetIds: string[];
  contextFingerprint: string | null;
  contextPostedAt: string | null;
}

/** Ticket state and ticket-read watermarks, on the store's kysely handle (migration 0004). */
export class TicketStateStore {
  private readonly db: Kysely<StoreDb & TicketDb>;

  constructor(
    db: Kysely<StoreDb>,
    private readonly clock: () => Date,
  ) {
    this.db = db.withTables<TicketDb>();
  }

  async get(connector: string, ticketKey: string): Promise<TicketState | null> {
    const row = await this.db
      .selectFrom('ticket_state')
      .selectAll()
      .where('connector', '=', connector)
      .where('ticket_key', '=', ticketKey)
      .executeTakeFirst();
    if (!row) return null;
    return {
      connector,
      ticketKey,
      assetIds: JSON.parse(row.asset_ids) as string[],
      manualAssetIds: JSON.parse(row.manual_asset_ids) as string[],
      contextFingerprint: row.context_fingerprint,
      contextPostedAt: row.context_posted_at,
    };
  }

  async save(state: TicketState): Promise<void> {
    const row = {
      connector: state.connector,
      ticket_key: state.ticketKey,
      asset_ids: JSON.stringify([...state.assetIds].sort()),
      manual_asset_ids: JSON.stringify([...state.manualAssetIds].sort()),
      context_fingerprint: state.contextFingerprint,
      context_posted_at: state.contextPostedAt,
      updated_at: this.clock().toISOString(),
    };
    const { connector: _c, ticket_key: _k, ...update } = row;
    await this.db
      .insertInto('ticket_state')
      .values(row)
      .onConflict((oc) => oc.columns(['connector', 'ticket_key']).doUpdateSet(update))
      .execute();
  }

  async watermark(connector: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('ticket_watermarks')
      .select('watermark')
      .where('connector', '=', connector)
      .executeTakeFirst();
    return row?.watermark ?? null;
  }

  async saveWatermark(connector: string, watermark: string): Promise<void> {
    const row = { connector, watermark, updated_at: this.clock().toISOString() };
    await this.db
      .insertInto('ticket_watermarks')
      .values(row)
      .onConflict((oc) =>
        oc.column('connector').doUpdateSet({ watermark, updated_at: row.updated_at }),
      )
      .execute();
  }
}

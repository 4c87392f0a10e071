import type { Kysely, Migration } from 'kysely';
import { textType, type SqlFlavor } from '../sql-flavor';

/**
 * Ticket linking: whether a linked ticket is still open (for "other open incidents" in the asset
 * context), per ticket the assets it names (and those linked by hand) and the fingerprint of the last context note posted on
 * it (so that a note is not repeated), and per connector the watermark of the ticket read.
 */
export function ticketStateMigration(flavor: SqlFlavor): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const text = textType(flavor);
      await db.schema.alterTable('ticket_links').addColumn('open', 'integer').execute();
      await db.schema
        .createTable('ticket_state')
        .addColumn('connector', text, (c) => c.notNull())
        .addColumn('ticket_key', text, (c) => c.notNull())
        .addColumn('asset_ids', text, (c) => c.notNull())
        .addColumn('manual_asset_ids', text, (c) => c.notNull())
        .addColumn('context_fingerprint', text)
        .addColumn('context_posted_at', text)
        .addColumn('updated_at', text, (c) => c.notNull())
        .addPrimaryKeyConstraint('ticket_state_pk', ['connector', 'ticket_key'])
        .execute();
      await db.schema
        .createTable('ticket_watermarks')
        .addColumn('connector', text, (c) => c.primaryKey())
        .addColumn('watermark', text)
        .addColumn('updated_at', text, (c) => c.notNull())
        .execute();
    },
  };
}

import type { Kysely, Migration } from 'kysely';
import { autoIdColumn, autoIdType, textType, type SqlFlavor } from '../sql-flavor';

/**
 * The webhook inbox (`core/runtime/inbox-store.ts`): every verified delivery is stored before it
 * is acknowledged and processed later, so a crash after the 2xx loses nothing. One row per
 * (connector, delivery id): a replayed delivery finds its row and stores nothing new. Times are
 * ISO-8601 UTC text like the rest of the store, so they compare the same way in both dialects.
 */
export function inboxMigration(flavor: SqlFlavor): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const text = textType(flavor);
      await db.schema
        .createTable('inbox')
        .addColumn('id', autoIdType(flavor), autoIdColumn(flavor))
        .addColumn('connector', text, (c) => c.notNull())
        .addColumn('delivery_id', text, (c) => c.notNull())
        .addColumn('received_at', text, (c) => c.notNull())
        .addColumn('sent_at', text)
        .addColumn('body', text, (c) => c.notNull())
        .addColumn('events', text, (c) => c.notNull())
        .addColumn('status', text, (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_error', text)
        .addColumn('next_attempt_at', text, (c) => c.notNull())
        .addColumn('locked_until', text)
        .addColumn('lease_token', text)
        .addColumn('processed_at', text)
        .addUniqueConstraint('inbox_delivery_uq', ['connector', 'delivery_id'])
        .execute();
      await db.schema
        .createIndex('inbox_due_idx')
        .on('inbox')
        .columns(['status', 'next_attempt_at'])
        .execute();
    },
  };
}

import type { Kysely, Migration } from 'kysely';
import { textType, type SqlFlavor } from '../sql-flavor';

/**
 * Sync state: per connector instance the watermark and the checkpoint of an interrupted read, and
 * per vendor record (binding) what the vendor last held of the outbound fields, so that the sync
 * engine writes only differences and knows which records a complete read did not see.
 */
export function syncStateMigration(flavor: SqlFlavor): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const text = textType(flavor);
      await db.schema
        .createTable('sync_state')
        .addColumn('connector', text, (c) => c.primaryKey())
        .addColumn('mode', text)
        .addColumn('run_id', text)
        .addColumn('watermark', text)
        .addColumn('pending_watermark', text)
        .addColumn('checkpoint', text)
        .addColumn('outbound_watermark', text)
        .addColumn('updated_at', text, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('sync_bindings')
        .addColumn('connector', text, (c) => c.notNull())
        .addColumn('external_id', text, (c) => c.notNull())
        .addColumn('asset_id', text, (c) => c.notNull())
        .addColumn('held', text, (c) => c.notNull())
        .addColumn('version', text)
        .addColumn('last_seen_run', text)
        .addColumn('missing_runs', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('status', text, (c) => c.notNull())
        .addColumn('updated_at', text, (c) => c.notNull())
        .addPrimaryKeyConstraint('sync_bindings_pk', ['connector', 'external_id'])
        .execute();
      await db.schema
        .createIndex('sync_bindings_asset_idx')
        .on('sync_bindings')
        .columns(['connector', 'asset_id'])
        .execute();
    },
  };
}

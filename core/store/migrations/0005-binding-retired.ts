import type { Kysely, Migration } from 'kysely';
import { textType, type SqlFlavor } from '../sql-flavor';

/**
 * When the engine asked a system to retire its record of an asset, per binding: the retirement is
 * sent once, not again on every run that reads the (vendor-side retired) record.
 */
export function bindingRetiredMigration(flavor: SqlFlavor): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('sync_bindings')
        .addColumn('retired_at', textType(flavor))
        .execute();
    },
  };
}

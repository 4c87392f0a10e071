import type { Migration, MigrationProvider } from 'kysely';
import type { SqlFlavor } from '../sql-flavor';
import { initialMigration } from './0001-initial';
import { inboxMigration } from './0002-inbox';
import { syncStateMigration } from './0003-sync-state';
import { ticketStateMigration } from './0004-ticket-state';
import { bindingRetiredMigration } from './0005-binding-retired';
import { assetTagIdentityMigration } from './0006-asset-tag-identity';

/**
 * The store's migrations, in code (no files read at run time), the same list for both dialects.
 * Names sort in the order they run; add later migrations (watermarks, inbox, ...) as
 * `0002-<what>.ts` and list them here. Never change a migration that has shipped.
 */
export class StoreMigrationProvider implements MigrationProvider {
  constructor(private readonly flavor: SqlFlavor) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    return {
      '0001-initial': initialMigration(this.flavor),
      '0002-inbox': inboxMigration(this.flavor),
      '0003-sync-state': syncStateMigration(this.flavor),
      '0004-ticket-state': ticketStateMigration(this.flavor),
      '0005-binding-retired': bindingRetiredMigration(this.flavor),
      '0006-asset-tag-identity': assetTagIdentityMigration(),
    };
  }
}

import type { Kysely, Migration } from 'kysely';
import {
  autoIdColumn,
  autoIdType,
  textType,
  type SqlColumnType,
  type SqlFlavor,
} from '../sql-flavor';

/**
 * The initial schema: assets and their identity index, external links, field provenance, the
 * append-only field history, conflicts, ticket links and runs. Identical for both dialects apart
 * from the two column helpers in `sql-flavor.ts`.
 */
export function initialMigration(flavor: SqlFlavor): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const text = textType(flavor);
      await createAssets(db, text);
      await createIdentityTables(db, text);
      await createFieldTables(db, text, flavor);
      await createConflicts(db, text, flavor);
      await createTicketLinksAndRuns(db, text);
    },
  };
}

async function createAssets(db: Kysely<unknown>, text: SqlColumnType): Promise<void> {
  await db.schema
    .createTable('assets')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('asset_tag', text)
    .addColumn('serial', text)
    .addColumn('name', text)
    .addColumn('category', text, (c) => c.notNull())
    .addColumn('lifecycle_stage', text, (c) => c.notNull())
    .addColumn('doc', text, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('assets_asset_tag_idx').on('assets').column('asset_tag').execute();
  await db.schema.createIndex('assets_serial_idx').on('assets').column('serial').execute();
}

async function createIdentityTables(db: Kysely<unknown>, text: SqlColumnType): Promise<void> {
  await db.schema
    .createTable('asset_identifiers')
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('value', text, (c) => c.notNull())
    .addColumn('asset_id', text, (c) => c.notNull().references('assets.id'))
    .addPrimaryKeyConstraint('asset_identifiers_pk', ['kind', 'value', 'asset_id'])
    .execute();
  await db.schema
    .createIndex('asset_identifiers_asset_idx')
    .on('asset_identifiers')
    .column('asset_id')
    .execute();

  await db.schema
    .createTable('external_links')
    .addColumn('system', text, (c) => c.notNull())
    .addColumn('external_id', text, (c) => c.notNull())
    .addColumn('asset_id', text, (c) => c.notNull().references('assets.id'))
    .addColumn('alias', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('external_links_pk', ['system', 'external_id'])
    .execute();
  await db.schema
    .createIndex('external_links_asset_idx')
    .on('external_links')
    .column('asset_id')
    .execute();
}

async function createFieldTables(
  db: Kysely<unknown>,
  text: SqlColumnType,
  flavor: SqlFlavor,
): Promise<void> {
  await db.schema
    .createTable('field_provenance')
    .addColumn('asset_id', text, (c) => c.notNull().references('assets.id'))
    .addColumn('field', text, (c) => c.notNull())
    .addColumn('source', text, (c) => c.notNull())
    .addColumn('authority', 'double precision', (c) => c.notNull())
    .addColumn('observed_at', text, (c) => c.notNull())
    .addColumn('value', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('field_provenance_pk', ['asset_id', 'field'])
    .execute();

  await db.schema
    .createTable('field_history')
    .addColumn('id', autoIdType(flavor), autoIdColumn(flavor))
    .addColumn('asset_id', text, (c) => c.notNull().references('assets.id'))
    .addColumn('field', text, (c) => c.notNull())
    .addColumn('old_value', text, (c) => c.notNull())
    .addColumn('new_value', text, (c) => c.notNull())
    .addColumn('source', text, (c) => c.notNull())
    .addColumn('observed_at', text, (c) => c.notNull())
    .addColumn('run_id', text, (c) => c.notNull())
    .addColumn('recorded_at', text, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('field_history_asset_idx')
    .on('field_history')
    .columns(['asset_id', 'id'])
    .execute();
}

async function createConflicts(
  db: Kysely<unknown>,
  text: SqlColumnType,
  flavor: SqlFlavor,
): Promise<void> {
  await db.schema
    .createTable('conflicts')
    .addColumn('id', autoIdType(flavor), autoIdColumn(flavor))
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('fingerprint', text, (c) => c.notNull())
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('source', text, (c) => c.notNull())
    .addColumn('external_id', text)
    .addColumn('asset_ids', text, (c) => c.notNull())
    .addColumn('summary', text, (c) => c.notNull())
    .addColumn('details', text, (c) => c.notNull())
    .addColumn('run_id', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('last_seen_at', text, (c) => c.notNull())
    .addColumn('occurrences', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('resolved_at', text)
    .execute();
  await db.schema
    .createIndex('conflicts_fingerprint_idx')
    .on('conflicts')
    .columns(['fingerprint', 'status'])
    .execute();
}

async function createTicketLinksAndRuns(db: Kysely<unknown>, text: SqlColumnType): Promise<void> {
  await db.schema
    .createTable('ticket_links')
    .addColumn('asset_id', text, (c) => c.notNull().references('assets.id'))
    .addColumn('system', text, (c) => c.notNull())
    .addColumn('key', text, (c) => c.notNull())
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('state', text)
    .addColumn('title', text)
    .addColumn('url', text)
    .addColumn('linked_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_links_pk', ['asset_id', 'system', 'key'])
    .execute();

  await db.schema
    .createTable('runs')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('started_at', text, (c) => c.notNull())
    .addColumn('ended_at', text)
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('summary', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('runs_started_idx').on('runs').column('started_at').execute();
}

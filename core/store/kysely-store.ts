import { Migrator, sql, type Kysely } from 'kysely';
import type { Logger } from 'pino';
import { normalizeSerial } from '../identity/normalize';
import type { Asset } from '../model/asset';
import type { Store, StoreTx } from './store';
import type { AssetPage, ConflictRow, HistoryEntry, RunRow } from './store-types';
import type { StoreDb } from './db-schema';
import type { SqlFlavor } from './sql-flavor';
import { KyselyStoreTx } from './kysely-store-tx';
import { StoreMigrationProvider } from './migrations/migration-provider';
import { describeError, guard, storeError } from './store-errors';
import {
  decodeFieldValue,
  encodeJson,
  rowToConflict,
  rowToRun,
  rowToStoredAsset,
} from './row-codec';

export interface KyselyStoreOptions {
  /** PostgreSQL schema that holds the tables (also set as the connections' search_path). */
  schema?: string;
  logger?: Logger;
}

/**
 * The store over kysely, one class for SQLite and PostgreSQL. Methods inherited from
 * KyselyStoreTx run outside any transaction (each commits on its own); `transaction` hands `fn` a
 * KyselyStoreTx bound to one database transaction.
 */
export class KyselyStore extends KyselyStoreTx implements Store {
  private readonly schema: string | undefined;
  private readonly logger: Logger | undefined;

  constructor(
    db: Kysely<StoreDb>,
    readonly dialect: SqlFlavor,
    options: KyselyStoreOptions = {},
  ) {
    super(db);
    this.schema = options.schema;
    this.logger = options.logger;
  }

  /** The kysely handle, for later migrations and tests; application code uses the methods. */
  get kysely(): Kysely<StoreDb> {
    return this.db;
  }

  async migrate(): Promise<void> {
    const schema = this.schema;
    if (schema !== undefined) {
      await guard('migrate', { schema }, () =>
        sql`create schema if not exists ${sql.id(schema)}`.execute(this.db),
      );
    }
    const migrator = new Migrator({
      db: this.db,
      provider: new StoreMigrationProvider(this.dialect),
      ...(this.schema === undefined ? {} : { migrationTableSchema: this.schema }),
    });
    const { error, results = [] } = await migrator.migrateToLatest();
    for (const r of results) {
      this.logger?.info({ migration: r.migrationName, status: r.status }, 'store migration');
    }
    if (error !== undefined) {
      const failed = results.find((r) => r.status === 'Error')?.migrationName ?? '(unknown)';
      const reason = describeError(error);
      const message = `store migration ${failed} failed on ${this.dialect}: ${reason}`;
      throw storeError(message, { migration: failed }, error);
    }
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => fn(new KyselyStoreTx(trx)));
  }

  findAssets(ref: string): Promise<Asset[]> {
    return guard('findAssets', { ref }, async () => {
      const text = ref.trim();
      if (text === '') return [];
      const steps = [
        () => this.assetIdsWhere('id', text),
        () => this.assetIdsWhere('asset_tag', text),
        () => this.assetIdsByLowerTag(text),
        () => this.assetIdsBySerial(text),
        () => this.assetIdsByExternalId(text),
      ];
      for (const step of steps) {
        const ids = await step();
        if (ids.length > 0) return this.loadInOrder(ids);
      }
      return [];
    });
  }

  private async assetIdsWhere(column: 'id' | 'asset_tag', value: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('assets')
      .select('id')
      .where(column, '=', value)
      .orderBy('id')
      .execute();
    return rows.map((r) => r.id);
  }

  private async assetIdsByLowerTag(tag: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('assets')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['asset_tag']), '=', tag.toLowerCase()))
      .orderBy('id')
      .execute();
    return rows.map((r) => r.id);
  }

  private async assetIdsBySerial(ref: string): Promise<string[]> {
    const serial = normalizeSerial(ref);
    if (serial === null) return [];
    const byIndex = this.db
      .selectFrom('asset_identifiers')
      .select('asset_id as id')
      .where('kind', '=', 'serial')
      .where('value', '=', serial);
    const rows = await this.db
      .selectFrom('assets')
      .select('id')
      .where('serial', '=', serial)
      .union(byIndex)
      .orderBy('id')
      .execute();
    return rows.map((r) => r.id);
  }

  /** By a connector's record id (`computer:42`, a sys_id), or `<system>:<id>`; aliases count. */
  private async assetIdsByExternalId(ref: string): Promise<string[]> {
    const colon = ref.indexOf(':');
    const query = this.db
      .selectFrom('external_links')
      .select('asset_id')
      .where((eb) =>
        colon > 0
          ? eb.or([
              eb('external_id', '=', ref),
              eb.and([
                eb('system', '=', ref.slice(0, colon)),
                eb('external_id', '=', ref.slice(colon + 1)),
              ]),
            ])
          : eb('external_id', '=', ref),
      )
      .distinct()
      .orderBy('asset_id');
    const rows = await query.execute();
    return rows.map((r) => r.asset_id);
  }

  private async loadInOrder(ids: readonly string[]): Promise<Asset[]> {
    const found = await this.getAssets(ids);
    return ids.flatMap((id) => {
      const stored = found.get(id);
      return stored === undefined ? [] : [stored.asset];
    });
  }

  listAssets(options: { limit: number; after?: string | null }): Promise<AssetPage> {
    const { limit, after = null } = options;
    return guard('listAssets', { limit }, async () => {
      if (!Number.isInteger(limit) || limit < 1) {
        throw storeError(`listAssets: limit must be a positive integer, got ${limit}`, { limit });
      }
      let query = this.db.selectFrom('assets').select(['id', 'doc', 'version']);
      if (after !== null) query = query.where('id', '>', after);
      const rows = await query
        .orderBy('id')
        .limit(limit + 1)
        .execute();
      const page = rows.slice(0, limit);
      return {
        assets: page.map((row) => rowToStoredAsset(row).asset),
        nextAfter: rows.length > limit ? page[page.length - 1].id : null,
      };
    });
  }

  countAssets(): Promise<number> {
    return guard('countAssets', {}, async () => {
      const row = await this.db
        .selectFrom('assets')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    });
  }

  getHistory(assetId: string): Promise<HistoryEntry[]> {
    return guard('getHistory', { assetId }, async () => {
      const rows = await this.db
        .selectFrom('field_history')
        .selectAll()
        .where('asset_id', '=', assetId)
        .orderBy('id')
        .execute();
      return rows.map((r) => {
        const where = `history row ${r.id} of asset ${assetId}`;
        return {
          assetId: r.asset_id,
          field: r.field,
          oldValue: decodeFieldValue(r.old_value, `${where} old_value`),
          newValue: decodeFieldValue(r.new_value, `${where} new_value`),
          source: r.source,
          observedAt: r.observed_at,
          runId: r.run_id,
          recordedAt: r.recorded_at,
        };
      });
    });
  }

  listConflicts(options: { status?: 'open' | 'resolved' } = {}): Promise<ConflictRow[]> {
    return guard('listConflicts', { status: options.status }, async () => {
      let query = this.db.selectFrom('conflicts').selectAll();
      if (options.status !== undefined) query = query.where('status', '=', options.status);
      const rows = await query.orderBy('id').execute();
      return rows.map(rowToConflict);
    });
  }

  resolveConflict(id: number, at: string): Promise<boolean> {
    return guard('resolveConflict', { conflictId: id }, async () => {
      const result = await this.db
        .updateTable('conflicts')
        .set({ status: 'resolved', resolved_at: at })
        .where('id', '=', id)
        .where('status', '=', 'open')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    });
  }

  startRun(run: Omit<RunRow, 'endedAt' | 'status'>): Promise<void> {
    return guard('startRun', { runId: run.id }, async () => {
      await this.db
        .insertInto('runs')
        .values({
          id: run.id,
          kind: run.kind,
          started_at: run.startedAt,
          ended_at: null,
          status: 'running',
          summary: encodeJson(run.summary),
        })
        .execute();
    });
  }

  finishRun(
    id: string,
    status: RunRow['status'],
    endedAt: string,
    summary: RunRow['summary'],
  ): Promise<void> {
    return guard('finishRun', { runId: id }, async () => {
      const result = await this.db
        .updateTable('runs')
        .set({ status, ended_at: endedAt, summary: encodeJson(summary) })
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) {
        throw storeError(`cannot finish run ${id}: no such run was started`, { runId: id });
      }
    });
  }

  /** Most recent first (by start time, then id); 50 unless `limit` says otherwise. */
  listRuns(options: { limit?: number } = {}): Promise<RunRow[]> {
    const limit = options.limit ?? 50;
    return guard('listRuns', { limit }, async () => {
      const rows = await this.db
        .selectFrom('runs')
        .selectAll()
        .orderBy('started_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(rowToRun);
    });
  }
}

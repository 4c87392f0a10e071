import type { Kysely } from 'kysely';
import type { Asset, TicketLink } from '../model/asset';
import type { StoreTx } from './store';
import type {
  ConflictInput,
  ExternalLinkRow,
  FieldProvenance,
  HistoryEntry,
  IdentifierKind,
  IdentifierRow,
  StoredAsset,
} from './store-types';
import type { StoreDb } from './db-schema';
import { forChunks, inChunks, lastByKey, rowsPerInsert } from './chunk';
import { guard, storeError } from './store-errors';
import {
  assetToRow,
  conflictToRow,
  historyToRow,
  provenanceToRow,
  rowToProvenance,
  rowToStoredAsset,
  ticketLinkToRow,
  toExternalLink,
  toTicketLink,
  validAsset,
  type StoredTicketLink,
} from './row-codec';

/**
 * The StoreTx operations over one kysely handle: the database itself (each method commits on its
 * own) or a transaction. Lists are worked in one statement per chunk of at most 500 values.
 */
export class KyselyStoreTx implements StoreTx {
  constructor(protected readonly db: Kysely<StoreDb>) {}

  /** Runs `fn` atomically: in the current transaction, or in a new one. */
  protected atomically<T>(fn: (db: Kysely<StoreDb>) => Promise<T>): Promise<T> {
    return this.db.isTransaction ? fn(this.db) : this.db.transaction().execute(fn);
  }

  getAssets(ids: readonly string[]): Promise<Map<string, StoredAsset>> {
    return guard('getAssets', { count: ids.length }, async () => {
      const rows = await inChunks(ids, (part) =>
        this.db
          .selectFrom('assets')
          .select(['id', 'doc', 'version'])
          .where('id', 'in', part)
          .execute(),
      );
      return new Map(rows.map((row) => [row.id, rowToStoredAsset(row)]));
    });
  }

  findByIdentifiers(kind: IdentifierKind, values: readonly string[]): Promise<IdentifierRow[]> {
    return guard('findByIdentifiers', { kind }, async () => {
      const rows = await inChunks(values, (part) =>
        this.db
          .selectFrom('asset_identifiers')
          .select(['value', 'asset_id'])
          .where('kind', '=', kind)
          .where('value', 'in', part)
          .orderBy('value')
          .orderBy('asset_id')
          .execute(),
      );
      return rows.map((r) => ({ kind, value: r.value, assetId: r.asset_id }));
    });
  }

  findByExternalIds(system: string, externalIds: readonly string[]): Promise<ExternalLinkRow[]> {
    return guard('findByExternalIds', { system }, async () => {
      const rows = await inChunks(externalIds, (part) =>
        this.db
          .selectFrom('external_links')
          .selectAll()
          .where('system', '=', system)
          .where('external_id', 'in', part)
          .orderBy('external_id')
          .execute(),
      );
      return rows.map(toExternalLink);
    });
  }

  externalLinksOf(assetIds: readonly string[]): Promise<ExternalLinkRow[]> {
    return guard('externalLinksOf', { count: assetIds.length }, async () => {
      const rows = await inChunks(assetIds, (part) =>
        this.db
          .selectFrom('external_links')
          .selectAll()
          .where('asset_id', 'in', part)
          .orderBy('asset_id')
          .orderBy('system')
          .orderBy('external_id')
          .execute(),
      );
      return rows.map(toExternalLink);
    });
  }

  insertAsset(asset: Asset): Promise<void> {
    return guard('insertAsset', { assetId: asset.id }, async () => {
      await this.db
        .insertInto('assets')
        .values(assetToRow(validAsset(asset), 1))
        .execute();
    });
  }

  updateAsset(asset: Asset, expectedVersion: number): Promise<number> {
    return guard('updateAsset', { assetId: asset.id }, async () => {
      const next = expectedVersion + 1;
      const { id: _id, created_at: _created, ...row } = assetToRow(validAsset(asset), next);
      const result = await this.db
        .updateTable('assets')
        .set(row)
        .where('id', '=', asset.id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0)
        await this.failStaleUpdate(asset.id, expectedVersion);
      return next;
    });
  }

  private async failStaleUpdate(assetId: string, expectedVersion: number): Promise<never> {
    const current = await this.db
      .selectFrom('assets')
      .select('version')
      .where('id', '=', assetId)
      .executeTakeFirst();
    const actualVersion = current === undefined ? null : Number(current.version);
    const details = { assetId, expectedVersion, actualVersion };
    if (actualVersion === null) {
      throw storeError(`cannot update asset ${assetId}: it does not exist`, details);
    }
    throw storeError(
      `asset ${assetId} was changed by another writer: expected version ${expectedVersion}, ` +
        `found ${actualVersion}`,
      details,
    );
  }

  replaceIdentifiers(
    assetId: string,
    rows: readonly Omit<IdentifierRow, 'assetId'>[],
  ): Promise<void> {
    const values = lastByKey(rows, (r) => `${r.kind}\u0000${r.value}`).map((r) => ({
      kind: r.kind,
      value: r.value,
      asset_id: assetId,
    }));
    return guard('replaceIdentifiers', { assetId }, () =>
      this.atomically(async (db) => {
        await db.deleteFrom('asset_identifiers').where('asset_id', '=', assetId).execute();
        await forChunks(values, rowsPerInsert(3), (part) =>
          db.insertInto('asset_identifiers').values(part).execute(),
        );
      }),
    );
  }

  upsertExternalLink(link: ExternalLinkRow): Promise<void> {
    const subject = { system: link.system, externalId: link.externalId, assetId: link.assetId };
    return guard('upsertExternalLink', subject, async () => {
      await this.db
        .insertInto('external_links')
        .values({
          system: link.system,
          external_id: link.externalId,
          asset_id: link.assetId,
          alias: link.alias ? 1 : 0,
        })
        .onConflict((oc) =>
          oc.columns(['system', 'external_id']).doUpdateSet((eb) => ({
            asset_id: eb.ref('excluded.asset_id'),
            alias: eb.ref('excluded.alias'),
          })),
        )
        .execute();
    });
  }

  getProvenance(assetIds: readonly string[]): Promise<FieldProvenance[]> {
    return guard('getProvenance', { count: assetIds.length }, async () => {
      const rows = await inChunks(assetIds, (part) =>
        this.db
          .selectFrom('field_provenance')
          .selectAll()
          .where('asset_id', 'in', part)
          .orderBy('asset_id')
          .orderBy('field')
          .execute(),
      );
      return rows.map(rowToProvenance);
    });
  }

  upsertProvenance(rows: readonly FieldProvenance[]): Promise<void> {
    return guard('upsertProvenance', { count: rows.length }, async () => {
      const latest = lastByKey(rows, (r) => `${r.assetId}\u0000${r.field}`);
      await forChunks(latest, rowsPerInsert(6), (part) =>
        this.db
          .insertInto('field_provenance')
          .values(part.map(provenanceToRow))
          .onConflict((oc) =>
            oc.columns(['asset_id', 'field']).doUpdateSet((eb) => ({
              source: eb.ref('excluded.source'),
              authority: eb.ref('excluded.authority'),
              observed_at: eb.ref('excluded.observed_at'),
              value: eb.ref('excluded.value'),
            })),
          )
          .execute(),
      );
    });
  }

  appendHistory(rows: readonly HistoryEntry[]): Promise<void> {
    return guard('appendHistory', { count: rows.length }, async () => {
      await forChunks(rows, rowsPerInsert(8), (part) =>
        this.db.insertInto('field_history').values(part.map(historyToRow)).execute(),
      );
    });
  }

  recordConflict(conflict: ConflictInput): Promise<{ id: number; created: boolean }> {
    return guard('recordConflict', { fingerprint: conflict.fingerprint }, () =>
      this.atomically(async (db) => {
        const open = await db
          .selectFrom('conflicts')
          .select('id')
          .where('fingerprint', '=', conflict.fingerprint)
          .where('status', '=', 'open')
          .orderBy('id')
          .executeTakeFirst();
        if (open === undefined) {
          const row = await db
            .insertInto('conflicts')
            .values(conflictToRow(conflict))
            .returning('id')
            .executeTakeFirstOrThrow();
          return { id: Number(row.id), created: true };
        }
        await db
          .updateTable('conflicts')
          .set((eb) => ({
            occurrences: eb('occurrences', '+', 1),
            last_seen_at: conflict.createdAt,
          }))
          .where('id', '=', open.id)
          .execute();
        return { id: Number(open.id), created: false };
      }),
    );
  }

  upsertTicketLink(assetId: string, link: TicketLink): Promise<void> {
    return guard('upsertTicketLink', { assetId, system: link.system, key: link.key }, async () => {
      await this.db
        .insertInto('ticket_links')
        .values(ticketLinkToRow(assetId, link))
        .onConflict((oc) =>
          oc.columns(['asset_id', 'system', 'key']).doUpdateSet((eb) => ({
            kind: eb.ref('excluded.kind'),
            state: eb.ref('excluded.state'),
            open: eb.ref('excluded.open'),
            title: eb.ref('excluded.title'),
            url: eb.ref('excluded.url'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    });
  }

  deleteTicketLink(assetId: string, system: string, key: string): Promise<void> {
    return guard('deleteTicketLink', { assetId, system, key }, async () => {
      await this.db
        .deleteFrom('ticket_links')
        .where('asset_id', '=', assetId)
        .where('system', '=', system)
        .where('key', '=', key)
        .execute();
    });
  }

  /**
   * Ticket links of the given assets, ordered by asset, system and key; `linkedAt` is kept from
   * the first upsert. Not (yet) part of the StoreTx interface.
   */
  ticketLinksOf(assetIds: readonly string[]): Promise<StoredTicketLink[]> {
    return guard('ticketLinksOf', { count: assetIds.length }, async () => {
      const rows = await inChunks(assetIds, (part) =>
        this.db
          .selectFrom('ticket_links')
          .selectAll()
          .where('asset_id', 'in', part)
          .orderBy('asset_id')
          .orderBy('system')
          .orderBy('key')
          .execute(),
      );
      return rows.map(toTicketLink);
    });
  }
}

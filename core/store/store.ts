import type { Asset, TicketLink } from '../model/asset';
import type {
  AssetPage,
  ConflictInput,
  ConflictRow,
  ExternalLinkRow,
  FieldProvenance,
  HistoryEntry,
  IdentifierKind,
  IdentifierRow,
  RunRow,
  StoredAsset,
} from './store-types';

/**
 * Reads and writes available inside a transaction. Every method that takes a list works on the
 * whole list in as few statements as the database allows (identity resolution of a page of 1,000
 * records must not cost thousands of round trips).
 */
export interface StoreTx {
  getAssets(ids: readonly string[]): Promise<Map<string, StoredAsset>>;
  findByIdentifiers(kind: IdentifierKind, values: readonly string[]): Promise<IdentifierRow[]>;
  findByExternalIds(system: string, externalIds: readonly string[]): Promise<ExternalLinkRow[]>;
  /** External links of the given assets (all systems). */
  externalLinksOf(assetIds: readonly string[]): Promise<ExternalLinkRow[]>;

  insertAsset(asset: Asset): Promise<void>;
  /** Writes the whole asset document; fails with STORE when `expectedVersion` is stale. */
  updateAsset(asset: Asset, expectedVersion: number): Promise<number>;
  /** Replaces the identity-index rows of an asset with `rows`. */
  replaceIdentifiers(
    assetId: string,
    rows: readonly Omit<IdentifierRow, 'assetId'>[],
  ): Promise<void>;
  /** Inserts or re-points an external link (system, externalId) to `assetId`. */
  upsertExternalLink(link: ExternalLinkRow): Promise<void>;

  getProvenance(assetIds: readonly string[]): Promise<FieldProvenance[]>;
  upsertProvenance(rows: readonly FieldProvenance[]): Promise<void>;
  appendHistory(rows: readonly HistoryEntry[]): Promise<void>;

  /** Records a conflict, or bumps `occurrences` of the open one with the same fingerprint. */
  recordConflict(conflict: ConflictInput): Promise<{ id: number; created: boolean }>;
  upsertTicketLink(assetId: string, link: TicketLink): Promise<void>;
  deleteTicketLink(assetId: string, system: string, key: string): Promise<void>;
}

/** The one store interface; SQLite and PostgreSQL implement it through one query layer. */
export interface Store extends StoreTx {
  readonly dialect: 'sqlite' | 'postgres';
  /** Applies pending migrations. Safe to call on every start. */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** Runs `fn` in one transaction; a throw rolls back everything `fn` wrote. */
  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;

  /** Finds assets by id, asset tag, serial (normalised) or external id (`jamf-prod:computer:42`
   * or the bare id), in that order. */
  findAssets(ref: string): Promise<Asset[]>;
  listAssets(options: { limit: number; after?: string | null }): Promise<AssetPage>;
  countAssets(): Promise<number>;
  getHistory(assetId: string): Promise<HistoryEntry[]>;

  listConflicts(options?: { status?: 'open' | 'resolved' }): Promise<ConflictRow[]>;
  resolveConflict(id: number, at: string): Promise<boolean>;

  startRun(run: Omit<RunRow, 'endedAt' | 'status'>): Promise<void>;
  finishRun(
    id: string,
    status: RunRow['status'],
    endedAt: string,
    summary: RunRow['summary'],
  ): Promise<void>;
  listRuns(options?: { limit?: number }): Promise<RunRow[]>;
}

import type { Generated } from 'kysely';

/**
 * Row shapes of the store's tables, as kysely sees them. Both dialects store JSON as TEXT and
 * timestamps as ISO-8601 UTC TEXT, so values and their ordering are identical in SQLite and
 * PostgreSQL.
 */

export interface AssetsTable {
  id: string;
  asset_tag: string | null;
  /** Normalised serial (see `normalizeSerial`), for lookups. The document keeps the raw value. */
  serial: string | null;
  name: string | null;
  category: string;
  lifecycle_stage: string;
  /** The whole `Asset` document as JSON. */
  doc: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface AssetIdentifiersTable {
  kind: string;
  value: string;
  asset_id: string;
}

export interface ExternalLinksTable {
  system: string;
  external_id: string;
  asset_id: string;
  /** 1 for an alias (older id of the same device), 0 otherwise. */
  alias: number;
}

export interface FieldProvenanceTable {
  asset_id: string;
  field: string;
  source: string;
  authority: number;
  observed_at: string;
  /** FieldValue as JSON. */
  value: string;
}

export interface FieldHistoryTable {
  id: Generated<number>;
  asset_id: string;
  field: string;
  old_value: string;
  new_value: string;
  source: string;
  observed_at: string;
  run_id: string;
  recorded_at: string;
}

export interface ConflictsTable {
  id: Generated<number>;
  kind: string;
  fingerprint: string;
  status: string;
  source: string;
  external_id: string | null;
  /** string[] as JSON. */
  asset_ids: string;
  summary: string;
  /** Record<string, unknown> as JSON. */
  details: string;
  run_id: string;
  created_at: string;
  last_seen_at: string;
  occurrences: number;
  resolved_at: string | null;
}

export interface TicketLinksTable {
  asset_id: string;
  system: string;
  key: string;
  kind: string;
  state: string | null;
  /** 1 open, 0 closed, null unknown (added by migration 0004). */
  open: number | null;
  title: string | null;
  url: string | null;
  linked_at: string;
  updated_at: string;
}

export interface RunsTable {
  id: string;
  kind: string;
  started_at: string;
  ended_at: string | null;
  status: string;
  /** Record<string, unknown> as JSON. */
  summary: string;
}

export interface StoreDb {
  assets: AssetsTable;
  asset_identifiers: AssetIdentifiersTable;
  external_links: ExternalLinksTable;
  field_provenance: FieldProvenanceTable;
  field_history: FieldHistoryTable;
  conflicts: ConflictsTable;
  ticket_links: TicketLinksTable;
  runs: RunsTable;
}

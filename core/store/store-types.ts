import type { Asset, TicketLink } from '../model/asset';
import type { FieldValue } from '../model/core-fields';

/** Identifier kinds kept in the identity index. */
export type IdentifierKind = 'serial' | 'udid' | 'imei' | 'mac' | 'asset_tag';

export interface IdentifierRow {
  kind: IdentifierKind;
  /** Normalised value (see core/identity/normalize.ts). */
  value: string;
  assetId: string;
}

export interface ExternalLinkRow {
  /** Connector instance or import source name, for example `jamf-prod`. */
  system: string;
  externalId: string;
  assetId: string;
  /** An older id of the same device (re-enrolment); it still resolves to the asset. */
  alias: boolean;
}

/** Where the current value of one field of one asset came from. */
export interface FieldProvenance {
  assetId: string;
  field: string;
  source: string;
  /** Authority the source had for this field when it won. */
  authority: number;
  observedAt: string;
  value: FieldValue;
}

/** One append-only history row: a field changed. */
export interface HistoryEntry {
  assetId: string;
  field: string;
  oldValue: FieldValue;
  newValue: FieldValue;
  source: string;
  observedAt: string;
  runId: string;
  recordedAt: string;
}

export type ConflictKind = 'multiple_assets' | 'identifier_disagreement' | 'field_conflict';

export interface ConflictInput {
  kind: ConflictKind;
  /** Stable fingerprint: the same conflict seen twice is recorded once. */
  fingerprint: string;
  source: string;
  externalId: string | null;
  assetIds: string[];
  summary: string;
  details: Record<string, unknown>;
  runId: string;
  createdAt: string;
}

export interface ConflictRow extends ConflictInput {
  id: number;
  status: 'open' | 'resolved';
  resolvedAt: string | null;
  /** How many times the same conflict was seen. */
  occurrences: number;
  lastSeenAt: string;
}

export interface RunRow {
  id: string;
  kind: string;
  startedAt: string;
  endedAt: string | null;
  status: 'running' | 'ok' | 'partial' | 'failed';
  /** Free-form counts (created, updated, ...) and request counts per system. */
  summary: Record<string, unknown>;
}

export interface StoredAsset {
  asset: Asset;
  /** Optimistic-concurrency version; bumped by every update. */
  version: number;
}

export interface AssetPage {
  assets: Asset[];
  /** Pass back as `after` for the next page; null at the end. */
  nextAfter: string | null;
}

export type { TicketLink };

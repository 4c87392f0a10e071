import { z } from 'zod';
import { Asset, type TicketLink } from '../model/asset';
import type { FieldValue } from '../model/core-fields';
import { normalizeSerial } from '../identity/normalize';
import type { Insertable, Selectable } from 'kysely';
import type {
  AssetsTable,
  ConflictsTable,
  FieldHistoryTable,
  FieldProvenanceTable,
  RunsTable,
  StoreDb,
  TicketLinksTable,
} from './db-schema';
import type {
  ConflictInput,
  ConflictRow,
  ExternalLinkRow,
  FieldProvenance,
  HistoryEntry,
  RunRow,
  StoredAsset,
} from './store-types';
import { storeError } from './store-errors';

/** A ticket link as stored, with the asset it belongs to. */
export interface StoredTicketLink extends TicketLink {
  assetId: string;
}

/** Conversions between domain objects and table rows; JSON is stored as TEXT in both dialects. */

const FieldValueSchema = z.union([z.string(), z.number(), z.array(z.string()), z.null()]);
const JsonObject = z.record(z.string(), z.unknown());
const StringList = z.array(z.string());

/** JSON text of a FieldValue; rejects NaN and infinities, which JSON cannot carry. */
export function encodeFieldValue(value: FieldValue, where: string): string {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw storeError(`${where}: the number ${value} cannot be stored (not finite)`, { where });
  }
  return JSON.stringify(value);
}

export function decodeFieldValue(text: string, where: string): FieldValue {
  return decodeJson(text, FieldValueSchema, where);
}

export function encodeJson(value: unknown): string {
  return JSON.stringify(value);
}

export function decodeObject(text: string, where: string): Record<string, unknown> {
  return decodeJson(text, JsonObject, where);
}

export function decodeStringList(text: string, where: string): string[] {
  return decodeJson(text, StringList, where);
}

function decodeJson<T>(text: string, schema: z.ZodType<T>, where: string): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw storeError(`${where} holds invalid JSON`, { where }, err);
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    throw storeError(`${where} holds an unexpected value: ${z.prettifyError(result.error)}`, {
      where,
    });
  }
  return result.data;
}

/** Validates an asset before it is written; an invalid one is a STORE error naming it. */
export function validAsset(asset: Asset): Asset {
  const result = Asset.safeParse(asset);
  if (!result.success) {
    const id = typeof asset?.id === 'string' ? asset.id : '(no id)';
    throw storeError(`asset ${id} is not a valid Asset: ${z.prettifyError(result.error)}`, {
      assetId: id,
    });
  }
  return result.data;
}

export function assetToRow(asset: Asset, version: number): AssetsTable {
  return {
    id: asset.id,
    asset_tag: asset.assetTag ?? null,
    serial: normalizeSerial(asset.serial),
    name: asset.name ?? null,
    category: asset.category,
    lifecycle_stage: asset.lifecycle.stage,
    doc: JSON.stringify(asset),
    version,
    created_at: asset.createdAt,
    updated_at: asset.updatedAt,
  };
}

export function rowToStoredAsset(row: Pick<AssetsTable, 'id' | 'doc' | 'version'>): StoredAsset {
  const where = `asset ${row.id}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(row.doc);
  } catch (err) {
    throw storeError(
      `stored ${where} is corrupted: its document is not JSON`,
      { assetId: row.id },
      err,
    );
  }
  const result = Asset.safeParse(parsed);
  if (!result.success) {
    throw storeError(`stored ${where} is corrupted: ${z.prettifyError(result.error)}`, {
      assetId: row.id,
    });
  }
  return { asset: result.data, version: Number(row.version) };
}

export function rowToConflict(row: Selectable<ConflictsTable>): ConflictRow {
  const where = `conflict ${row.id}`;
  return {
    id: Number(row.id),
    kind: row.kind as ConflictRow['kind'],
    fingerprint: row.fingerprint,
    status: row.status as ConflictRow['status'],
    source: row.source,
    externalId: row.external_id,
    assetIds: decodeStringList(row.asset_ids, `${where} asset_ids`),
    summary: row.summary,
    details: decodeObject(row.details, `${where} details`),
    runId: row.run_id,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    occurrences: Number(row.occurrences),
    resolvedAt: row.resolved_at,
  };
}

export function rowToRun(row: RunsTable): RunRow {
  return {
    id: row.id,
    kind: row.kind,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    status: row.status as RunRow['status'],
    summary: decodeObject(row.summary, `run ${row.id} summary`),
  };
}

export function toExternalLink(r: StoreDb['external_links']): ExternalLinkRow {
  return {
    system: r.system,
    externalId: r.external_id,
    assetId: r.asset_id,
    alias: Number(r.alias) === 1,
  };
}

export function toTicketLink(r: StoreDb['ticket_links']): StoredTicketLink {
  const link: StoredTicketLink = {
    assetId: r.asset_id,
    system: r.system,
    key: r.key,
    kind: r.kind as TicketLink['kind'],
    linkedAt: r.linked_at,
    updatedAt: r.updated_at,
  };
  if (r.state !== null) link.state = r.state;
  if (r.open !== null && r.open !== undefined) link.open = Number(r.open) === 1;
  if (r.title !== null) link.title = r.title;
  if (r.url !== null) link.url = r.url;
  return link;
}

export function conflictToRow(c: ConflictInput): Insertable<ConflictsTable> {
  return {
    kind: c.kind,
    fingerprint: c.fingerprint,
    status: 'open',
    source: c.source,
    external_id: c.externalId,
    asset_ids: encodeJson(c.assetIds),
    summary: c.summary,
    details: encodeJson(c.details),
    run_id: c.runId,
    created_at: c.createdAt,
    last_seen_at: c.createdAt,
    occurrences: 1,
    resolved_at: null,
  };
}

export function historyToRow(r: HistoryEntry): Insertable<FieldHistoryTable> {
  const where = `history of asset ${r.assetId} field ${r.field}`;
  return {
    asset_id: r.assetId,
    field: r.field,
    old_value: encodeFieldValue(r.oldValue, where),
    new_value: encodeFieldValue(r.newValue, where),
    source: r.source,
    observed_at: r.observedAt,
    run_id: r.runId,
    recorded_at: r.recordedAt,
  };
}

export function provenanceToRow(r: FieldProvenance): FieldProvenanceTable {
  return {
    asset_id: r.assetId,
    field: r.field,
    source: r.source,
    authority: r.authority,
    observed_at: r.observedAt,
    value: encodeFieldValue(r.value, `provenance of asset ${r.assetId} field ${r.field}`),
  };
}

export function rowToProvenance(r: FieldProvenanceTable): FieldProvenance {
  return {
    assetId: r.asset_id,
    field: r.field,
    source: r.source,
    authority: Number(r.authority),
    observedAt: r.observed_at,
    value: decodeFieldValue(r.value, `provenance of asset ${r.asset_id} field ${r.field}`),
  };
}

export function ticketLinkToRow(assetId: string, link: TicketLink): TicketLinksTable {
  return {
    asset_id: assetId,
    system: link.system,
    key: link.key,
    kind: link.kind,
    state: link.state ?? null,
    open: link.open === undefined ? null : link.open ? 1 : 0,
    title: link.title ?? null,
    url: link.url ?? null,
    linked_at: link.linkedAt,
    updated_at: link.updatedAt,
  };
}

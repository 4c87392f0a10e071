import type { Logger } from 'pino';
import { AssetbridgeError } from '../errors';
import { mapInbound } from '../mapping/mapper';
import type { Mapping } from '../mapping/mapping-schema';
import type { SourceRef, Transform } from '../mapping/transform-schema';
import type { FieldValue } from '../model/core-fields';
import type { Observation } from '../identity/observation';
import type { AssetIngestor } from './asset-ingestor';
import { checkImportValues } from './check-import-values';
import {
  collectConflicts,
  countOutcomes,
  type IngestOutcome,
  type OutcomeConflict,
  type RowStatus,
} from './ingest-outcome';
import { readRecordFile } from './record-source';
import { closestMatch } from '../mapping/did-you-mean';

/** Longest text a field may hold; longer values are a row error, not a silent cut. */
export const MAX_FIELD_LENGTH = 65_536;
/** Records applied per transaction. */
export const IMPORT_BATCH_SIZE = 500;

export interface ImportOptions {
  file: string;
  /** Name shown in messages (`devices.csv`), defaults to `file`. */
  displayName?: string;
  source: string;
  mapping: Mapping;
  runId: string;
  observedAt: string;
}

export interface MissingColumn {
  column: string;
  /** The file's column most like it, when one is close (`Serial No` for `Serial Number`). */
  closest: string | null;
}

export interface ImportReport {
  file: string;
  source: string;
  runId: string;
  /** Rows by what became of them (`conflict`: rows not applied because of a conflict). */
  counts: Record<RowStatus, number>;
  /**
   * Every conflict recorded by the run, also those whose rows were applied apart (two devices
   * claiming one MAC address): each once, with the rows it is about.
   */
  conflicts: (OutcomeConflict & { refs: string[] })[];
  rows: IngestOutcome[];
  /** Columns present in the file that the mapping does not read. */
  unmappedColumns: string[];
  /** Columns the mapping reads that the file does not have (CSV only). */
  missingColumns: MissingColumn[];
}

/**
 * Imports a CSV or JSON export through the same mapping, identity and reconciliation path that
 * connectors use. Bad rows are reported with their line and reason; good rows are applied.
 */
export async function importFile(
  options: ImportOptions,
  deps: { ingestor: AssetIngestor; logger: Logger },
): Promise<ImportReport> {
  const name = options.displayName ?? options.file;
  const { rows, columns } = readRecordFile(options.file, name);
  const read = mappedColumns(options.mapping);
  if (columns.length > 0 && !columns.some((c) => read.has(c))) {
    const shown = columns.slice(0, 5).map((c) => JSON.stringify(c.slice(0, 40)));
    throw new AssetbridgeError(
      'IMPORT_FILE',
      `${name}: none of its ${columns.length} columns (${shown.join(', ')}${columns.length > 5 ? ', ...' : ''}) is one the mapping reads (${[...read].slice(0, 5).join(', ')}, ...); is it the right file and mapping?`,
    );
  }
  const outcomes: IngestOutcome[] = [];
  const pending: { obs: Observation; at: number; warnings: string[] }[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    const batch = pending.splice(0, pending.length);
    const results = await deps.ingestor.ingest(
      batch.map((p) => p.obs),
      options.runId,
    );
    results.forEach((r, i) => {
      const { at, warnings } = batch[i];
      outcomes[at] = { ...r, index: at, reasons: [...warnings, ...r.reasons] };
    });
    deps.logger.debug({ runId: options.runId, rows: batch.length }, 'import batch applied');
  };
  for (const [at, row] of rows.entries()) {
    const rejected = (reasons: string[]): IngestOutcome => ({
      index: at,
      ref: row.ref,
      status: 'rejected',
      assetId: null,
      reasons,
      changedFields: [],
      conflicts: [],
    });
    if (row.record === null) {
      outcomes[at] = rejected([row.error ?? 'unreadable row']);
      continue;
    }
    const mapped = mapInbound(options.mapping, row.record);
    const { values, warnings } = checkImportValues(options.mapping, mapped.record.values);
    const problems = [...mapped.errors.map((e) => e.message), ...oversized(values)];
    if (problems.length > 0) {
      outcomes[at] = rejected([...problems, ...warnings]);
      continue;
    }
    const obs: Observation = {
      source: options.source,
      externalId: mapped.record.externalId,
      observedAt: options.observedAt,
      values,
      ref: row.ref,
    };
    pending.push({ obs, at, warnings });
    if (pending.length >= IMPORT_BATCH_SIZE) await flush();
  }
  await flush();
  return {
    file: name,
    source: options.source,
    runId: options.runId,
    counts: countOutcomes(outcomes),
    conflicts: collectConflicts(outcomes),
    rows: outcomes,
    unmappedColumns: columns.filter((c) => !mappedColumns(options.mapping).has(c)),
    missingColumns: missingColumns(columns, options.mapping),
  };
}

function oversized(values: Record<string, FieldValue>): string[] {
  const out: string[] = [];
  for (const [field, value] of Object.entries(values)) {
    const texts = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
    const longest = Math.max(0, ...texts.map((t) => t.length));
    if (longest > MAX_FIELD_LENGTH) {
      out.push(`${field}: value has ${longest} characters; the limit is ${MAX_FIELD_LENGTH}`);
    }
  }
  return out;
}

/** Columns the mapping reads (first segment of every source path). */
function mappedColumns(mapping: Mapping): Set<string> {
  const read = new Set<string>();
  if (mapping.externalId) read.add(String(mapping.externalId.segments[0]));
  for (const f of mapping.fields) {
    if (f.source) read.add(String(f.source.segments[0]));
    for (const t of f.transforms) {
      for (const ref of sourcesOf(t)) read.add(String(ref.segments[0]));
    }
  }
  return read;
}

/** Mapped columns a CSV header lacks, each with the closest column the file has. */
function missingColumns(columns: string[], mapping: Mapping): MissingColumn[] {
  if (columns.length === 0) return [];
  const extra = columns.filter((c) => !mappedColumns(mapping).has(c));
  return [...mappedColumns(mapping)]
    .filter((c) => !columns.includes(c))
    .map((column) => ({ column, closest: closestMatch(column, extra) }));
}

function sourcesOf(t: Transform): SourceRef[] {
  return t.kind === 'concat' || t.kind === 'firstNonEmpty' ? t.sources : [];
}

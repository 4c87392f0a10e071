import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { AssetbridgeError } from '../errors';

/** One row of an import file: its values by column, or why it cannot be read. */
export interface SourceRow {
  /** `devices.csv:12` (line of a CSV row) or `devices.json[3]` (index of a JSON record). */
  ref: string;
  record: Record<string, unknown> | null;
  error: string | null;
}

export interface RecordSourceResult {
  rows: SourceRow[];
  /** Columns of a CSV header, in order; empty for JSON. */
  columns: string[];
}

/** Reads a CSV or JSON export into rows. A bad row is reported with its line, never fatal. */
export function readRecordFile(file: string, displayName = file): RecordSourceResult {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (cause) {
    throw new AssetbridgeError(
      'IMPORT_FILE',
      `cannot read ${displayName}: ${(cause as Error).message}`,
      { cause },
    );
  }
  const ext = extname(file).toLowerCase();
  if (ext === '.json') return readJson(bytes, displayName);
  if (['.csv', '.tsv', '.txt'].includes(ext)) return readCsv(bytes, displayName);
  throw new AssetbridgeError(
    'IMPORT_FILE',
    `${displayName}: unsupported file type '${ext}' (expected .csv, .tsv, .txt or .json)`,
  );
}

/** Line numbers (1-based) whose bytes are not valid UTF-8. */
export function invalidUtf8Lines(bytes: Buffer): Set<number> {
  const bad = new Set<number>();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let start = 0;
  let line = 1;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== 0x0a) continue;
    try {
      decoder.decode(bytes.subarray(start, i));
    } catch {
      bad.add(line);
    }
    start = i + 1;
    line += 1;
  }
  return bad;
}

function readCsv(bytes: Buffer, name: string): RecordSourceResult {
  const badLines = invalidUtf8Lines(bytes);
  const text = new TextDecoder('utf-8').decode(bytes);
  const rows: SourceRow[] = [];
  let lastEnd = 0;
  const records = parse(text, {
    bom: true,
    delimiter: detectDelimiter(text),
    info: true,
    raw: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_record: (record, context) => {
      lastEnd = context.lines;
      return record;
    },
    on_skip: (err) => {
      const line = lastEnd + 1;
      rows.push({
        ref: `${name}:${line}`,
        record: null,
        error: `malformed CSV: ${err?.message ?? 'unreadable row'}`,
      });
    },
  }) as unknown as { record: string[]; info: { lines: number }; raw: string }[];
  if (records.length === 0) return { rows, columns: [] };
  const header = records[0].record.map((h) => h.trim());
  checkHeader(header, name);
  for (const { record, info, raw } of records.slice(1)) {
    if (record.every((v) => v.trim() === '')) continue;
    const newlines = (raw.match(/\n/g) ?? []).length - (raw.endsWith('\n') ? 1 : 0);
    const first = info.lines - newlines;
    rows.push(csvRow(name, first, info.lines, record, header, badLines));
  }
  rows.sort((a, b) => lineOf(a.ref) - lineOf(b.ref));
  return { rows, columns: header };
}

/** Comma, unless the header line has none and has semicolons (Excel in many locales) or tabs. */
export function detectDelimiter(text: string): string {
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const count = (ch: string) => header.split(ch).length - 1;
  const candidates = [',', ';', '\t'].map((ch) => ({ ch, n: count(ch) }));
  const best = candidates.reduce((a, b) => (b.n > a.n ? b : a));
  return best.n > 0 ? best.ch : ',';
}

function checkHeader(header: string[], name: string): void {
  const seen = new Set<string>();
  for (const h of header) {
    if (h === '')
      throw new AssetbridgeError('IMPORT_FILE', `${name}:1: the header has an empty column name`);
    if (seen.has(h))
      throw new AssetbridgeError(
        'IMPORT_FILE',
        `${name}:1: column '${h}' appears twice in the header`,
      );
    seen.add(h);
  }
}

function csvRow(
  name: string,
  first: number,
  last: number,
  values: string[],
  header: string[],
  bad: Set<number>,
): SourceRow {
  const ref = `${name}:${first}`;
  for (let l = first; l <= last; l++) {
    if (bad.has(l)) {
      return {
        ref,
        record: null,
        error: `line ${l} has bytes that are not valid UTF-8 (save the file as UTF-8)`,
      };
    }
  }
  if (values.length !== header.length) {
    const error = `malformed CSV row: ${values.length} values for ${header.length} columns`;
    return { ref, record: null, error };
  }
  const record: Record<string, unknown> = {};
  header.forEach((h, i) => (record[h] = values[i]));
  return { ref, record, error: null };
}

const lineOf = (ref: string) => Number(ref.slice(ref.lastIndexOf(':') + 1)) || 0;

function readJson(bytes: Buffer, name: string): RecordSourceResult {
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (cause) {
    const why = cause instanceof TypeError ? 'it is not valid UTF-8' : (cause as Error).message;
    throw new AssetbridgeError('IMPORT_FILE', `${name}: not a JSON file: ${why}`, { cause });
  }
  const list = Array.isArray(data) ? data : recordsProperty(data);
  if (list === null) {
    throw new AssetbridgeError(
      'IMPORT_FILE',
      `${name}: expected a JSON array of records, or an object with a 'records' array`,
    );
  }
  const rows = list.map((item, i): SourceRow => {
    const ref = `${name}[${i}]`;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      return { ref, record: null, error: 'expected an object' };
    }
    return { ref, record: item as Record<string, unknown>, error: null };
  });
  return { rows, columns: [] };
}

function recordsProperty(data: unknown): unknown[] | null {
  if (data === null || typeof data !== 'object') return null;
  const records = (data as Record<string, unknown>).records;
  return Array.isArray(records) ? records : null;
}

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

/** Quote errors after which csv-parse reads the rest of the file as one field. */
const FATAL_QUOTE_ERRORS = new Set(['CSV_QUOTE_NOT_CLOSED', 'CSV_INVALID_CLOSING_QUOTE']);

function readCsv(bytes: Buffer, name: string): RecordSourceResult {
  const badLines = invalidUtf8Lines(bytes);
  const text = new TextDecoder('utf-8').decode(bytes);
  if (text.replace(/^\uFEFF/, '').trim() === '') {
    throw new AssetbridgeError(
      'IMPORT_FILE',
      `no header row in ${name}: the file is empty ` +
        '(a CSV file starts with a header naming its columns)',
    );
  }
  const delimiter = detectDelimiter(text);
  const rows: SourceRow[] = [];
  let lastEnd = 0;
  let fatal: AssetbridgeError | null = null;
  const records = parse(text, {
    bom: true,
    delimiter,
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
      if (err && FATAL_QUOTE_ERRORS.has(err.code)) {
        fatal ??= quoteError(name, text, delimiter, lastEnd + 1, err);
        return;
      }
      const line = lastEnd + 1;
      rows.push({
        ref: `${name}:${line}`,
        record: null,
        error: `malformed CSV: ${err?.message ?? 'unreadable row'}`,
      });
    },
  }) as unknown as { record: string[]; info: { lines: number }; raw: string }[];
  if (fatal !== null) throw fatal;
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

/**
 * The file-level error for a quoted field that is never closed, or closed and followed by text:
 * csv-parse then reads the rest of the file as that one field, so no later row can be trusted.
 * It names the line where the quoted field starts, found by scanning from `fromLine`.
 */
function quoteError(
  name: string,
  text: string,
  delimiter: string,
  fromLine: number,
  cause: Error & { lines?: number },
): AssetbridgeError {
  const found = findQuoteProblem(text.replace(/^\uFEFF/, ''), delimiter, fromLine);
  const line = found?.line ?? cause.lines ?? fromLine;
  const what =
    found?.kind === 'text-after-quote'
      ? 'the quoted field that starts on this line has text after its closing quote ' +
        `(line ${found.closedAt})`
      : 'a quoted field starts on this line and is not closed before the end of the file';
  return new AssetbridgeError(
    'IMPORT_FILE',
    `${name}:${line}: ${what}; the rest of the file cannot be read reliably, so nothing was ` +
      'imported. Close the quote, or write a quote inside a quoted field as two ("")',
    { cause, details: { file: name, line } },
  );
}

export interface QuoteProblem {
  kind: 'unclosed' | 'text-after-quote';
  /** Line where the quoted field starts. */
  line: number;
  /** Line of its closing quote (`text-after-quote`). */
  closedAt?: number;
}

/**
 * The first quoted field from `fromLine` on that is never closed, or whose closing quote is
 * followed by something other than a delimiter or the end of the line (RFC 4180 quoting).
 */
export function findQuoteProblem(
  text: string,
  delimiter: string,
  fromLine = 1,
): QuoteProblem | null {
  let line = 1;
  let i = 0;
  while (line < fromLine && i < text.length) if (text[i++] === '\n') line++;
  let fieldStart = true;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (fieldStart && ch === '"') {
      const opened = line;
      for (i++; i < text.length && !(text[i] === '"' && text[i + 1] !== '"'); i++) {
        if (text[i] === '"') i++;
        else if (text[i] === '\n') line++;
      }
      if (i >= text.length) return { kind: 'unclosed', line: opened };
      const next = text[i + 1];
      if (next !== undefined && next !== delimiter && next !== '\r' && next !== '\n') {
        return { kind: 'text-after-quote', line: opened, closedAt: line };
      }
      fieldStart = false;
      continue;
    }
    if (ch === '\n') line++;
    fieldStart = ch === delimiter || ch === '\n';
  }
  return null;
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
  if (bytes.toString('utf8').trim() === '') {
    throw new AssetbridgeError(
      'IMPORT_FILE',
      `${name}: the file is empty (expected a JSON array of records)`,
    );
  }
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

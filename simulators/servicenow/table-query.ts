import { parseEncodedQuery, type ParsedQuery } from './encoded-query';
import { compileQuery, type QueryContext } from './query-evaluator';
import type { SnRecord } from './record-store';
import type { ServiceNowState } from './servicenow-state';
import type { Column, TableInfo } from './table-schema';

const CACHE_SIZE = 16;

export interface QueryResult {
  records: SnRecord[];
  /** Query parts that were ignored (or that emptied the result in strict mode). */
  invalid: string[];
}

/**
 * Runs encoded queries against a table. Results are cached per (table, query, store version) so
 * that paging through a large table costs one scan plus one slice per page.
 */
export class TableQueryEngine {
  private readonly cache = new Map<string, QueryResult>();

  constructor(private readonly state: ServiceNowState) {}

  /** The column at the end of a (possibly dot-walked) path, if the path is valid. */
  resolveColumn(table: TableInfo, path: string): Column | undefined {
    const schema = this.state.store.schema;
    const parts = path.split('.');
    let info: TableInfo | undefined = table;
    for (let i = 0; i < parts.length - 1; i++) {
      const col: Column | undefined = info?.columns.get(parts[i]);
      info = col?.reference ? schema.get(col.reference) : undefined;
    }
    return info?.columns.get(parts[parts.length - 1]);
  }

  private context(table: TableInfo): QueryContext<SnRecord> {
    const renderer = this.state.renderer;
    const quirks = this.state.quirks;
    return {
      isField: (f) => this.resolveColumn(table, f) !== undefined,
      isNumeric: (f) => this.resolveColumn(table, f)?.type === 'integer',
      valueAt: (r, f) => (f.includes('.') ? (renderer.walk(table, r, f)?.raw ?? '') : (r[f] ?? '')),
      invalidReturnsNoRows: !quirks.ignoreInvalidQuery,
      notEqualsExcludesEmpty: quirks.notEqualsExcludesEmpty,
    };
  }

  /**
   * The records a query without `^NQ` can match when one of its AND terms is `field=value` or
   * `fieldIN...` on the key or an indexed text column, as a database would use its index; null
   * when a scan is needed.
   */
  private indexedCandidates(table: TableInfo, parsed: ParsedQuery): SnRecord[] | null {
    if (parsed.groups.length !== 1 || parsed.invalid.length > 0) return null;
    for (const term of parsed.groups[0]!) {
      const c = term.length === 1 ? term[0]! : undefined;
      if (c === undefined || c.value === '' || c.field.includes('.')) continue;
      if (c.operator !== '=' && c.operator !== 'IN') continue;
      const column = this.resolveColumn(table, c.field);
      if (column === undefined || column.type === 'integer') continue;
      const values = c.operator === 'IN' ? c.value.split(',') : [c.value];
      const found = this.state.store.indexedEquals(table.name, c.field, values);
      if (found !== null) return found;
    }
    return null;
  }

  run(table: TableInfo, query: string): QueryResult {
    const q = this.state.quirks;
    const key = [
      table.name,
      this.state.store.version,
      q.ignoreInvalidQuery,
      q.notEqualsExcludesEmpty,
      query,
    ].join('|');
    const cached = this.cache.get(key);
    if (cached) return cached;
    const parsed = parseEncodedQuery(query);
    const compiled = compileQuery(parsed, this.context(table));
    const records: SnRecord[] = [];
    if (!compiled.noRows) {
      const candidates = this.indexedCandidates(table, parsed) ?? this.state.store.scan(table.name);
      for (const record of candidates) {
        if (compiled.matches(record)) records.push(record);
      }
      compiled.sort(records);
    }
    const result = { records, invalid: compiled.invalid };
    this.cache.set(key, result);
    if (this.cache.size > CACHE_SIZE) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    return result;
  }
}

/** `first`, `prev`, `next`, `last` links echoing every original parameter. */
export function buildLinkHeader(
  url: string,
  params: URLSearchParams,
  offset: number,
  limit: number,
  total: number,
): string {
  const link = (o: number, rel: string): string => {
    const p = new URLSearchParams(params);
    p.set('sysparm_offset', String(o));
    p.set('sysparm_limit', String(limit));
    return `<${url}?${p.toString()}>;rel="${rel}"`;
  };
  const lastOffset = total > 0 ? Math.floor((total - 1) / limit) * limit : 0;
  const links = [link(0, 'first')];
  if (offset > 0) links.push(link(Math.max(0, offset - limit), 'prev'));
  if (offset + limit < total) links.push(link(offset + limit, 'next'));
  links.push(link(lastOffset, 'last'));
  return links.join(',');
}

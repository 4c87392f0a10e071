/**
 * Parses and runs the paged-list query parameters that the Jamf Pro inventory endpoints share:
 * `section`, `page` (0-based), `page-size` (clamped to 2000 as Jamf does), `sort` and `filter`.
 * Sorted id lists are cached per (filter, sort) until the data changes, so a full paged read is
 * one sort plus one slice per page.
 */
import { JamfHttpError } from './jamf-errors';
import { RsqlFieldError, RsqlFilter, RsqlSyntaxError, type RsqlValue } from './rsql-filter';

export const MAX_PAGE_SIZE = 2000;

export interface SortKey {
  field: string;
  descending: boolean;
}

export interface InventoryQuery {
  sections: string[];
  page: number;
  pageSize: number;
  sort: SortKey[];
  filterText: string;
  filter: RsqlFilter;
}

export interface QueryRules {
  sections: readonly string[];
  filterFields: ReadonlySet<string>;
  sortFields: ReadonlySet<string>;
  defaultSort: string;
  /** Silently cap `page-size` at 2000 (Jamf's behaviour); when false, larger sizes get a 400. */
  clampPageSize: boolean;
}

type QueryValue = unknown;

function listParam(value: QueryValue): string[] {
  const raw = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return raw
    .flatMap((item) => String(item).split(','))
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function intParam(value: QueryValue, name: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const text = Array.isArray(value) ? String(value[value.length - 1]) : String(value);
  if (!/^-?\d+$/.test(text)) {
    throw new JamfHttpError(
      400,
      'INVALID_FIELD',
      `${name} must be an integer, got '${text}'`,
      name,
    );
  }
  return Number(text);
}

function parseSort(value: QueryValue, rules: QueryRules): SortKey[] {
  const items = listParam(value);
  const specs = items.length > 0 ? items : [rules.defaultSort];
  return specs.map((spec) => {
    const [field = '', dir = 'asc', ...rest] = spec.split(':');
    const direction = dir.toLowerCase();
    if (!rules.sortFields.has(field) || rest.length > 0) {
      throw new JamfHttpError(400, 'INVALID_FIELD', `Sort field '${field}' is not allowed`, 'sort');
    }
    if (direction !== 'asc' && direction !== 'desc') {
      throw new JamfHttpError(400, 'INVALID_FIELD', `Sort direction '${dir}' is invalid`, 'sort');
    }
    return { field, descending: direction === 'desc' };
  });
}

function parseFilter(text: string, rules: QueryRules): RsqlFilter {
  try {
    return RsqlFilter.parse(text, rules.filterFields);
  } catch (error) {
    if (error instanceof RsqlSyntaxError || error instanceof RsqlFieldError) {
      throw new JamfHttpError(400, 'INVALID_RSQL_FILTER', error.message, 'filter');
    }
    throw error;
  }
}

export function parseInventoryQuery(
  query: Record<string, QueryValue>,
  rules: QueryRules,
): InventoryQuery {
  const sections = listParam(query.section);
  for (const section of sections) {
    if (!rules.sections.includes(section)) {
      throw new JamfHttpError(400, 'INVALID_FIELD', `Unknown section '${section}'`, 'section');
    }
  }
  const page = intParam(query.page, 'page', 0);
  let pageSize = intParam(query['page-size'], 'page-size', 100);
  if (page < 0) throw new JamfHttpError(400, 'INVALID_FIELD', 'page must be 0 or more', 'page');
  if (pageSize < 1) {
    throw new JamfHttpError(400, 'INVALID_FIELD', 'page-size must be 1 or more', 'page-size');
  }
  if (pageSize > MAX_PAGE_SIZE) {
    if (!rules.clampPageSize) {
      const message = `page-size must be at most ${MAX_PAGE_SIZE}`;
      throw new JamfHttpError(400, 'INVALID_FIELD', message, 'page-size');
    }
    pageSize = MAX_PAGE_SIZE;
  }
  const filterText = Array.isArray(query.filter)
    ? query.filter.map(String).join(';')
    : String(query.filter ?? '');
  return {
    sections: sections.length > 0 ? [...new Set(sections)] : ['GENERAL'],
    page,
    pageSize,
    sort: parseSort(query.sort, rules),
    filterText,
    filter: parseFilter(filterText, rules),
  };
}

type SortValue = string | number | null;

function sortValue(value: RsqlValue): SortValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (/^-?\d+$/.test(value) && value.length < 16) return Number(value);
  if (/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    const time = Date.parse(value);
    if (!Number.isNaN(time)) return time;
  }
  return value.toLowerCase();
}

function compareValues(a: SortValue, b: SortValue): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const left = String(a);
  const right = String(b);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Source of records for an index: the ids in id order, and a reader for field values. */
export interface IndexSource {
  version(): number;
  ids(): readonly string[];
  read(id: string, field: string): RsqlValue;
}

export class InventoryIndex {
  private cache = new Map<string, string[]>();
  private cachedVersion = -1;

  constructor(private readonly source: IndexSource) {}

  /** Ids that pass the filter, in the requested order (ties broken by numeric id). */
  select(query: InventoryQuery): string[] {
    const version = this.source.version();
    if (version !== this.cachedVersion) {
      this.cache.clear();
      this.cachedVersion = version;
    }
    const key = `${query.filterText}\u0000${query.sort.map((s) => `${s.field}:${s.descending}`).join(',')}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const result = this.compute(query);
    if (this.cache.size > 32) this.cache.clear();
    this.cache.set(key, result);
    return result;
  }

  private compute(query: InventoryQuery): string[] {
    const rows: Array<{ id: string; keys: SortValue[]; n: number }> = [];
    for (const id of this.source.ids()) {
      if (!query.filter.matches((field) => this.source.read(id, field))) continue;
      const keys = query.sort.map((s) => sortValue(this.source.read(id, s.field)));
      rows.push({ id, keys, n: Number(id) });
    }
    rows.sort((a, b) => {
      for (let i = 0; i < query.sort.length; i++) {
        const diff = compareValues(a.keys[i] as SortValue, b.keys[i] as SortValue);
        if (diff !== 0) return (query.sort[i] as SortKey).descending ? -diff : diff;
      }
      return a.n - b.n;
    });
    return rows.map((row) => row.id);
  }
}

import type { OrderBy, ParsedQuery, QueryCondition, QueryGroup } from './encoded-query';

/** What the evaluator needs to know about the table being queried. */
export interface QueryContext<TRecord> {
  /** True when `field` (possibly dot-walked) exists on the table. */
  isField(field: string): boolean;
  /** True when the field compares as a number (integer columns). */
  isNumeric(field: string): boolean;
  /** The stored string value ("" when empty). */
  valueAt(record: TRecord, field: string): string;
  /**
   * `glide.invalid_query.returns_no_rows`: when true an invalid part makes the query return
   * nothing; when false (the platform default) the invalid part is dropped.
   */
  invalidReturnsNoRows: boolean;
  /** The platform's "is not" skips empty values; false makes `!=` match empty values too. */
  notEqualsExcludesEmpty?: boolean;
}

export interface CompiledQuery<TRecord> {
  matches(record: TRecord): boolean;
  /** Sorts in place by the ORDERBY clauses (stable: ties keep the input order). */
  sort(records: TRecord[]): void;
  /** The invalid parts: unknown fields, unknown operators. */
  invalid: string[];
  /** True when the query can match nothing because it was invalid in strict mode. */
  noRows: boolean;
}

function compareValues(a: string, b: string, numeric: boolean): number {
  if (numeric && a !== '' && b !== '') {
    const x = Number(a);
    const y = Number(b);
    if (Number.isFinite(x) && Number.isFinite(y)) return x - y;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function test<T>(ctx: QueryContext<T>, record: T, c: QueryCondition, numeric: boolean): boolean {
  const v = ctx.valueAt(record, c.field);
  switch (c.operator) {
    case '=':
      return numeric ? v !== '' && compareValues(v, c.value, true) === 0 : v === c.value;
    case '!=':
      if (v === '' && ctx.notEqualsExcludesEmpty !== false) return false;
      return v !== c.value;
    case '>':
      return v !== '' && compareValues(v, c.value, numeric) > 0;
    case '>=':
      return v !== '' && compareValues(v, c.value, numeric) >= 0;
    case '<':
      return v !== '' && compareValues(v, c.value, numeric) < 0;
    case '<=':
      return v !== '' && compareValues(v, c.value, numeric) <= 0;
    case 'LIKE':
      return v.includes(c.value);
    case 'NOT LIKE':
      return !v.includes(c.value);
    case 'STARTSWITH':
      return v.startsWith(c.value);
    case 'ENDSWITH':
      return v.endsWith(c.value);
    case 'IN':
      return c.value.split(',').includes(v);
    case 'NOT IN':
      return !c.value.split(',').includes(v);
    case 'ISEMPTY':
    case 'EMPTYSTRING':
      return v === '';
    case 'ISNOTEMPTY':
      return v !== '';
    case 'ANYTHING':
      return true;
    case 'BETWEEN':
      return between(v, c.value, numeric);
    case 'SAMEAS':
      return v === ctx.valueAt(record, c.value);
    case 'NSAMEAS':
      return v !== ctx.valueAt(record, c.value);
  }
}

function between(v: string, range: string, numeric: boolean): boolean {
  const at = range.indexOf('@');
  if (v === '' || at < 0) return false;
  const low = range.slice(0, at);
  const high = range.slice(at + 1);
  return compareValues(v, low, numeric) >= 0 && compareValues(v, high, numeric) <= 0;
}

function conditionValid<T>(ctx: QueryContext<T>, c: QueryCondition): boolean {
  if (!ctx.isField(c.field)) return false;
  if (c.operator === 'SAMEAS' || c.operator === 'NSAMEAS') return ctx.isField(c.value);
  return true;
}

/** Drops invalid conditions, collecting them in `invalid`. */
function prune<T>(ctx: QueryContext<T>, groups: QueryGroup[], invalid: string[]): QueryGroup[] {
  const out: QueryGroup[] = [];
  for (const group of groups) {
    const terms: QueryCondition[][] = [];
    for (const term of group) {
      const kept = term.filter((c) => {
        const ok = conditionValid(ctx, c);
        if (!ok) invalid.push(c.raw);
        return ok;
      });
      if (kept.length > 0) terms.push(kept);
    }
    out.push(terms);
  }
  return out;
}

export function compileQuery<T>(parsed: ParsedQuery, ctx: QueryContext<T>): CompiledQuery<T> {
  const invalid = [...parsed.invalid];
  const groups = prune(ctx, parsed.groups, invalid);
  const orderBy: OrderBy[] = [];
  for (const o of parsed.orderBy) {
    if (ctx.isField(o.field)) orderBy.push(o);
    else invalid.push(`ORDERBY${o.descending ? 'DESC' : ''}${o.field}`);
  }
  const noRows = ctx.invalidReturnsNoRows && invalid.length > 0;
  // Resolve column types once, not per record.
  const numeric = new Map<string, boolean>();
  for (const group of groups) {
    for (const term of group) for (const c of term) numeric.set(c.field, ctx.isNumeric(c.field));
  }
  const matches = (record: T): boolean => {
    if (noRows) return false;
    if (groups.length === 0) return true;
    return groups.some((group) =>
      group.every((term) => term.some((c) => test(ctx, record, c, numeric.get(c.field) ?? false))),
    );
  };
  const sort = (records: T[]): void => {
    if (orderBy.length === 0) return;
    const keys = orderBy.map((o) => ({
      descending: o.descending,
      numeric: ctx.isNumeric(o.field),
      values: records.map((r) => ctx.valueAt(r, o.field)),
    }));
    const order = records.map((_, i) => i);
    order.sort((a, b) => {
      for (const k of keys) {
        const d = compareValues(k.values[a], k.values[b], k.numeric);
        if (d !== 0) return k.descending ? -d : d;
      }
      return a - b;
    });
    const copy = records.slice();
    for (let i = 0; i < order.length; i++) records[i] = copy[order[i]];
  };
  return { matches, sort, invalid, noRows };
}

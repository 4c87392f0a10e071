/**
 * The AQL subset the simulator understands: `objectType`, `objectTypeId`, `objectSchema(Id)`,
 * `objectId`, `Key`, attribute comparisons by name (`=`, `!=`, `<`, `>`, `<=`, `>=`, `like`,
 * `not like`, `startswith`, `endswith`, `in`, `not in`, `is EMPTY`, `is not EMPTY`), `AND`, `OR`,
 * `NOT`, parentheses, `now(-15m)`, `startOfDay()`, `endOfDay()`, `objectTypeAndChildren("X")`
 * and `order by <attribute> asc|desc`. AQL is not case-sensitive.
 */
import { parseQuery } from './query-parser';
import type { Clause, OrderBy, ParsedQuery, QueryNode, QueryValue } from './query-parser';
import { QuerySyntaxError } from './query-lexer';
import type { AssetsSchema, AttrDef } from './assets-schema';
import type { AssetObject, AssetsStore } from './assets-store';
import type { JiraUsers } from './jira-users';
import { parseDateLiteral } from './jira-time';

export { QuerySyntaxError as AqlSyntaxError };

const AQL_DIALECT = {
  functions: new Set(['now', 'startofday', 'endofday', 'objecttypeandchildren', 'currentuser']),
  wordOperators: new Set(['like', 'startswith', 'endswith']),
};

export function parseAql(text: string): ParsedQuery {
  return parseQuery(text, AQL_DIALECT);
}

export interface AqlContext {
  schema: AssetsSchema;
  store: AssetsStore;
  users: JiraUsers;
  now: number;
  currentAccountId: string;
}

type Scalar = string | number;
type Getter = (obj: AssetObject) => Scalar[];
type Kind = 'text' | 'number' | 'date';

interface Field {
  kind: Kind;
  get: Getter;
}

const KEYWORDS: Record<string, (ctx: AqlContext) => Field> = {
  objecttype: (ctx) => ({
    kind: 'text',
    get: (o) => [ctx.schema.types.get(o.objectTypeId)?.name ?? ''],
  }),
  objecttypeid: () => ({ kind: 'number', get: (o) => [Number(o.objectTypeId)] }),
  objectschema: (ctx) => ({ kind: 'text', get: () => [ctx.schema.schema.name] }),
  objectschemaid: (ctx) => ({ kind: 'number', get: () => [Number(ctx.schema.schema.id)] }),
  objectid: () => ({ kind: 'number', get: (o) => [Number(o.id)] }),
  key: (ctx) => ({ kind: 'text', get: (o) => [ctx.store.keyOf(o)] }),
  label: (ctx) => ({ kind: 'text', get: (o) => [ctx.store.labelOf(o)] }),
  created: () => ({ kind: 'date', get: (o) => [o.createdMs] }),
  updated: () => ({ kind: 'date', get: (o) => [o.updatedMs] }),
};

function resolveField(name: string, ctx: AqlContext): Field {
  const keyword = KEYWORDS[name.toLowerCase()];
  if (keyword) return keyword(ctx);
  const defs = [...ctx.schema.attrs.values()].filter(
    (a) => a.name.toLowerCase() === name.toLowerCase(),
  );
  if (defs.length === 0) throw new QuerySyntaxError(`the attribute "${name}" does not exist`);
  const ids = new Set(defs.map((d) => d.id));
  const def = defs[0] as AttrDef;
  const kind: Kind =
    def.defaultTypeId === 1
      ? 'number'
      : def.defaultTypeId === 4 || def.defaultTypeId === 6
        ? 'date'
        : 'text';
  return {
    kind,
    get: (o) => {
      const out: Scalar[] = [];
      for (const id of ids) {
        for (const raw of o.values.get(id) ?? []) out.push(...renderSearchable(def, raw, ctx));
      }
      return out;
    },
  };
}

/** The forms a stored value can be matched by (status name, user name or id, object label or key). */
function renderSearchable(def: AttrDef, raw: string, ctx: AqlContext): Scalar[] {
  switch (def.kind) {
    case 1: {
      const target = ctx.store.find(raw);
      return target ? [ctx.store.labelOf(target), ctx.store.keyOf(target)] : [];
    }
    case 2: {
      const user = ctx.users.get(raw);
      return user ? [raw, user.displayName, user.emailAddress] : [raw];
    }
    case 7:
      return [ctx.schema.statuses.get(raw)?.name ?? raw];
    default:
      if (def.defaultTypeId === 1) return [Number(raw)];
      if (def.defaultTypeId === 4 || def.defaultTypeId === 6)
        return [Date.parse(raw.length === 10 ? `${raw}T00:00:00Z` : raw)];
      return [raw];
  }
}

function valueOf(v: QueryValue, kind: Kind, ctx: AqlContext): Scalar {
  if (v.kind === 'func') return functionValue(v, ctx);
  if (kind === 'number') {
    const n = Number(v.text);
    if (Number.isNaN(n)) throw new QuerySyntaxError(`"${v.text}" is not a number`);
    return n;
  }
  if (kind === 'date') {
    const ms = parseDateLiteral(v.text, ctx.now);
    if (ms === null)
      throw new QuerySyntaxError(`"${v.text}" is not a valid date, use "yyyy-MM-dd HH:mm"`);
    return ms;
  }
  return v.text.toLowerCase();
}

function functionValue(v: Extract<QueryValue, { kind: 'func' }>, ctx: AqlContext): Scalar {
  const day = Math.floor(ctx.now / 86_400_000) * 86_400_000;
  switch (v.name) {
    case 'now':
      return ctx.now + parseOffset(v.args);
    case 'startofday':
      return day;
    case 'endofday':
      return day + 86_399_999;
    case 'currentuser':
      return ctx.currentAccountId.toLowerCase();
    default:
      throw new QuerySyntaxError(`${v.name}() cannot be used here`);
  }
}

const UNIT_MS: Record<string, number> = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000 };

/** `-2h 15m` → minus two hours fifteen minutes, in ms. */
function parseOffset(args: string): number {
  const text = args.trim();
  if (!text) return 0;
  const sign = text.startsWith('-') ? -1 : 1;
  let total = 0;
  for (const part of text.replace(/^[-+]/, '').split(/\s+/).filter(Boolean)) {
    const match = /^(\d+)([wdhm])$/i.exec(part);
    if (!match) throw new QuerySyntaxError(`now(${args}) has an invalid offset "${part}"`);
    total += Number(match[1]) * (UNIT_MS[(match[2] as string).toLowerCase()] ?? 0);
  }
  return sign * total;
}

function norm(s: Scalar): Scalar {
  return typeof s === 'string' ? s.toLowerCase() : s;
}

function compileClause(clause: Clause, ctx: AqlContext): (o: AssetObject) => boolean {
  if (clause.field.toLowerCase() === 'objecttype' && clause.values[0]?.kind === 'func') {
    const fn = clause.values[0];
    if (fn.name !== 'objecttypeandchildren')
      throw new QuerySyntaxError(`${fn.name}() cannot be used with objectType`);
    const type = ctx.schema.typeByName(fn.args.replace(/^["']|["']$/g, ''));
    if (!type) throw new QuerySyntaxError(`the object type ${fn.args} does not exist`);
    const ids = ctx.schema.typeAndChildren(type.id);
    const negate = clause.op === 'not in';
    return (o) => ids.has(o.objectTypeId) !== negate;
  }
  const field = resolveField(clause.field, ctx);
  const targets = clause.values.map((v) => valueOf(v, field.kind, ctx));
  const first = targets[0] as Scalar;
  const test = comparator(clause, first, targets);
  if (clause.op === 'is empty') return (o) => field.get(o).length === 0;
  if (clause.op === 'is not empty') return (o) => field.get(o).length > 0;
  if (clause.op === '!=' || clause.op === 'not in' || clause.op === 'not like') {
    return (o) => !field.get(o).some((s) => test(norm(s)));
  }
  return (o) => field.get(o).some((s) => test(norm(s)));
}

function comparator(clause: Clause, first: Scalar, targets: Scalar[]): (s: Scalar) => boolean {
  const text = String(first);
  switch (clause.op) {
    case '=':
    case '!=':
      return (s) => s === first;
    case 'in':
    case 'not in':
      return (s) => targets.includes(s);
    case 'like':
    case 'not like':
    case '~':
      return (s) => String(s).includes(text);
    case 'startswith':
      return (s) => String(s).startsWith(text);
    case 'endswith':
      return (s) => String(s).endsWith(text);
    case '<':
      return (s) => s < first;
    case '>':
      return (s) => s > first;
    case '<=':
      return (s) => s <= first;
    case '>=':
      return (s) => s >= first;
    default:
      return () => false;
  }
}

export function compileAql(node: QueryNode | null, ctx: AqlContext): (o: AssetObject) => boolean {
  if (!node) return () => true;
  switch (node.kind) {
    case 'and': {
      const parts = node.items.map((n) => compileAql(n, ctx));
      return (o) => parts.every((p) => p(o));
    }
    case 'or': {
      const parts = node.items.map((n) => compileAql(n, ctx));
      return (o) => parts.some((p) => p(o));
    }
    case 'not': {
      const inner = compileAql(node.item, ctx);
      return (o) => !inner(o);
    }
    default:
      return compileClause(node, ctx);
  }
}

/** Runs a query: matching object ids in result order (id order unless `order by`). */
export function runAql(query: ParsedQuery, ctx: AqlContext): string[] {
  const predicate = compileAql(query.where, ctx);
  const matches: AssetObject[] = [];
  for (const obj of ctx.store.objects.values()) if (predicate(obj)) matches.push(obj);
  const order = query.orderBy[0];
  if (order) sortObjects(matches, order, ctx);
  return matches.map((o) => o.id);
}

function sortObjects(list: AssetObject[], order: OrderBy, ctx: AqlContext): void {
  const field = resolveField(order.field, ctx);
  const dir = order.direction === 'desc' ? -1 : 1;
  const rows = list.map((obj) => {
    const first = field.get(obj)[0];
    return { obj, key: first === undefined ? null : norm(first), num: Number(obj.id) };
  });
  rows.sort((a, b) => {
    if (a.key === b.key) return a.num - b.num;
    if (a.key === null) return 1;
    if (b.key === null) return -1;
    return (a.key < b.key ? -1 : 1) * dir;
  });
  for (let i = 0; i < rows.length; i++) list[i] = (rows[i] as (typeof rows)[number]).obj;
}

/**
 * The JQL subset of the simulator: project, issuetype, status, statusCategory, key/id, summary,
 * text, labels, assignee, reporter, priority, created, updated, requestType and the Assets field
 * (`"Assets"`, `cf[N]`, `customfield_N`), with `=`, `!=`, `<`, `>`, `<=`, `>=`, `~`, `!~`, `IN`,
 * `NOT IN`, `IS EMPTY`, `IS NOT EMPTY`, AND/OR/NOT, parentheses and `ORDER BY`.
 */
import { parseQuery } from './query-parser';
import type { Clause, ParsedQuery, QueryNode, QueryValue } from './query-parser';
import { QuerySyntaxError } from './query-lexer';
import {
  ISSUE_TYPES,
  JIRA_STATUSES,
  PRIORITIES,
  PROJECT_ID,
  PROJECT_NAME,
  REQUEST_TYPES,
  STATUS_CATEGORIES,
} from './jira-catalog';
import type { StoredIssue } from './issue-store';
import type { JiraUsers } from './jira-users';
import { parseDateLiteral } from './jira-time';

export { QuerySyntaxError as JqlError };

const JQL_DIALECT = {
  functions: new Set(['now', 'currentuser', 'startofday', 'endofday']),
  wordOperators: new Set<string>(),
};

export function parseJql(text: string): ParsedQuery {
  return parseQuery(text, JQL_DIALECT);
}

export interface JqlContext {
  projectKey: string;
  assetsFieldNumber: number;
  schemaKey: string;
  users: JiraUsers;
  now: number;
  currentAccountId: string;
}

type Scalar = string | number;
interface Field {
  kind: 'text' | 'number' | 'date';
  get(issue: StoredIssue): Scalar[];
  /** `~` searches words in these values. */
  textSearch?: boolean;
}

const lower = (s: string) => s.toLowerCase();

function nameAndId<T extends { id: string; name: string }>(
  list: readonly T[],
  id: string,
): string[] {
  const item = list.find((x) => x.id === id);
  return item ? [lower(item.name), item.id] : [id];
}

function userForms(ctx: JqlContext, id: string | null): string[] {
  if (!id) return [];
  const user = ctx.users.get(id);
  return user ? [lower(id), lower(user.emailAddress), lower(user.displayName)] : [lower(id)];
}

function fieldFor(name: string, ctx: JqlContext): Field {
  const n = lower(name);
  const assetsNames = [
    'assets',
    `cf[${ctx.assetsFieldNumber}]`,
    `customfield_${ctx.assetsFieldNumber}`,
  ];
  if (assetsNames.includes(n)) {
    return {
      kind: 'text',
      get: (i) =>
        i.assets.flatMap((a) => [a.objectId, lower(a.id), lower(`${ctx.schemaKey}-${a.objectId}`)]),
    };
  }
  switch (n) {
    case 'project':
      return { kind: 'text', get: () => [lower(ctx.projectKey), PROJECT_ID, lower(PROJECT_NAME)] };
    case 'issuetype':
    case 'type':
      return { kind: 'text', get: (i) => nameAndId(ISSUE_TYPES, i.issueTypeId) };
    case 'status':
      return { kind: 'text', get: (i) => nameAndId(JIRA_STATUSES, i.statusId) };
    case 'statuscategory':
      return { kind: 'text', get: (i) => statusCategory(i.statusId) };
    case 'priority':
      return { kind: 'text', get: (i) => nameAndId(PRIORITIES, i.priorityId) };
    case 'key':
    case 'issuekey':
    case 'issue':
    case 'id':
      return { kind: 'number', get: (i) => [Number(i.id)] };
    case 'summary':
      return { kind: 'text', textSearch: true, get: (i) => [lower(i.summary)] };
    case 'text':
      return {
        kind: 'text',
        textSearch: true,
        get: (i) => [lower(i.summary), ...i.labels.map(lower)],
      };
    case 'labels':
      return { kind: 'text', get: (i) => i.labels.map(lower) };
    case 'assignee':
      return { kind: 'text', get: (i) => userForms(ctx, i.assigneeId) };
    case 'reporter':
      return { kind: 'text', get: (i) => userForms(ctx, i.reporterId) };
    case 'created':
    case 'createddate':
      return { kind: 'date', get: (i) => [i.createdMs] };
    case 'updated':
    case 'updateddate':
      return { kind: 'date', get: (i) => [i.updatedMs] };
    case 'requesttype':
    case 'request type':
    case 'customer request type':
    case 'cf[10010]':
      return {
        kind: 'text',
        get: (i) => (i.requestTypeId ? nameAndId(REQUEST_TYPES, i.requestTypeId) : []),
      };
    default:
      throw new QuerySyntaxError(
        `Field '${name}' does not exist or you do not have permission to view it.`,
      );
  }
}

function statusCategory(statusId: string): string[] {
  const status = JIRA_STATUSES.find((s) => s.id === statusId);
  const category = status ? STATUS_CATEGORIES[status.categoryId] : undefined;
  return category && status ? [category.key, lower(category.name), String(status.categoryId)] : [];
}

function valueOf(v: QueryValue, field: Field, fieldName: string, ctx: JqlContext): Scalar {
  if (v.kind === 'func') {
    if (v.name === 'currentuser') return lower(ctx.currentAccountId);
    const day = Math.floor(ctx.now / 86_400_000) * 86_400_000;
    if (v.name === 'startofday') return day;
    if (v.name === 'endofday') return day + 86_399_999;
    return ctx.now;
  }
  if (field.kind === 'date') {
    const ms = parseDateLiteral(v.text, ctx.now);
    if (ms === null) {
      throw new QuerySyntaxError(
        `Date value '${v.text}' for field '${fieldName}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`,
      );
    }
    return ms;
  }
  if (field.kind === 'number') {
    const match = /^(?:([A-Za-z][A-Za-z0-9]*)-)?(\d+)$/.exec(v.text.trim());
    if (!match)
      throw new QuerySyntaxError(`The issue key '${v.text}' for field '${fieldName}' is invalid.`);
    return match[1] ? `key:${lower(v.text.trim())}` : Number(match[2]);
  }
  return lower(v.text);
}

function compileClause(clause: Clause, ctx: JqlContext): (i: StoredIssue) => boolean {
  const field = fieldFor(clause.field, ctx);
  if (clause.op === 'is empty') return (i) => field.get(i).length === 0;
  if (clause.op === 'is not empty') return (i) => field.get(i).length > 0;
  const targets = clause.values.map((v) => valueOf(v, field, clause.field, ctx));
  const isKeyField = field.kind === 'number';
  const get = isKeyField ? (i: StoredIssue) => [Number(i.id), `key:${lower(i.key)}`] : field.get;
  const first = targets[0] as Scalar;
  const test = (s: Scalar): boolean => {
    switch (clause.op) {
      case '=':
      case '!=':
        return s === first;
      case 'in':
      case 'not in':
        return targets.includes(s);
      case '~':
      case '!~':
        return String(first)
          .split(/\s+/)
          .every((w) => String(s).includes(w.replace(/\*$/, '')));
      case '<':
        return typeof s === typeof first && s < first;
      case '>':
        return typeof s === typeof first && s > first;
      case '<=':
        return typeof s === typeof first && s <= first;
      case '>=':
        return typeof s === typeof first && s >= first;
      default:
        throw new QuerySyntaxError(`The operator '${clause.op}' is not supported by the simulator`);
    }
  };
  const negative = clause.op === '!=' || clause.op === 'not in' || clause.op === '!~';
  return negative ? (i) => !get(i).some(test) : (i) => get(i).some(test);
}

export function compileJql(node: QueryNode | null, ctx: JqlContext): (i: StoredIssue) => boolean {
  if (!node) return () => true;
  if (node.kind === 'clause') return compileClause(node, ctx);
  if (node.kind === 'not') {
    const inner = compileJql(node.item, ctx);
    return (i) => !inner(i);
  }
  const parts = node.items.map((n) => compileJql(n, ctx));
  return node.kind === 'and' ? (i) => parts.every((p) => p(i)) : (i) => parts.some((p) => p(i));
}

/** Matching issues in result order (`ORDER BY`, else by id descending [as Jira's key DESC]). */
export function runJql(
  query: ParsedQuery,
  issues: Iterable<StoredIssue>,
  ctx: JqlContext,
): StoredIssue[] {
  const predicate = compileJql(query.where, ctx);
  const list = [...issues].filter(predicate);
  const orders =
    query.orderBy.length > 0 ? query.orderBy : [{ field: 'key', direction: 'desc' as const }];
  const getters = orders.map((o) => ({
    field: fieldFor(o.field, ctx),
    dir: o.direction === 'desc' ? -1 : 1,
  }));
  list.sort((a, b) => {
    for (const { field, dir } of getters) {
      const ka = field.get(a)[0];
      const kb = field.get(b)[0];
      if (ka === kb) continue;
      if (ka === undefined) return 1;
      if (kb === undefined) return -1;
      return (ka < kb ? -1 : 1) * dir;
    }
    return Number(a.id) - Number(b.id);
  });
  return list;
}

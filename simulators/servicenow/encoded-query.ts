/**
 * Parser and evaluator for ServiceNow encoded queries (`sysparm_query`).
 *
 * Grammar: conditions `<field><OP><value>` joined by `^` (AND) and `^OR` (OR with the previous
 * condition); `^NQ` starts a new OR'd query group; `^EQ` is an end marker; `ORDERBY<field>` and
 * `ORDERBYDESC<field>` sort. Field names are lower case on the platform, operators upper case.
 */

export type QueryOperator =
  | '='
  | '!='
  | '>'
  | '>='
  | '<'
  | '<='
  | 'LIKE'
  | 'NOT LIKE'
  | 'STARTSWITH'
  | 'ENDSWITH'
  | 'IN'
  | 'NOT IN'
  | 'ISEMPTY'
  | 'ISNOTEMPTY'
  | 'ANYTHING'
  | 'EMPTYSTRING'
  | 'BETWEEN'
  | 'SAMEAS'
  | 'NSAMEAS';

export interface QueryCondition {
  field: string;
  operator: QueryOperator;
  value: string;
  /** The condition as written, for error messages. */
  raw: string;
}

export interface OrderBy {
  field: string;
  descending: boolean;
}

/** AND of OR-terms; each term is a list of conditions joined by OR. */
export type QueryGroup = QueryCondition[][];

export interface ParsedQuery {
  /** Groups joined by OR (`^NQ`). An empty list means "no filter". */
  groups: QueryGroup[];
  orderBy: OrderBy[];
  /** Parts that could not be parsed (unknown operator, `javascript:` values, ...). */
  invalid: string[];
}

/** Longest first so that `ISNOTEMPTY` wins over `IN` and `>=` over `>`. */
const OPERATORS: QueryOperator[] = [
  'ISNOTEMPTY',
  'EMPTYSTRING',
  'STARTSWITH',
  'NOT LIKE',
  'ENDSWITH',
  'ANYTHING',
  'ISEMPTY',
  'BETWEEN',
  'NSAMEAS',
  'NOT IN',
  'SAMEAS',
  'LIKE',
  '!=',
  '>=',
  '<=',
  'IN',
  '=',
  '>',
  '<',
];

const UNARY = new Set<QueryOperator>(['ISEMPTY', 'ISNOTEMPTY', 'ANYTHING', 'EMPTYSTRING']);

/** Parses one `<field><OP><value>` part, or returns null when it is not a condition we know. */
export function parseCondition(part: string): QueryCondition | null {
  const match = /^[a-z0-9_.]+/.exec(part);
  if (!match) return null;
  const field = match[0];
  const rest = part.slice(field.length);
  const operator = OPERATORS.find((op) => rest.startsWith(op));
  if (!operator) return null;
  const value = rest.slice(operator.length);
  if (UNARY.has(operator) && value !== '') return null;
  if (value.startsWith('javascript:')) return null;
  return { field, operator, value, raw: part };
}

export function parseEncodedQuery(query: string): ParsedQuery {
  const parsed: ParsedQuery = { groups: [], orderBy: [], invalid: [] };
  let group: QueryGroup = [];
  const closeGroup = (): void => {
    if (group.length > 0) parsed.groups.push(group);
    group = [];
  };
  for (const part of query.split('^')) {
    if (part === '' || part === 'EQ') continue;
    if (part.startsWith('ORDERBYDESC')) {
      parsed.orderBy.push({ field: part.slice(11), descending: true });
    } else if (part.startsWith('ORDERBY')) {
      parsed.orderBy.push({ field: part.slice(7), descending: false });
    } else if (part.startsWith('NQ')) {
      closeGroup();
      addCondition(parsed, group, part.slice(2), false);
    } else if (part.startsWith('OR')) {
      addCondition(parsed, group, part.slice(2), true);
    } else {
      addCondition(parsed, group, part, false);
    }
  }
  closeGroup();
  return parsed;
}

function addCondition(parsed: ParsedQuery, group: QueryGroup, part: string, or: boolean): void {
  if (part === '') return;
  const condition = parseCondition(part);
  if (!condition) {
    parsed.invalid.push(part);
    return;
  }
  const last = group[group.length - 1];
  if (or && last) last.push(condition);
  else group.push([condition]);
}

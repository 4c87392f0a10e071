/**
 * Parses the boolean query languages of Jira (JQL) and Assets (AQL), which share their shape:
 * `field op value` clauses joined by AND / OR / NOT and parentheses, then `ORDER BY`.
 */
import { QuerySyntaxError, TokenCursor, tokenize } from './query-lexer';
import type { Token } from './query-lexer';

export type ClauseOp =
  | '='
  | '!='
  | '<'
  | '>'
  | '<='
  | '>='
  | '~'
  | '!~'
  | 'like'
  | 'not like'
  | 'in'
  | 'not in'
  | 'is empty'
  | 'is not empty'
  | 'startswith'
  | 'endswith';

export type QueryValue =
  { kind: 'literal'; text: string } | { kind: 'func'; name: string; args: string };

export interface Clause {
  kind: 'clause';
  field: string;
  op: ClauseOp;
  values: QueryValue[];
}

export type QueryNode =
  | Clause
  | { kind: 'and'; items: QueryNode[] }
  | { kind: 'or'; items: QueryNode[] }
  | { kind: 'not'; item: QueryNode };

export interface OrderBy {
  field: string;
  direction: 'asc' | 'desc';
}

export interface ParsedQuery {
  where: QueryNode | null;
  orderBy: OrderBy[];
}

export interface DialectOptions {
  /** Lower-case names of the functions the dialect knows. */
  functions: ReadonlySet<string>;
  /** Word operators beyond IN / IS (AQL: like, startswith, endswith). */
  wordOperators: ReadonlySet<string>;
}

export function parseQuery(text: string, dialect: DialectOptions): ParsedQuery {
  const cursor = new TokenCursor(tokenize(text, dialect.functions));
  let where: QueryNode | null = null;
  if (!cursor.atEnd() && !isOrderBy(cursor)) where = parseOr(cursor, dialect);
  const orderBy: OrderBy[] = [];
  if (cursor.acceptWords('order', 'by')) {
    do {
      const field = readField(cursor);
      let direction: OrderBy['direction'] = 'asc';
      if (cursor.acceptWords('desc')) direction = 'desc';
      else cursor.acceptWords('asc');
      orderBy.push({ field, direction });
    } while (cursor.peek()?.kind === 'comma' && cursor.next());
  }
  if (!cursor.atEnd()) {
    const token = cursor.peek() as Token;
    throw new QuerySyntaxError(`unexpected "${token.text}" at position ${token.pos}`);
  }
  return { where, orderBy };
}

function isOrderBy(cursor: TokenCursor): boolean {
  const a = cursor.peek();
  const b = cursor.peek(1);
  return a?.kind === 'word' && a.text.toLowerCase() === 'order' && b?.text.toLowerCase() === 'by';
}

function parseOr(cursor: TokenCursor, dialect: DialectOptions): QueryNode {
  const items = [parseAnd(cursor, dialect)];
  while (cursor.acceptWords('or')) items.push(parseAnd(cursor, dialect));
  return items.length === 1 ? (items[0] as QueryNode) : { kind: 'or', items };
}

function parseAnd(cursor: TokenCursor, dialect: DialectOptions): QueryNode {
  const items = [parseUnary(cursor, dialect)];
  while (cursor.acceptWords('and')) items.push(parseUnary(cursor, dialect));
  return items.length === 1 ? (items[0] as QueryNode) : { kind: 'and', items };
}

function parseUnary(cursor: TokenCursor, dialect: DialectOptions): QueryNode {
  if (cursor.acceptWords('not')) return { kind: 'not', item: parseUnary(cursor, dialect) };
  if (cursor.peek()?.kind === 'lparen') {
    cursor.next();
    const inner = parseOr(cursor, dialect);
    cursor.expect('rparen', '")"');
    return inner;
  }
  return parseClause(cursor, dialect);
}

function readField(cursor: TokenCursor): string {
  const token = cursor.next();
  if (token.kind !== 'word' && token.kind !== 'string') {
    throw new QuerySyntaxError(
      `expected a field name at position ${token.pos}, found "${token.text}"`,
    );
  }
  return token.text;
}

function parseClause(cursor: TokenCursor, dialect: DialectOptions): Clause {
  const field = readField(cursor);
  if (cursor.acceptWords('is', 'not', 'empty') || cursor.acceptWords('is', 'not', 'null')) {
    return { kind: 'clause', field, op: 'is not empty', values: [] };
  }
  if (cursor.acceptWords('is', 'empty') || cursor.acceptWords('is', 'null')) {
    return { kind: 'clause', field, op: 'is empty', values: [] };
  }
  if (cursor.acceptWords('not', 'in'))
    return { kind: 'clause', field, op: 'not in', values: readList(cursor) };
  if (cursor.acceptWords('in'))
    return { kind: 'clause', field, op: 'in', values: readList(cursor) };
  if (dialect.wordOperators.has('like') && cursor.acceptWords('not', 'like')) {
    return { kind: 'clause', field, op: 'not like', values: [readValue(cursor)] };
  }
  for (const word of dialect.wordOperators) {
    if (cursor.acceptWords(word)) {
      return { kind: 'clause', field, op: word as ClauseOp, values: [readValue(cursor)] };
    }
  }
  const opToken = cursor.expect('op', `an operator after "${field}"`);
  const op = (opToken.text === '==' ? '=' : opToken.text) as ClauseOp;
  return { kind: 'clause', field, op, values: [readValue(cursor)] };
}

function readList(cursor: TokenCursor): QueryValue[] {
  const peeked = cursor.peek();
  if (peeked?.kind === 'func') return [readValue(cursor)];
  cursor.expect('lparen', '"(" after IN');
  const values = [readValue(cursor)];
  while (cursor.peek()?.kind === 'comma') {
    cursor.next();
    values.push(readValue(cursor));
  }
  cursor.expect('rparen', '")" closing the IN list');
  return values;
}

function readValue(cursor: TokenCursor): QueryValue {
  const token = cursor.next();
  if (token.kind === 'func')
    return { kind: 'func', name: token.text.toLowerCase(), args: token.args ?? '' };
  if (token.kind === 'string' || token.kind === 'word')
    return { kind: 'literal', text: token.text };
  throw new QuerySyntaxError(`expected a value at position ${token.pos}, found "${token.text}"`);
}

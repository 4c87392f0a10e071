/**
 * The subset of OData `$filter` that Graph accepts on managedDevices: `eq`, `ne`, `gt`, `ge`,
 * `lt`, `le`, `and`, `or`, parentheses, and `contains`/`startswith`/`endswith`. Literals:
 * 'quoted strings' ('' escapes a quote), true/false, null, numbers, and unquoted date-times such as
 * `2026-01-01T00:00:00Z`. String comparisons ignore case, as Intune's do.
 */

export type ODataOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
export type ODataFunction = 'contains' | 'startswith' | 'endswith';
export type ODataLiteral = string | number | boolean | null | { dateTime: number };

export type ODataNode =
  | { kind: 'and'; left: ODataNode; right: ODataNode }
  | { kind: 'or'; left: ODataNode; right: ODataNode }
  | { kind: 'compare'; property: string; op: ODataOperator; value: ODataLiteral }
  | { kind: 'call'; fn: ODataFunction; property: string; value: string };

export class ODataFilterError extends Error {}

/** Raised for a property that the entity type does not have. */
export class ODataPropertyError extends ODataFilterError {
  constructor(readonly property: string) {
    super(`Could not find a property named '${property}' on type 'microsoft.graph.managedDevice'.`);
  }
}

const TOKEN =
  /\s*(?:(\()|(\))|(,)|('(?:[^']|'')*')|(\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:\d{2}))|(-?\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_]*))/y;

type Token = {
  type: 'open' | 'close' | 'comma' | 'string' | 'date' | 'number' | 'word';
  text: string;
};

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const types: Token['type'][] = ['open', 'close', 'comma', 'string', 'date', 'number', 'word'];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (!match) throw new ODataFilterError(`Syntax error at position ${at} in '${text}'.`);
    const index = match.slice(1).findIndex((group) => group !== undefined);
    tokens.push({ type: types[index] as Token['type'], text: match[index + 1] as string });
  }
  return tokens;
}

const OPERATORS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const FUNCTIONS = new Set(['contains', 'startswith', 'endswith']);

class ODataParser {
  private index = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly text: string,
  ) {}

  parse(): ODataNode {
    const node = this.parseOr();
    if (this.index < this.tokens.length) throw this.error(`unexpected '${this.peek()?.text}'`);
    return node;
  }

  private parseOr(): ODataNode {
    let left = this.parseAnd();
    while (this.word('or')) left = { kind: 'or', left, right: this.parseAnd() };
    return left;
  }

  private parseAnd(): ODataNode {
    let left = this.parseTerm();
    while (this.word('and')) left = { kind: 'and', left, right: this.parseTerm() };
    return left;
  }

  private parseTerm(): ODataNode {
    const token = this.next();
    if (token?.type === 'open') {
      const inner = this.parseOr();
      this.expect('close');
      return inner;
    }
    if (token?.type !== 'word') throw this.error('expected a property or function');
    const name = token.text;
    if (FUNCTIONS.has(name.toLowerCase()) && this.peek()?.type === 'open') {
      return this.parseCall(name.toLowerCase() as ODataFunction);
    }
    const op = this.next();
    if (op?.type !== 'word' || !OPERATORS.has(op.text.toLowerCase())) {
      throw this.error(`expected a comparison operator after '${name}'`);
    }
    const value = this.parseLiteral();
    return { kind: 'compare', property: name, op: op.text.toLowerCase() as ODataOperator, value };
  }

  private parseCall(fn: ODataFunction): ODataNode {
    this.expect('open');
    const property = this.next();
    if (property?.type !== 'word') throw this.error(`expected a property in ${fn}()`);
    this.expect('comma');
    const value = this.parseLiteral();
    this.expect('close');
    if (typeof value !== 'string') throw this.error(`${fn}() needs a string literal`);
    return { kind: 'call', fn, property: property.text, value };
  }

  private parseLiteral(): ODataLiteral {
    const token = this.next();
    if (!token) throw this.error('expected a value');
    if (token.type === 'string') return token.text.slice(1, -1).replace(/''/g, "'");
    if (token.type === 'number') return Number(token.text);
    if (token.type === 'date') {
      const time = Date.parse(token.text);
      if (Number.isNaN(time)) throw this.error(`'${token.text}' is not a valid date-time`);
      return { dateTime: time };
    }
    if (token.type === 'word' && ['true', 'false', 'null'].includes(token.text)) {
      return token.text === 'null' ? null : token.text === 'true';
    }
    throw this.error(`'${token.text}' is not a literal`);
  }

  private word(expected: string): boolean {
    const token = this.peek();
    if (token?.type === 'word' && token.text.toLowerCase() === expected) {
      this.index += 1;
      return true;
    }
    return false;
  }

  private expect(type: Token['type']): void {
    if (this.next()?.type !== type)
      throw this.error(`expected '${type === 'open' ? '(' : type === 'close' ? ')' : ','}'`);
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  private next(): Token | undefined {
    const token = this.tokens[this.index];
    this.index += 1;
    return token;
  }

  private error(message: string): ODataFilterError {
    return new ODataFilterError(`Invalid filter clause: ${message} in '${this.text}'.`);
  }
}

export interface ODataFilterOptions {
  isProperty(name: string): boolean;
  isDateTime(name: string): boolean;
  /** Properties whose conditions Graph silently ignores (they always pass). */
  ignored?: ReadonlySet<string>;
}

export class ODataFilter {
  private constructor(
    private readonly root: ODataNode | null,
    private readonly options: ODataFilterOptions,
  ) {}

  static parse(text: string, options: ODataFilterOptions): ODataFilter {
    if (text.trim() === '') return new ODataFilter(null, options);
    const root = new ODataParser(tokenize(text), text).parse();
    checkProperties(root, options);
    return new ODataFilter(root, options);
  }

  matches(record: Record<string, unknown>): boolean {
    return this.root === null || evaluate(this.root, record, this.options);
  }
}

function checkProperties(node: ODataNode, options: ODataFilterOptions): void {
  if (node.kind === 'and' || node.kind === 'or') {
    checkProperties(node.left, options);
    checkProperties(node.right, options);
  } else if (!options.isProperty(node.property)) {
    throw new ODataPropertyError(node.property);
  }
}

function evaluate(
  node: ODataNode,
  record: Record<string, unknown>,
  options: ODataFilterOptions,
): boolean {
  if (node.kind === 'and')
    return evaluate(node.left, record, options) && evaluate(node.right, record, options);
  if (node.kind === 'or')
    return evaluate(node.left, record, options) || evaluate(node.right, record, options);
  if (options.ignored?.has(node.property)) return true;
  const actual = record[node.property];
  if (node.kind === 'call') {
    if (typeof actual !== 'string') return false;
    const haystack = actual.toLowerCase();
    const needle = node.value.toLowerCase();
    if (node.fn === 'contains') return haystack.includes(needle);
    return node.fn === 'startswith' ? haystack.startsWith(needle) : haystack.endsWith(needle);
  }
  const diff = difference(actual, node.value, options.isDateTime(node.property));
  if (diff === null) return node.op === 'ne';
  switch (node.op) {
    case 'eq':
      return diff === 0;
    case 'ne':
      return diff !== 0;
    case 'gt':
      return diff > 0;
    case 'ge':
      return diff >= 0;
    case 'lt':
      return diff < 0;
    default:
      return diff <= 0;
  }
}

/** Sign of (actual - expected), or null when the two cannot be compared. */
function difference(actual: unknown, expected: ODataLiteral, isDate: boolean): number | null {
  if (expected === null) return actual === null || actual === undefined ? 0 : null;
  if (actual === null || actual === undefined) return null;
  if (typeof expected === 'object') {
    const time = isDate && typeof actual === 'string' ? Date.parse(actual) : Number.NaN;
    return Number.isNaN(time) ? null : time - expected.dateTime;
  }
  if (typeof expected === 'number') return typeof actual === 'number' ? actual - expected : null;
  if (typeof expected === 'boolean')
    return actual === expected ? 0 : typeof actual === 'boolean' ? 1 : null;
  if (typeof actual !== 'string') return null;
  const left = actual.toLowerCase();
  const right = expected.toLowerCase();
  return left < right ? -1 : left > right ? 1 : 0;
}

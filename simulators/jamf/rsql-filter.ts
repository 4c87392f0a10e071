/**
 * RSQL filters as the Jamf Pro API accepts them in `filter=`: comparisons `==`, `!=`, `<`/`=lt=`,
 * `<=`/`=le=`, `>`/`=gt=`, `>=`/`=ge=`, `=in=(a,b)`, `=out=(a,b)`; `;` is AND, `,` is OR (AND
 * binds tighter), parentheses group. Values may be double- or single-quoted; `*` in an `==` or `!=`
 * value is a wildcard. Fields must come from the endpoint's allow-list.
 */

export type RsqlOperator = '==' | '!=' | '<' | '<=' | '>' | '>=' | '=in=' | '=out=';

export type RsqlNode =
  | { kind: 'and' | 'or'; children: RsqlNode[] }
  | { kind: 'compare'; field: string; op: RsqlOperator; values: string[] };

/** A value read from a record for a filter field. */
export type RsqlValue = string | number | boolean | null | undefined;

export class RsqlSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

export class RsqlFieldError extends Error {
  constructor(readonly field: string) {
    super(`Field '${field}' is not allowed in the filter`);
  }
}

const OPERATORS: ReadonlyArray<[string, RsqlOperator]> = [
  ['=in=', '=in='],
  ['=out=', '=out='],
  ['=lt=', '<'],
  ['=le=', '<='],
  ['=gt=', '>'],
  ['=ge=', '>='],
  ['==', '=='],
  ['!=', '!='],
  ['<=', '<='],
  ['>=', '>='],
  ['<', '<'],
  ['>', '>'],
];

const RESERVED = new Set(['"', "'", '(', ')', ';', ',', '=', '<', '>', '!', ' ']);

class RsqlParser {
  private pos = 0;

  constructor(private readonly text: string) {}

  parse(): RsqlNode {
    const node = this.parseOr();
    this.skipSpaces();
    if (this.pos < this.text.length) {
      throw this.error(`unexpected '${this.text[this.pos]}'`);
    }
    return node;
  }

  private parseOr(): RsqlNode {
    const children = [this.parseAnd()];
    while (this.consume(',')) children.push(this.parseAnd());
    return children.length === 1 ? (children[0] as RsqlNode) : { kind: 'or', children };
  }

  private parseAnd(): RsqlNode {
    const children = [this.parseConstraint()];
    while (this.consume(';')) children.push(this.parseConstraint());
    return children.length === 1 ? (children[0] as RsqlNode) : { kind: 'and', children };
  }

  private parseConstraint(): RsqlNode {
    if (this.consume('(')) {
      const inner = this.parseOr();
      if (!this.consume(')')) throw this.error("missing ')'");
      return inner;
    }
    const field = this.parseSelector();
    const op = this.parseOperator();
    const values = this.parseArguments(op);
    return { kind: 'compare', field, op, values };
  }

  private parseSelector(): string {
    this.skipSpaces();
    const match = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(this.text.slice(this.pos));
    if (!match) throw this.error('expected a field name');
    this.pos += match[0].length;
    return match[0];
  }

  private parseOperator(): RsqlOperator {
    this.skipSpaces();
    for (const [token, op] of OPERATORS) {
      if (this.text.startsWith(token, this.pos)) {
        this.pos += token.length;
        return op;
      }
    }
    throw this.error('expected a comparison operator');
  }

  private parseArguments(op: RsqlOperator): string[] {
    this.skipSpaces();
    const isList = op === '=in=' || op === '=out=';
    if (!isList) return [this.parseValue()];
    if (!this.consume('(')) throw this.error(`expected '(' after ${op}`);
    const values = [this.parseValue()];
    while (this.consume(',')) values.push(this.parseValue());
    if (!this.consume(')')) throw this.error(`missing ')' after ${op} values`);
    return values;
  }

  private parseValue(): string {
    this.skipSpaces();
    const quote = this.text[this.pos];
    if (quote === '"' || quote === "'") return this.parseQuoted(quote);
    const start = this.pos;
    while (this.pos < this.text.length && !RESERVED.has(this.text[this.pos] as string)) {
      this.pos += 1;
    }
    if (this.pos === start) throw this.error('expected a value');
    return this.text.slice(start, this.pos);
  }

  private parseQuoted(quote: string): string {
    let out = '';
    this.pos += 1;
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos] as string;
      if (ch === '\\' && this.pos + 1 < this.text.length) {
        out += this.text[this.pos + 1];
        this.pos += 2;
      } else if (ch === quote) {
        this.pos += 1;
        return out;
      } else {
        out += ch;
        this.pos += 1;
      }
    }
    throw this.error('unterminated quoted value');
  }

  private consume(token: string): boolean {
    this.skipSpaces();
    if (this.text.startsWith(token, this.pos)) {
      this.pos += token.length;
      return true;
    }
    return false;
  }

  private skipSpaces(): void {
    while (this.text[this.pos] === ' ') this.pos += 1;
  }

  private error(message: string): RsqlSyntaxError {
    return new RsqlSyntaxError(`RSQL syntax error at position ${this.pos}: ${message}`, this.pos);
  }
}

/** A parsed, field-checked RSQL filter. */
export class RsqlFilter {
  private constructor(readonly root: RsqlNode | null) {}

  /** Parses `text`; an empty filter matches everything. Throws on bad syntax or fields. */
  static parse(text: string, allowedFields: ReadonlySet<string>): RsqlFilter {
    if (text.trim() === '') return new RsqlFilter(null);
    const root = new RsqlParser(text).parse();
    checkFields(root, allowedFields);
    return new RsqlFilter(root);
  }

  /** True when the record whose field values `read` returns satisfies the filter. */
  matches(read: (field: string) => RsqlValue): boolean {
    return this.root === null || evaluate(this.root, read);
  }
}

function checkFields(node: RsqlNode, allowed: ReadonlySet<string>): void {
  if (node.kind === 'compare') {
    if (!allowed.has(node.field)) throw new RsqlFieldError(node.field);
    return;
  }
  for (const child of node.children) checkFields(child, allowed);
}

function evaluate(node: RsqlNode, read: (field: string) => RsqlValue): boolean {
  if (node.kind !== 'compare') {
    const test = (child: RsqlNode): boolean => evaluate(child, read);
    return node.kind === 'and' ? node.children.every(test) : node.children.some(test);
  }
  const actual = read(node.field);
  switch (node.op) {
    case '==':
      return equalsValue(actual, node.values[0] as string);
    case '!=':
      return !equalsValue(actual, node.values[0] as string);
    case '=in=':
      return node.values.some((value) => equalsValue(actual, value));
    case '=out=':
      return !node.values.some((value) => equalsValue(actual, value));
    default:
      return compareOrdered(actual, node.values[0] as string, node.op);
  }
}

function asText(actual: RsqlValue): string | null {
  if (actual === null || actual === undefined) return null;
  return String(actual);
}

function equalsValue(actual: RsqlValue, expected: string): boolean {
  const text = asText(actual);
  if (text === null) return expected === 'null';
  if (expected.includes('*')) return wildcard(expected).test(text);
  if (typeof actual === 'number') return Number(expected) === actual;
  return text === expected;
}

function wildcard(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 's');
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

function compareOrdered(actual: RsqlValue, expected: string, op: RsqlOperator): boolean {
  const text = asText(actual);
  if (text === null) return false;
  const diff = orderedDiff(actual, text, expected);
  if (diff === null) return false;
  if (op === '<') return diff < 0;
  if (op === '<=') return diff <= 0;
  if (op === '>') return diff > 0;
  return diff >= 0;
}

function orderedDiff(actual: RsqlValue, text: string, expected: string): number | null {
  if (
    typeof actual === 'number' ||
    (/^-?\d+(\.\d+)?$/.test(text) && /^-?\d+(\.\d+)?$/.test(expected))
  ) {
    const right = Number(expected);
    return Number.isNaN(right) ? null : Number(text) - right;
  }
  if (ISO_DATE.test(text) && ISO_DATE.test(expected)) {
    const left = Date.parse(text);
    const right = Date.parse(expected);
    if (Number.isNaN(left) || Number.isNaN(right)) return null;
    return left - right;
  }
  return text < expected ? -1 : text > expected ? 1 : 0;
}

import { AssetbridgeError } from '../errors';

/** Where JSON text stops being JSON: 1-based line and column, and what was found there. */
export interface JsonSyntaxError {
  line: number;
  column: number;
  /** `unexpected '}'`, `unexpected end of input`, ... */
  reason: string;
}

/**
 * Parses JSON text (a leading byte-order mark is ignored). Text that is not JSON is IMPORT_FILE
 * naming `name`, the line and column, and what was found there, because `JSON.parse` of Node 20
 * does not always say where.
 */
export function parseJsonText(text: string, name: string): unknown {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (err) {
    const at = jsonSyntaxError(body);
    const where = at === null ? '' : ` at line ${at.line}, column ${at.column}`;
    const why = at?.reason ?? (err instanceof Error ? err.message : String(err));
    throw new AssetbridgeError('IMPORT_FILE', `${name}: not valid JSON${where}: ${why}`, {
      cause: err,
      details: { file: name, ...(at === null ? {} : { line: at.line, column: at.column }) },
    });
  }
}

class Stop {
  constructor(
    readonly pos: number,
    readonly expected: string,
  ) {}
}

/** The first syntax error of `text` as JSON (RFC 8259), or null when it is JSON. */
export function jsonSyntaxError(text: string): JsonSyntaxError | null {
  const scanner = new JsonScanner(text);
  try {
    scanner.document();
    return null;
  } catch (err) {
    if (!(err instanceof Stop)) throw err;
    return located(text, err);
  }
}

/** A recursive-descent walk over JSON text that stops at the first character out of place. */
class JsonScanner {
  private pos = 0;

  constructor(private readonly text: string) {}

  document(): void {
    this.value();
    this.ws();
    if (this.pos < this.text.length) this.fail('the end of the input');
  }

  /** The character at the position; a call, so that TypeScript does not narrow it across moves. */
  private peek(): string | undefined {
    return this.text[this.pos];
  }

  private fail(expected: string): never {
    throw new Stop(this.pos, expected);
  }

  private ws(): void {
    for (let ch = this.peek(); ch !== undefined && ' \t\n\r'.includes(ch); ch = this.peek()) {
      this.pos++;
    }
  }

  private value(): void {
    this.ws();
    const ch = this.peek();
    if (ch === '{') this.items('}', () => this.member());
    else if (ch === '[') this.items(']', () => this.value());
    else if (ch === '"') this.string();
    else if (ch === 't') this.literal('true');
    else if (ch === 'f') this.literal('false');
    else if (ch === 'n') this.literal('null');
    else if (ch === '-' || isDigit(ch)) this.number();
    else this.fail('a value');
  }

  private member(): void {
    if (this.peek() !== '"') this.fail('a property name in double quotes');
    this.string();
    this.ws();
    if (this.peek() !== ':') this.fail("':'");
    this.pos++;
    this.value();
  }

  private items(close: string, item: () => void): void {
    this.pos++;
    this.ws();
    if (this.peek() === close) {
      this.pos++;
      return;
    }
    for (;;) {
      item();
      this.ws();
      if (this.peek() === close) {
        this.pos++;
        return;
      }
      if (this.peek() !== ',') this.fail(`',' or '${close}'`);
      this.pos++;
      this.ws();
    }
  }

  private literal(word: string): void {
    for (const ch of word) {
      if (this.peek() !== ch) this.fail(`'${word}'`);
      this.pos++;
    }
  }

  private digits(what: string): void {
    if (!isDigit(this.peek())) this.fail(what);
    while (isDigit(this.peek())) this.pos++;
  }

  private number(): void {
    if (this.peek() === '-') this.pos++;
    if (this.peek() === '0') this.pos++;
    else this.digits('a digit');
    if (this.peek() === '.') {
      this.pos++;
      this.digits('a digit after the decimal point');
    }
    if (this.peek() === 'e' || this.peek() === 'E') {
      this.pos++;
      if (this.peek() === '+' || this.peek() === '-') this.pos++;
      this.digits('a digit in the exponent');
    }
  }

  private string(): void {
    this.pos++;
    for (;;) {
      const ch = this.peek();
      if (ch === undefined) this.fail("a closing '\"'");
      if (ch === '"') {
        this.pos++;
        return;
      }
      if (ch.charCodeAt(0) < 0x20) this.fail('an escape such as \\n, not a control character');
      if (ch === '\\') this.escape();
      else this.pos++;
    }
  }

  private escape(): void {
    this.pos++;
    const esc = this.peek();
    if (esc === 'u') {
      for (let i = 0; i < 4; i++) {
        this.pos++;
        if (!/^[0-9a-fA-F]$/.test(this.peek() ?? '')) this.fail('four hex digits after \\u');
      }
      this.pos++;
    } else if (esc !== undefined && '"\\/bfnrt'.includes(esc)) this.pos++;
    else this.fail('an escape: \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX');
  }
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

function located(text: string, stop: Stop): JsonSyntaxError {
  const before = text.slice(0, stop.pos);
  const line = before.split('\n').length;
  const column = stop.pos - (before.lastIndexOf('\n') + 1) + 1;
  const found = text[stop.pos];
  const what =
    found === undefined
      ? 'unexpected end of input'
      : `unexpected ${found === '\n' ? 'line break' : JSON.stringify(found)}`;
  return { line, column, reason: `${what} (expected ${stop.expected})` };
}

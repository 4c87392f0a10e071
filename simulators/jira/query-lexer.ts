/**
 * A tokenizer shared by the AQL and JQL parsers: quoted strings with backslash escapes, bare words,
 * comparison operators, parentheses, commas, and function calls such as `now(-15m)`.
 */
export type TokenKind = 'string' | 'word' | 'op' | 'lparen' | 'rparen' | 'comma' | 'func';

export interface Token {
  kind: TokenKind;
  text: string;
  /** For `func`: the raw text between the parentheses. */
  args?: string;
  pos: number;
}

export class QuerySyntaxError extends Error {}

const OPERATORS = ['==', '!=', '<=', '>=', '!~', '=', '<', '>', '~'];
const WORD_STOP = /[\s()=!<>,"'~]/;

export function tokenize(text: string, functionNames: ReadonlySet<string>): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (/\s/.test(ch)) {
      i += 1;
    } else if (ch === '"' || ch === "'") {
      const [value, end] = readQuoted(text, i);
      tokens.push({ kind: 'string', text: value, pos: i });
      i = end;
    } else if (ch === '(' || ch === ')' || ch === ',') {
      const kind = ch === '(' ? 'lparen' : ch === ')' ? 'rparen' : 'comma';
      tokens.push({ kind, text: ch, pos: i });
      i += 1;
    } else {
      const op = OPERATORS.find((o) => text.startsWith(o, i));
      if (op) {
        tokens.push({ kind: 'op', text: op, pos: i });
        i += op.length;
        continue;
      }
      i = readWord(text, i, tokens, functionNames);
    }
  }
  return tokens;
}

function readWord(text: string, start: number, tokens: Token[], fns: ReadonlySet<string>): number {
  let i = start;
  while (i < text.length && !WORD_STOP.test(text[i] as string)) i += 1;
  const word = text.slice(start, i);
  if (text[i] === '(' && fns.has(word.toLowerCase())) {
    const close = text.indexOf(')', i);
    if (close < 0) throw new QuerySyntaxError(`unclosed "(" after ${word} at position ${i}`);
    tokens.push({ kind: 'func', text: word, args: text.slice(i + 1, close).trim(), pos: start });
    return close + 1;
  }
  tokens.push({ kind: 'word', text: word, pos: start });
  return i;
}

function readQuoted(text: string, start: number): [string, number] {
  const quote = text[start];
  let out = '';
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === '\\' && i + 1 < text.length) {
      out += text[i + 1];
      i += 2;
    } else if (ch === quote) {
      return [out, i + 1];
    } else {
      out += ch;
      i += 1;
    }
  }
  throw new QuerySyntaxError(`unterminated string starting at position ${start}`);
}

/** A cursor over tokens with case-insensitive keyword helpers. */
export class TokenCursor {
  private index = 0;

  constructor(private readonly tokens: Token[]) {}

  peek(offset = 0): Token | undefined {
    return this.tokens[this.index + offset];
  }

  next(): Token {
    const token = this.tokens[this.index];
    if (!token) throw new QuerySyntaxError('unexpected end of query');
    this.index += 1;
    return token;
  }

  atEnd(): boolean {
    return this.index >= this.tokens.length;
  }

  /** True (and consumes them) when the next bare words are `words`, case-insensitively. */
  acceptWords(...words: string[]): boolean {
    for (let k = 0; k < words.length; k++) {
      const token = this.peek(k);
      if (token?.kind !== 'word' || token.text.toLowerCase() !== words[k]) return false;
    }
    this.index += words.length;
    return true;
  }

  expect(kind: TokenKind, what: string): Token {
    const token = this.next();
    if (token.kind !== kind) {
      throw new QuerySyntaxError(
        `expected ${what} at position ${token.pos}, found "${token.text}"`,
      );
    }
    return token;
  }
}

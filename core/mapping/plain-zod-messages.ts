import type { z } from 'zod';

type Issue = Parameters<z.core.$ZodErrorMap>[0];

function shown(value: unknown): string {
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  return value === null || value === undefined ? 'nothing' : 'a mapping';
}

function sizeOf(input: unknown): string {
  if (typeof input === 'string') return `${input.length} character(s)`;
  if (Array.isArray(input)) return input.length === 0 ? 'none' : `${input.length}`;
  return shown(input);
}

function bound(issue: Issue, limit: number | bigint, atMost: boolean): string {
  const { origin, inclusive, input } = issue as Issue & { origin?: string; inclusive?: boolean };
  if (origin === 'string') {
    if (!atMost && Number(limit) === 1) return 'must not be empty';
    const word = atMost ? 'at most' : 'at least';
    return `must have ${word} ${limit} character(s), got ${sizeOf(input)}`;
  }
  if (origin === 'array' || origin === 'set') {
    const word = atMost ? 'at most' : 'at least';
    return `must list ${word} ${limit} item(s), got ${sizeOf(input)}`;
  }
  if (origin === 'int' || origin === 'safeint') {
    return `must be a whole number between ${Number.MIN_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}`;
  }
  const word = atMost
    ? inclusive
      ? 'at most'
      : 'less than'
    : inclusive
      ? 'at least'
      : 'more than';
  return `must be ${word} ${limit}, got ${shown(input)}`;
}

/**
 * A per-parse zod error map for files people write (config, mapping): a message that says what
 * the value must be and what it is (`must be at most 100, got 180`), in place of zod's defaults.
 * Messages a schema sets itself take precedence (zod applies a schema's own message first).
 * Undefined leaves an issue to zod's default (or to `describeZodIssue`).
 */
export const plainZodMessages: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'too_big':
      return bound(issue, issue.maximum, true);
    case 'too_small':
      return bound(issue, issue.minimum, false);
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}, got ${shown(issue.input)}`;
    case 'invalid_type':
      if (issue.input === undefined) return `is required (expected ${issue.expected})`;
      if (issue.expected === 'int' && typeof issue.input === 'number') {
        return `must be a whole number, got ${shown(issue.input)}`;
      }
      return `expected ${issue.expected}, got ${shown(issue.input)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}, got ${shown(issue.input)}`;
    case 'invalid_format':
      if (issue.format === 'regex' && 'pattern' in issue) {
        return `must match ${String(issue.pattern)}, got ${shown(issue.input)}`;
      }
      return `must be a valid ${issue.format}, got ${shown(issue.input)}`;
    default:
      return undefined;
  }
};

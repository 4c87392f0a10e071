import { z } from 'zod';
import { plainZodMessages } from '../../../core/mapping/plain-zod-messages';

function messageOf(schema: z.ZodType, value: unknown): string {
  const result = schema.safeParse(value, { error: plainZodMessages });
  if (result.success) throw new Error('expected a failure');
  return result.error.issues[0].message;
}

describe('plainZodMessages', () => {
  test.each([
    [z.number().max(100), 180, 'must be at most 100, got 180'],
    [z.number().lt(100), 100, 'must be less than 100, got 100'],
    [z.number().int().min(1), 0, 'must be at least 1, got 0'],
    [z.number().int(), 1.5, 'must be a whole number, got 1.5'],
    [z.string().min(1), '', 'must not be empty'],
    [z.string().max(3), 'abcd', 'must have at most 3 character(s), got 4 character(s)'],
    [z.array(z.string()).min(1), [], 'must list at least 1 item(s), got none'],
    [z.number().multipleOf(5), 7, 'must be a multiple of 5, got 7'],
    [z.string().regex(/^x+$/), 'y', 'must match /^x+$/, got "y"'],
    [z.enum(['a', 'b']), 'c', 'must be one of a, b, got "c"'],
    [z.string(), 3, 'expected string, got 3'],
    [z.string(), undefined, 'is required (expected string)'],
  ])('%#: %j → %s', (schema, value, message) => {
    expect(messageOf(schema, value)).toBe(message);
  });

  test("a schema's own message wins", () => {
    expect(messageOf(z.string().min(1, 'name it'), '')).toBe('name it');
  });
});

import { isAssetbridgeError } from '../../../core/errors';
import { jsonSyntaxError, parseJsonText } from '../../../core/ingest/parse-json-text';

describe('parseJsonText', () => {
  test('parses JSON, a leading byte-order mark included', () => {
    expect(parseJsonText('\uFEFF{"a": [1, -2.5e3, "\\u00e9", true, null]}', 'x.json')).toEqual({
      a: [1, -2500, 'é', true, null],
    });
  });

  test('text that is not JSON is IMPORT_FILE naming the file, the line and the column', () => {
    try {
      parseJsonText('{\n  "wipeMethod": "crypto_erase",\n  "custody": [ }\n', 'rec.json');
      throw new Error('expected a throw');
    } catch (err) {
      expect(isAssetbridgeError(err, 'IMPORT_FILE')).toBe(true);
      expect((err as Error).message).toBe(
        'rec.json: not valid JSON at line 3, column 16: unexpected "}" (expected a value)',
      );
      expect((err as { details: unknown }).details).toEqual({
        file: 'rec.json',
        line: 3,
        column: 16,
      });
    }
  });

  test.each([
    ['{"a":1', 1, 7, "unexpected end of input (expected ',' or '}')"],
    ['{"a": 1,}', 1, 9, 'unexpected "}" (expected a property name in double quotes)'],
    ["{'a': 1}", 1, 2, `unexpected "'" (expected a property name in double quotes)`],
    ['[1 2]', 1, 4, "unexpected \"2\" (expected ',' or ']')"],
    ['{"a": 01}', 1, 8, "unexpected \"1\" (expected ',' or '}')"],
    ['{\n"a": tru\n}', 2, 9, "unexpected line break (expected 'true')"],
    ['"\\q"', 1, 3, expect.stringMatching(/^unexpected "q" \(expected an escape/)],
    ['"\\u12g4"', 1, 6, 'unexpected "g" (expected four hex digits after \\u)'],
    ['{"a": 1} x', 1, 10, 'unexpected "x" (expected the end of the input)'],
    ['', 1, 1, 'unexpected end of input (expected a value)'],
  ])('%j stops at %i:%i', (text, line, column, reason) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(jsonSyntaxError(text)).toEqual({ line, column, reason });
  });

  test('JSON has no syntax error', () => {
    expect(jsonSyntaxError(' {"a": {"b": [[], {}]}, "c": "\\"\\\\\\/"} \n')).toBeNull();
  });
});

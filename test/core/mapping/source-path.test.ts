import { parseSourcePath, readPath, writePath } from '../../../core/mapping/source-path';

describe('parseSourcePath', () => {
  test.each([
    ['id', ['id']],
    ['hardware.serialNumber', ['hardware', 'serialNumber']],
    ['a.b[0].c', ['a', 'b', 0, 'c']],
    ['a[1][2]', ['a', 1, 2]],
    ['RAM (GB)', ['RAM (GB)']],
    ["['P.O. Number']", ['P.O. Number']],
    ['x["a.b"].y', ['x', 'a.b', 'y']],
    ['東京.ｓ', ['東京', 'ｓ']],
  ])('%s', (input, expected) => {
    expect(parseSourcePath(input)).toEqual(expected);
  });

  test.each([
    ['', 'is empty'],
    ['a..b', 'has an empty segment'],
    ['a.', 'has an empty segment'],
    ['a[x]', "has an unexpected '[' at position 2"],
    ['a]b', "has an unexpected ']' at position 2"],
    ['a[0]b', "has an unexpected 'b' at position 5"],
    ['constructor', "uses the reserved key 'constructor'"],
  ])('rejects %j', (input, message) => {
    expect(parseSourcePath(input)).toBe(message);
  });
});

describe('readPath and writePath', () => {
  test('read own properties only; missing steps give undefined', () => {
    const record = { a: { b: [{ c: 1 }] }, s: 'text' };
    expect(readPath(record, 'a.b[0].c')).toBe(1);
    expect(readPath(record, 'a.b[1].c')).toBeUndefined();
    expect(readPath(record, 's.length')).toBeUndefined();
    expect(readPath(record, 'a.toString')).toBeUndefined();
    expect(readPath({ a: { 0: 'x' } }, 'a[0]')).toBeUndefined();
    expect(readPath(null, 'a')).toBeUndefined();
  });

  test('write creates objects and arrays on the way', () => {
    const out: Record<string, unknown> = { keep: 1 };
    writePath(out, 'a.b[1].c', 'v');
    writePath(out, 'a.d', 2);
    expect(out).toEqual({ keep: 1, a: { b: [undefined, { c: 'v' }], d: 2 } });
    expect(() => writePath(out, 'a..b', 1)).toThrow("source path 'a..b' has an empty segment");
  });
});

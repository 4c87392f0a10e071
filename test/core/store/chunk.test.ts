import {
  chunk,
  forChunks,
  inChunks,
  lastByKey,
  rowsPerInsert,
  unique,
} from '../../../core/store/chunk';

describe('chunk helpers', () => {
  test('chunk splits into slices of at most size', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 3)).toEqual([]);
    expect(() => chunk([1], 0)).toThrow('chunk size must be a positive integer, got 0');
  });

  test('inChunks queries distinct values at most 500 at a time', async () => {
    const values = Array.from({ length: 1001 }, (_, i) => `v${i % 1001}`);
    const sizes: number[] = [];
    const out = await inChunks([...values, 'v0'], async (part) => {
      sizes.push(part.length);
      return part;
    });
    expect(sizes).toEqual([500, 500, 1]);
    expect(out).toEqual(values);
  });

  test('forChunks writes in order and rowsPerInsert stays under the parameter budget', async () => {
    const seen: number[][] = [];
    await forChunks([1, 2, 3], 2, async (part) => seen.push(part));
    expect(seen).toEqual([[1, 2], [3]]);
    expect(rowsPerInsert(8) * 8).toBeLessThanOrEqual(999);
    expect(rowsPerInsert(10_000)).toBe(1);
  });

  test('unique and lastByKey', () => {
    expect(unique(['b', 'a', 'b'])).toEqual(['b', 'a']);
    const rows = [
      { k: 'a', v: 1 },
      { k: 'b', v: 2 },
      { k: 'a', v: 3 },
    ];
    expect(lastByKey(rows, (r) => r.k)).toEqual([
      { k: 'b', v: 2 },
      { k: 'a', v: 3 },
    ]);
  });
});

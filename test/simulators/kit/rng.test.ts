import { Rng } from '../../../simulators/kit/rng';

describe('Rng', () => {
  test('the same seed gives the same sequence; another seed a different one', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const seqA = Array.from({ length: 20 }, () => a.next());
    const seqB = Array.from({ length: 20 }, () => b.next());
    const seqC = Array.from({ length: 20 }, () => c.next());
    expect(seqA).toEqual(seqB);
    expect(seqA).not.toEqual(seqC);
  });

  test('next() stays in [0, 1) and int() within inclusive bounds, reaching both ends', () => {
    const rng = new Rng(7);
    const seen = new Set<number>();
    for (let i = 0; i < 5000; i++) {
      const x = rng.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      const n = rng.int(3, 6);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(6);
      seen.add(n);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  test('chance(p) respects p roughly and the edges exactly', () => {
    const rng = new Rng(1);
    let hits = 0;
    for (let i = 0; i < 10_000; i++) if (rng.chance(0.3)) hits++;
    expect(hits).toBeGreaterThan(2700);
    expect(hits).toBeLessThan(3300);
    expect(rng.chance(0)).toBe(false);
    expect(rng.chance(1)).toBe(true);
  });

  test('pick, hex and uuid have the right shapes', () => {
    const rng = new Rng(9);
    expect(['a', 'b']).toContain(rng.pick(['a', 'b']));
    expect(rng.hex(32)).toMatch(/^[0-9a-f]{32}$/);
    expect(rng.hex(5)).toMatch(/^[0-9a-f]{5}$/);
    for (let i = 0; i < 100; i++) {
      expect(rng.uuid()).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    }
  });

  test('bad input is rejected with a clear message', () => {
    expect(() => new Rng(Number.NaN)).toThrow(/seed must be a finite number/);
    expect(() => new Rng(1).int(5, 2)).toThrow(/max \(2\) is less than min \(5\)/);
    expect(() => new Rng(1).pick([])).toThrow(/empty list/);
  });
});

import { generateFleet } from '../../../simulators/fleet/fleet-generator';

describe('generateFleet at scale', () => {
  test('100,000 devices: every key and serial unique, every device in some system', () => {
    const big = generateFleet({ size: 100_000, seed: 2026 });
    expect(big).toHaveLength(100_000);
    expect(new Set(big.map((d) => d.key)).size).toBe(100_000);
    expect(new Set(big.map((d) => d.serial)).size).toBe(100_000);
    expect(big.filter((d) => !Object.values(d.presence).some(Boolean))).toEqual([]);
  }, 120_000);
});

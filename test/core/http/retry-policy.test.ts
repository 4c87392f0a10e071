import fc from 'fast-check';
import { RetryPolicy } from '../../../core/http/retry-policy';

const NOW = 1_780_000_000_000;

describe('RetryPolicy.backoffMs', () => {
  test('full jitter: random × min(cap, base·2^(n-1))', () => {
    const policy = new RetryPolicy({ baseDelayMs: 500, maxDelayMs: 30_000, random: () => 0.999 });
    const delays = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => policy.backoffMs(n));
    expect(delays).toEqual([499, 999, 1998, 3996, 7992, 15984, 29970, 29970]);
  });

  test('always within [0, cap) for any random value and retry number', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 0.9999999, noNaN: true }),
        fc.integer({ min: 1, max: 60 }),
        (r, n) => {
          const delay = new RetryPolicy({ random: () => r }).backoffMs(n);
          return delay >= 0 && delay < 30_000;
        },
      ),
    );
  });

  test('rejects a maxAttempts below 1', () => {
    expect(() => new RetryPolicy({ maxAttempts: 0 })).toThrow(
      /maxAttempts must be an integer >= 1, got 0/,
    );
  });
});

describe('RetryPolicy.decide', () => {
  const policy = new RetryPolicy({ random: () => 0.5 });
  const status = (s: number, headers: Record<string, string> = {}) =>
    ({ kind: 'status', status: s, headers }) as const;

  test.each([
    [429, true, true],
    [503, true, true],
    [502, true, true],
    [504, true, true],
    [500, true, true],
    [429, false, true],
    [503, false, true],
    [500, false, false],
    [502, false, false],
    [504, false, false],
    [400, true, false],
    [404, true, false],
    [409, false, false],
  ])('HTTP %d, idempotent %s → retry %s', (s, idempotent, retry) => {
    expect(policy.decide(status(s), 1, idempotent, NOW).retry).toBe(retry);
  });

  test('non-idempotent 5xx is WRITE_OUTCOME_UNKNOWN; 4xx is VENDOR_HTTP', () => {
    expect(policy.decide(status(500), 1, false, NOW)).toMatchObject({
      code: 'WRITE_OUTCOME_UNKNOWN',
    });
    expect(policy.decide(status(422), 1, false, NOW)).toMatchObject({ code: 'VENDOR_HTTP' });
  });

  test('transport failures: not-sent always retried, maybe-sent only when idempotent, fatal never', () => {
    expect(policy.decide({ kind: 'not-sent', reason: 'ECONNREFUSED' }, 1, false, NOW).retry).toBe(
      true,
    );
    expect(policy.decide({ kind: 'maybe-sent', reason: 'ECONNRESET' }, 1, true, NOW).retry).toBe(
      true,
    );
    expect(
      policy.decide({ kind: 'maybe-sent', reason: 'ECONNRESET' }, 1, false, NOW),
    ).toMatchObject({
      retry: false,
      code: 'WRITE_OUTCOME_UNKNOWN',
    });
    expect(policy.decide({ kind: 'fatal', reason: 'ENOTFOUND' }, 1, true, NOW)).toMatchObject({
      code: 'VENDOR_UNREACHABLE',
    });
  });

  test('the last attempt gives RETRIES_EXHAUSTED', () => {
    expect(policy.decide(status(503), 4, true, NOW).retry).toBe(true);
    expect(policy.decide(status(503), 5, true, NOW)).toMatchObject({
      code: 'RETRIES_EXHAUSTED',
      retryable: true,
    });
  });

  test('vendor waits are used as given and capped by maxWaitMs', () => {
    expect(policy.decide(status(429, { 'retry-after': '120' }), 1, true, NOW)).toMatchObject({
      retry: true,
      delayMs: 120_000,
      fromVendor: true,
    });
    expect(policy.decide(status(429, { 'retry-after': '121' }), 1, true, NOW)).toMatchObject({
      retry: false,
      code: 'RATE_LIMITED',
    });
    const short = new RetryPolicy({ maxWaitMs: 10_000 });
    expect(short.decide(status(503, { 'retry-after': '11' }), 1, true, NOW)).toMatchObject({
      code: 'RATE_LIMITED',
    });
  });

  test('reset headers on a 500 are ignored (only 429 and 503 carry vendor waits)', () => {
    expect(policy.decide(status(500, { 'retry-after': '60' }), 1, true, NOW)).toMatchObject({
      delayMs: 250,
      fromVendor: false,
    });
  });
});

import { FixedWindowLimiter } from '../../../simulators/kit/rate-limiter';

describe('FixedWindowLimiter', () => {
  test('allows `limit` requests per window per key, then refuses until the window ends', () => {
    let now = 10_000;
    const limiter = new FixedWindowLimiter({ limit: 3, windowMs: 60_000, now: () => now });
    const first = limiter.take('user-a');
    expect(first).toEqual({
      allowed: true,
      limit: 3,
      remaining: 2,
      resetAtMs: 60_000,
      retryAfterSeconds: 50,
    });
    limiter.take('user-a');
    expect(limiter.take('user-a')).toMatchObject({ allowed: true, remaining: 0 });
    now = 59_500;
    expect(limiter.take('user-a')).toMatchObject({
      allowed: false,
      remaining: 0,
      retryAfterSeconds: 1,
    });
    expect(limiter.take('user-b')).toMatchObject({ allowed: true, remaining: 2 });
    now = 60_000;
    expect(limiter.take('user-a')).toMatchObject({
      allowed: true,
      remaining: 2,
      resetAtMs: 120_000,
    });
  });

  test('reset() forgets the counts', () => {
    const limiter = new FixedWindowLimiter({ limit: 1, windowMs: 1000, now: () => 0 });
    limiter.take('k');
    expect(limiter.take('k').allowed).toBe(false);
    limiter.reset();
    expect(limiter.take('k').allowed).toBe(true);
  });

  test('a limit of 0 refuses everything; bad options are rejected', () => {
    const limiter = new FixedWindowLimiter({ limit: 0, windowMs: 1000 });
    expect(limiter.take('k').allowed).toBe(false);
    expect(() => new FixedWindowLimiter({ limit: -1, windowMs: 1000 })).toThrow(/limit must be/);
    expect(() => new FixedWindowLimiter({ limit: 1, windowMs: 0 })).toThrow(
      /windowMs must be positive/,
    );
  });
});

import { RateLimitConfig } from '../../../core/config/config-schema';
import { FALLBACK_LIMITS, limiterSettingsFor } from '../../../core/http/rate-limit-defaults';

describe('limiterSettingsFor', () => {
  test('vendor defaults', () => {
    expect(limiterSettingsFor('jamf').system).toEqual({ maxConcurrent: 5 });
    const intune = limiterSettingsFor('intune');
    expect(intune.system.budget).toEqual({ amount: 2000, intervalMs: 20_000 });
    expect(intune.classes?.write?.budget).toEqual({ amount: 200, intervalMs: 20_000 });
    expect(limiterSettingsFor('servicenow').system.maxConcurrent).toBe(4);
    expect(limiterSettingsFor('jsm').classes?.aql?.budget).toEqual({
      amount: 1000,
      intervalMs: 60_000,
    });
    // Assets limits are per endpoint; the instance-wide total is 10,000 per minute (jira.md §1.2).
    expect(limiterSettingsFor('jsm').system.budget).toEqual({
      amount: 10_000,
      intervalMs: 60_000,
    });
    expect(limiterSettingsFor('kandji')).toEqual({ ...FALLBACK_LIMITS, classes: {} });
  });

  test('the config overrides key by key, for the system and per class', () => {
    const config = RateLimitConfig.parse({
      maxConcurrent: 2,
      perMinute: 600,
      classes: { write: { perMinute: 60 }, bulk: { maxConcurrent: 1 } },
    });
    const settings = limiterSettingsFor('intune', config);
    expect(settings.system).toEqual({
      maxConcurrent: 2,
      budget: { amount: 600, intervalMs: 60_000 },
    });
    expect(settings.classes).toEqual({
      write: { budget: { amount: 60, intervalMs: 60_000 } },
      bulk: { maxConcurrent: 1 },
    });
  });

  test('keys absent from the config keep the defaults', () => {
    const settings = limiterSettingsFor('jamf', RateLimitConfig.parse({ minTimeMs: 100 }));
    expect(settings.system).toEqual({ maxConcurrent: 5, minTimeMs: 100 });
  });

  test('the config schema rejects unknown keys in a class', () => {
    expect(RateLimitConfig.safeParse({ classes: { write: { perHour: 5 } } }).success).toBe(false);
  });
});

import { parseResetHeader, parseRetryAfter, vendorWaitMs } from '../../../core/http/retry-after';

const NOW = Date.parse('2026-06-01T12:00:00.000Z');

describe('parseRetryAfter', () => {
  test.each([
    ['120', 120_000],
    ['0', 0],
    ['1.5', 1500],
    ['Mon, 01 Jun 2026 12:00:30 GMT', 30_000],
    ['Mon, 01 Jun 2026 11:59:00 GMT', -60_000],
  ])('%s → %d ms', (value, ms) => {
    expect(parseRetryAfter(value, NOW)).toBe(ms);
  });

  test.each([[undefined], [''], ['soon'], ['-5']])('%s → null', (value) => {
    expect(parseRetryAfter(value, NOW)).toBeNull();
  });
});

describe('parseResetHeader', () => {
  test.each([
    ['small numbers are seconds from now', '45', 45_000],
    ['large numbers are epoch seconds', String(NOW / 1000 + 90), 90_000],
    ['very large numbers are epoch milliseconds', String(NOW + 2_000), 2_000],
    ['ISO-8601 minutes (Jira)', '2026-06-01T12:05Z', 300_000],
  ])('%s', (_label, value, ms) => {
    expect(parseResetHeader(value, NOW)).toBe(ms);
  });
});

describe('vendorWaitMs', () => {
  test('Retry-After wins over the reset headers', () => {
    expect(vendorWaitMs({ 'retry-after': '2', 'x-ratelimit-reset': '50' }, NOW)).toBe(2000);
  });

  test('falls through past and unusable values to the next header', () => {
    const headers = {
      'retry-after': 'Mon, 01 Jun 2026 11:00:00 GMT',
      'x-ratelimit-reset': 'garbage',
      'ratelimit-reset': '7',
    };
    expect(vendorWaitMs(headers, NOW)).toBe(7000);
  });

  test('null when no header asks for a wait', () => {
    expect(vendorWaitMs({}, NOW)).toBeNull();
    expect(vendorWaitMs({ 'retry-after': '0' }, NOW)).toBeNull();
  });
});

import fc from 'fast-check';
import { isAssetbridgeError } from '../../../core/errors';
import {
  parseDate,
  parseInstant,
  parseOptionalDate,
  parseOptionalInstant,
  tryParseInstant,
} from '../../../core/time/parse-instant';

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a throw');
}

describe('parseInstant', () => {
  test.each([
    ['2026-01-02T03:04:05Z', '2026-01-02T03:04:05.000Z'],
    ['2026-01-02T03:04:05.1Z', '2026-01-02T03:04:05.100Z'],
    ['2026-01-02T03:04:05.12Z', '2026-01-02T03:04:05.120Z'],
    ['2026-01-02T03:04:05.123Z', '2026-01-02T03:04:05.123Z'],
    ['2026-01-02T03:04:05.1239Z', '2026-01-02T03:04:05.123Z'],
    ['2026-01-02T03:04:05.9999999Z', '2026-01-02T03:04:05.999Z'],
    ['2026-01-02T03:04:05.999999999Z', '2026-01-02T03:04:05.999Z'],
    ['2026-01-02T03:04:05,5Z', '2026-01-02T03:04:05.500Z'],
    ['2026-01-02t03:04:05z', '2026-01-02T03:04:05.000Z'],
    ['2026-01-02T03:04Z', '2026-01-02T03:04:00.000Z'],
    ['2026-01-02T03:04:05+02:00', '2026-01-02T01:04:05.000Z'],
    ['2026-01-02T03:04:05+0530', '2026-01-01T21:34:05.000Z'],
    ['2026-01-02T03:04:05-08', '2026-01-02T11:04:05.000Z'],
    ['2026-01-02T03:04:05-00:00', '2026-01-02T03:04:05.000Z'],
    ['2026-01-02T03:04:05.123+0000', '2026-01-02T03:04:05.123Z'],
    ['2016-12-31T23:59:43.797191-08:00', '2017-01-01T07:59:43.797Z'],
    ['2026-01-02 03:04:05', '2026-01-02T03:04:05.000Z'],
    ['2026-01-02T03:04:05', '2026-01-02T03:04:05.000Z'],
    ['2026-01-02', '2026-01-02T00:00:00.000Z'],
    ['  2026-01-02  ', '2026-01-02T00:00:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['0050-06-01T00:00:00Z', '0050-06-01T00:00:00.000Z'],
    ['1613505881527', '2021-02-16T20:04:41.527Z'],
    ['1613505881', '2021-02-16T20:04:41.000Z'],
  ])('%s → %s', (input, expected) => {
    expect(parseInstant(input)).toBe(expected);
  });

  test('epoch numbers: 13 digits are milliseconds, 10 digits seconds', () => {
    expect(parseInstant(1613505881527)).toBe('2021-02-16T20:04:41.527Z');
    expect(parseInstant(1613505881)).toBe('2021-02-16T20:04:41.000Z');
  });

  test('a Date object gives its instant; an invalid Date is rejected', () => {
    expect(parseInstant(new Date(Date.UTC(2020, 4, 6, 7, 8, 9, 10)))).toBe(
      '2020-05-06T07:08:09.010Z',
    );
    expect(() => parseInstant(new Date(NaN))).toThrow(/invalid Date/);
  });

  test.each([
    ['2026-02-30', /not a calendar date/],
    ['2025-02-29T00:00:00Z', /not a calendar date/],
    ['2026-13-01', /not a calendar date/],
    ['2026-04-31T10:00:00Z', /not a calendar date/],
    ['2026-01-02T24:00:00Z', /out of range/],
    ['2026-01-02T23:60:00Z', /out of range/],
    ['2026-01-02T23:59:60Z', /out of range/],
    ['2026-01-02T03:04:05+24:00', /offset out of range/],
    ['2026-01-02T03:04:05.1234567890Z', /not ISO-8601/],
    ['Jan 2, 2026', /not ISO-8601/],
    ['01/02/2026', /not ISO-8601/],
    ['2026-1-2', /not ISO-8601/],
    ['12345', /neither 10 digits/],
    ['', /is empty/],
    ['0001-01-01T00:00:00Z', /sentinel/],
    ['9999-12-31T23:59:59.9999999Z', /sentinel/],
  ])('rejects %j', (input, why) => {
    const err = errorOf(() => parseInstant(input));
    expect(isAssetbridgeError(err, 'TIMESTAMP_INVALID')).toBe(true);
    expect(err.message).toMatch(why);
    if (input !== '') expect(err.message).toContain(input);
  });

  test.each([[null], [undefined], [true], [{}], [[1]], [1.5], [-1000], [12345]])(
    'rejects the non-timestamp %p',
    (input) => {
      expect(() => parseInstant(input)).toThrow(/timestamp/);
    },
  );

  test('a long invalid value is cut in the message', () => {
    const err = errorOf(() => parseInstant('x'.repeat(500)));
    expect(err.message.length).toBeLessThan(200);
  });

  test('an offset that leaves the years 0000..9999 is rejected', () => {
    expect(() => parseInstant('0000-01-01T00:00:00+01:00')).toThrow(/outside the years/);
  });
});

describe('tryParseInstant and parseOptionalInstant', () => {
  test('the Graph sentinels and blanks mean "no value"', () => {
    expect(tryParseInstant('0001-01-01T00:00:00Z')).toBeNull();
    expect(tryParseInstant('0001-01-01T00:00:00.0000000Z')).toBeNull();
    expect(tryParseInstant('9999-12-31T23:59:59.9999999Z')).toBeNull();
    expect(parseOptionalInstant('0001-01-01T00:00:00Z')).toBeNull();
    expect(parseOptionalInstant('')).toBeNull();
    expect(parseOptionalInstant('   ')).toBeNull();
    expect(parseOptionalInstant(null)).toBeNull();
    expect(parseOptionalInstant(undefined)).toBeNull();
  });

  test('tryParseInstant returns null for garbage; parseOptionalInstant throws', () => {
    expect(tryParseInstant('garbage')).toBeNull();
    expect(tryParseInstant('2026-02-30')).toBeNull();
    expect(() => parseOptionalInstant('garbage')).toThrow(/garbage/);
    expect(tryParseInstant('2026-01-02T03:04:05Z')).toBe('2026-01-02T03:04:05.000Z');
  });
});

describe('parseDate', () => {
  test.each([
    ['2026-01-02', '2026-01-02'],
    ['2026-01-02T23:30:00Z', '2026-01-02'],
    ['2026-01-02T23:30:00-02:00', '2026-01-03'],
    ['2026-01-02 03:04:05', '2026-01-02'],
    [1613505881527, '2021-02-16'],
    ['0050-06-01', '0050-06-01'],
  ])('%p → %s', (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  test('rejects impossible dates, blanks and sentinels', () => {
    expect(() => parseDate('2026-02-30')).toThrow(/'2026-02-30' is not a calendar date/);
    expect(() => parseDate('')).toThrow(/empty/);
    expect(() => parseDate('0001-01-01')).toThrow(/sentinel/);
    expect(parseOptionalDate('0001-01-01')).toBeNull();
    expect(parseOptionalDate('9999-12-31')).toBeNull();
    expect(parseOptionalDate('0001-01-01T00:00:00Z')).toBeNull();
    expect(parseOptionalDate(null)).toBeNull();
  });
});

const isoDate = fc.date({
  min: new Date('0001-01-02T00:00:00.000Z'),
  max: new Date('9999-12-30T00:00:00.000Z'),
  noInvalidDate: true,
});

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** The local wall time of `ms` at `offset` minutes east of UTC, written with that offset. */
function withOffset(ms: number, offset: number, fraction: string, compact: boolean): string {
  const local = new Date(ms + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const sep = compact ? '' : ':';
  return `${local}${fraction}${sign}${pad(Math.floor(abs / 60))}${sep}${pad(abs % 60)}`;
}

describe('properties', () => {
  test('toISOString round trips', () => {
    fc.assert(
      fc.property(isoDate, (d) => {
        expect(parseInstant(d.toISOString())).toBe(d.toISOString());
      }),
    );
  });

  test('any offset gives the same instant as the UTC form', () => {
    fc.assert(
      fc.property(
        isoDate,
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
        fc.boolean(),
        (d, offset, compact) => {
          const ms = d.getTime();
          const fraction = `.${pad(d.getUTCMilliseconds(), 3)}`;
          expect(parseInstant(withOffset(ms, offset, fraction, compact))).toBe(d.toISOString());
        },
      ),
    );
  });

  test('extra fraction digits are truncated, never rounded', () => {
    fc.assert(
      fc.property(isoDate, fc.stringMatching(/^\d{0,6}$/), (d, extra) => {
        const iso = d.toISOString();
        const input = `${iso.slice(0, 23)}${extra}Z`;
        expect(parseInstant(input)).toBe(iso);
      }),
    );
  });

  test('epoch milliseconds agree with Date for 13-digit values', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1_000_000_000_000, max: 9_999_999_999_999 }), (ms) => {
        expect(parseInstant(ms)).toBe(new Date(ms).toISOString());
        expect(parseInstant(String(ms))).toBe(new Date(ms).toISOString());
      }),
    );
  });

  test('parseDate of an instant is the UTC date of that instant', () => {
    fc.assert(
      fc.property(isoDate, (d) => {
        expect(parseDate(d.toISOString())).toBe(d.toISOString().slice(0, 10));
      }),
    );
  });
});

import {
  imeiDefect,
  isPlaceholderSerial,
  macDefect,
  makeSerialPolicy,
  manufacturerKey,
  matchableSerial,
  normalizeImei,
  normalizeMac,
  normalizeSerial,
  normalizeUdid,
} from '../../../core/identity/normalize';

describe('identifier normalisation', () => {
  test('serials are trimmed, upper-cased, and blank means absent', () => {
    expect(normalizeSerial('  c02xk1abcd12 ')).toBe('C02XK1ABCD12');
    expect(normalizeSerial('')).toBeNull();
    expect(normalizeSerial('   ')).toBeNull();
    expect(normalizeSerial(null)).toBeNull();
  });

  test.each([
    '0',
    'Not Available',
    'To be filled by O.E.M.',
    'Default string',
    'System Serial Number',
    '123456789',
    'XXXXXXXXXX',
    '0000000',
    ' n/a ',
    '--',
    'TBD',
    'tba',
    'N.A.',
    '#N/A',
    '0123456789ABCDEF',
    '0123456789abcdef',
    '12345',
    'ABCDEFG',
    '987654321',
  ])('placeholder serial %p never matches', (raw) => {
    expect(matchableSerial(raw)).toBeNull();
  });

  test.each(['C02XK1ABCD12', '12346', 'ABCDX', '0123456789ABCDEG', 'TBD1234'])(
    'serial %p is not a placeholder',
    (raw) => expect(matchableSerial(raw)).toBe(raw),
  );

  test('invisible format characters are not part of a serial, MAC or UDID', () => {
    expect(normalizeSerial('\u200BSER\u200B0003A\u2060\uFEFF ')).toBe('SER0003A');
    expect(normalizeSerial('\u200B')).toBeNull();
    expect(normalizeMac('a4:83:e7:12:34:56\u200B')).toBe('A4:83:E7:12:34:56');
    expect(normalizeUdid('\u200B6d2f1a9e-1c7b')).toBe('6D2F1A9E-1C7B');
  });

  test('a malformed MAC or IMEI is told from a placeholder one', () => {
    expect(macDefect('not a mac')).toBe('malformed');
    expect(macDefect('00:00:00:00:00:00')).toBe('placeholder');
    expect(macDefect('a4-83-e7-12-34-56')).toBeNull();
    expect(macDefect(' ')).toBeNull();
    expect(imeiDefect('abc')).toBe('malformed');
    expect(imeiDefect('000000000000000')).toBe('placeholder');
    expect(imeiDefect('35 209900 176148 1')).toBeNull();
  });

  test('real serials match; the placeholder list is configurable', () => {
    expect(matchableSerial('FVFEGZD8PCF3')).toBe('FVFEGZD8PCF3');
    const policy = makeSerialPolicy(['asset 0000']);
    expect(isPlaceholderSerial('ASSET0000', policy)).toBe(true);
    expect(matchableSerial('Asset 0000', policy)).toBeNull();
    expect(matchableSerial('Asset 0000')).toBe('ASSET0000');
  });

  test('MACs take one canonical form; junk is absent', () => {
    expect(normalizeMac('a4-83-e7-12-34-56')).toBe('A4:83:E7:12:34:56');
    expect(normalizeMac('a483.e712.3456')).toBe('A4:83:E7:12:34:56');
    expect(normalizeMac('A483E7123456')).toBe('A4:83:E7:12:34:56');
    expect(normalizeMac('00:00:00:00:00:00')).toBeNull();
    expect(normalizeMac('ff:ff:ff:ff:ff:ff')).toBeNull();
    expect(normalizeMac('zz:83:e7:12:34:56')).toBeNull();
  });

  test('IMEIs are digits only', () => {
    expect(normalizeImei('35 209900 176148 1')).toBe('352099001761481');
    expect(normalizeImei('35-209900-176148-1')).toBe('352099001761481');
    expect(normalizeImei('12345')).toBeNull();
    expect(normalizeImei('000000000000000')).toBeNull();
  });

  test('UDIDs are upper-cased; zero UUIDs are absent', () => {
    expect(normalizeUdid(' 6d2f1a9e-1c7b-4c55-9d0e-0123456789ab ')).toBe(
      '6D2F1A9E-1C7B-4C55-9D0E-0123456789AB',
    );
    expect(normalizeUdid('00000000-0000-0000-0000-000000000000')).toBeNull();
  });

  test('manufacturer keys fold legal suffixes and aliases', () => {
    expect(manufacturerKey('Apple Inc.')).toBe('APPLE');
    expect(manufacturerKey('apple')).toBe('APPLE');
    expect(manufacturerKey('Dell Inc.')).toBe('DELL');
    expect(manufacturerKey('Hewlett-Packard')).toBe('HP');
    expect(manufacturerKey('HP Inc.')).toBe('HP');
    expect(manufacturerKey('Lenovo')).toBe('LENOVO');
    expect(manufacturerKey('')).toBeNull();
  });
});

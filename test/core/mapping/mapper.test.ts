import { emptyAsset } from '../../../core/model/asset';
import { setField } from '../../../core/model/core-fields';
import { parseMapping } from '../../../core/mapping/mapping-loader';
import { mapInbound, mapOutbound } from '../../../core/mapping/mapper';

/** A mapping with one inward field: `core`, read from `v`, with the given transforms (YAML). */
function one(core: string, transforms = '[]', extra = ''): ReturnType<typeof parseMapping> {
  const text = `version: 1\nconnector: test\nfields:\n  - { core: ${core}, source: v, transforms: ${transforms}${extra} }\n`;
  return parseMapping(text, 'test.yaml');
}

/** The mapped value of `core` for record `{ v: value }`, or the error message. */
function run(core: string, transforms: string, value: unknown, record: object = {}) {
  const { record: mapped, errors } = mapInbound(one(core, transforms), { v: value, ...record });
  if (errors.length > 0) return { error: errors[0].message };
  return mapped.values[core];
}

describe('transforms', () => {
  test.each([
    ['trim', '  a b  ', 'a b'],
    ['upper', 'straße', 'STRASSE'],
    ['lower', 'ÀBC', 'àbc'],
    ['date', '2024-03-15T23:30:00-02:00', '2024-03-16'],
    ['instant', '2024-03-15 10:00:00', '2024-03-15T10:00:00.000Z'],
    ['number', ' 1,299.50 ', 1299.5],
    ['number', '1e3', 1000],
    ['bytesToGb', 17179869184, 16],
    ['bytesToGb', '256060514304', 238.47],
    ['mbToGb', 16384, 16],
    ['"{ divide: 1000 }"', 2500, 2.5],
    ['"{ multiply: 2 }"', '21', 42],
    ['"{ regex: { pattern: \'^(.*?) \\(\', group: 1 } }"', 'MacBook Pro (14-inch)', 'MacBook Pro'],
    ['"{ regex: { pattern: \'(?<v>\\d+) GB\', group: v } }"', 'RAM 32 GB', '32'],
    ['"{ regex: \'[0-9]+\' }"', 'abc 123 def', '123'],
    ['"{ split: \';\' }"', 'b; a ;;c', ['a', 'b', 'c']],
    ['split', 'x,y', ['x', 'y']],
    ['"{ default: N/A }"', '', 'N/A'],
    ['"{ default: N/A }"', 'given', 'given'],
    ['"{ date: \'DD/MM/YYYY\' }"', '5/3/2024', '2024-03-05'],
    ['"{ date: \'MM-DD-YYYY\' }"', '03-15-2024', '2024-03-15'],
  ])('%s of %p', (transform, input, expected) => {
    const core = Array.isArray(expected)
      ? 'identifiers.hostnames'
      : typeof expected === 'number'
        ? 'purchase.cost'
        : 'name';
    expect(run(core, `[${transform.replace(/^"|"$/g, '')}]`, input)).toEqual(expected);
  });

  test('regex without a match gives no value, not an error', () => {
    const mapped = mapInbound(one('name', "[{ regex: '^x(.)' }]"), { v: 'abc' });
    expect(mapped).toEqual({ record: { externalId: null, values: {} }, errors: [] });
  });

  test('map: exact, case-insensitive, default, null and pass-through', () => {
    const exact = '[{ map: { values: { Mac: laptop, Phone: mobile, Gone: null } } }]';
    expect(run('category', exact, 'Mac')).toBe('laptop');
    expect(run('category', exact, 'Gone')).toBeUndefined();
    expect(run('category', exact, 'mac')).toMatchObject({
      error: expect.stringContaining("'mac'"),
    });
    expect(run('category', exact, 'LAPTOP')).toBe('laptop'); // passes through; enums ignore case
    expect(run('category', exact, 'Windows')).toEqual({
      error:
        "category: 'Windows' is not a valid category; expected one of laptop, desktop, server, network, mobile, tablet, printer, peripheral, other",
    });
    const loose =
      "[{ map: { values: { 'In Use': deployed }, default: in_stock, caseInsensitive: true } }]";
    expect(run('lifecycle.stage', loose, ' IN USE ')).toBe('deployed');
    expect(run('lifecycle.stage', loose, 'something')).toBe('in_stock');
    expect(run('lifecycle.stage', loose, '')).toBeUndefined();
  });

  test('concat joins the non-empty parts; firstNonEmpty falls back in order', () => {
    const concat = "[{ concat: { sources: [a, b.c, d], separator: ' / ' } }]";
    expect(run('assignment.location', concat, null, { a: 'HQ', b: { c: 3 }, d: ' ' })).toBe(
      'HQ / 3',
    );
    expect(run('assignment.location', concat, null, {})).toBeUndefined();
    const first = '[{ firstNonEmpty: [a, b] }]';
    expect(run('name', first, '', { a: '', b: 'bee' })).toBe('bee');
    expect(run('name', first, 'own', { a: 'a', b: 'bee' })).toBe('own');
    const m = parseMapping(
      'version: 1\nconnector: t\nfields:\n  - { core: name, transforms: [{ firstNonEmpty: [x, "y[1]"] }] }\n',
      't.yaml',
    );
    expect(mapInbound(m, { y: ['zero', 'one'] }).record.values).toEqual({ name: 'one' });
  });

  test('transform failures name the value and the field', () => {
    expect(run('purchase.cost', '[number]', '12,5')).toEqual({
      error: "purchase.cost: '12,5' is not a number",
    });
    expect(run('name', "[{ date: 'DD/MM/YYYY' }]", '2024-03-05')).toEqual({
      error: "name: '2024-03-05' does not match date format 'DD/MM/YYYY'",
    });
    expect(run('name', '[date]', '31/02/2024')).toMatchObject({
      error: expect.stringContaining("'31/02/2024'"),
    });
  });
});

describe('coercion to the core field kind', () => {
  test.each([
    ['name', 42, '42'],
    ['name', true, 'true'],
    ['hardware.memoryGb', '16', 16],
    ['hardware.memoryGb', 8.5, 8.5],
    ['purchase.date', '2024-01-02T10:00:00Z', '2024-01-02'],
    ['lastSeen.at', 1613505881527, '2021-02-16T20:04:41.527Z'],
    ['lastSeen.at', '0001-01-01T00:00:00Z', undefined],
    ['compliance.state', ' Compliant ', 'compliant'],
    ['identifiers.hostnames', ['b', 'a', 'b', '', null], ['a', 'b']],
    ['identifiers.hostnames', 'single', ['single']],
    ['identifiers.hostnames', [], undefined],
  ])('%s from %p', (core, input, expected) => {
    expect(run(core, '[]', input)).toEqual(expected);
  });

  test.each([
    ['name', { a: 1 }, 'name: an object is not text, as name needs'],
    ['hardware.memoryGb', 'lots', "hardware.memoryGb: 'lots' is not a number"],
    ['hardware.memoryGb', Infinity, 'hardware.memoryGb: Infinity is not a finite number'],
    ['purchase.date', '2024-02-30', "purchase.date: timestamp '2024-02-30' is not a calendar date"],
    ['lastSeen.at', 'yesterday', "lastSeen.at: timestamp 'yesterday' is not ISO-8601"],
    ['lifecycle.stage', 'broken', "lifecycle.stage: 'broken' is not a valid lifecycle.stage"],
    ['identifiers.imeis', [{}], 'identifiers.imeis: an object is not text'],
    ['hardware.memoryGb', '-16', 'hardware.memoryGb: -16 is not allowed (Too small'],
    ['purchase.cost', -0.01, 'purchase.cost: -0.01 is not allowed (Too small'],
    ['purchase.currency', 'euro', "purchase.currency: 'euro' is not allowed (expected an ISO 4217"],
  ])('%s rejects %p', (core, input, message) => {
    expect(run(core, '[]', input)).toEqual({ error: expect.stringContaining(message) });
  });

  test('blank means absent: empty, whitespace, null and missing values are left out', () => {
    for (const value of ['', '   ', null, undefined]) {
      expect(mapInbound(one('name'), { v: value }).record.values).toEqual({});
    }
    expect(mapInbound(one('name'), {}).record.values).toEqual({});
    expect(mapInbound(one('name'), null).record.values).toEqual({});
  });

  test('a failed field is left out while the others are kept; the message cuts long values', () => {
    const m = parseMapping(
      'version: 1\nconnector: t\nfields:\n  - { core: name, source: n }\n  - { core: purchase.cost, source: c }\n',
      't.yaml',
    );
    const long = 'x'.repeat(200);
    const { record, errors } = mapInbound(m, { n: 'ok', c: long });
    expect(record.values).toEqual({ name: 'ok' });
    expect(errors).toEqual([
      {
        field: 'purchase.cost',
        source: 'c',
        message: `purchase.cost: '${'x'.repeat(80)}…' is not a number`,
      },
    ]);
  });

  test('the cut never splits an emoji', () => {
    const value = '😀'.repeat(100);
    const [error] = mapInbound(one('purchase.cost'), { v: value }).errors;
    expect(error.message).toContain(`'${'😀'.repeat(80)}…'`);
  });
});

describe('Unicode and size', () => {
  test.each([['東京オフィス 3F'], ['Laptop 💻 de José'], ['O’Brien’s MacBook'], ['Ａｓｓｅｔ']])(
    '%s passes through unchanged',
    (value) => {
      expect(run('name', '[trim]', value)).toBe(value);
    },
  );

  test('upper and lower work on non-Latin text', () => {
    expect(run('name', '[upper]', 'ﬁx ǆ')).toBe('FIX Ǆ');
    expect(run('name', '[lower]', 'ΣΊΣΥΦΟΣ')).toBe('σίσυφος');
  });

  test('a 10 MB string passes through untouched', () => {
    const big = `é${'a'.repeat(10 * 1024 * 1024)}😀`;
    const { record, errors } = mapInbound(one('name'), { v: big });
    expect(errors).toEqual([]);
    expect(record.values.name).toBe(big);
  });
});

describe('externalId', () => {
  const mapping = (path: string) =>
    parseMapping(
      `version: 1\nconnector: t\nexternalId: "${path}"\nfields: [{ core: name, source: n }]\n`,
      't.yaml',
    );

  test('read from a path, as text', () => {
    expect(mapInbound(mapping('id'), { id: 42 }).record.externalId).toBe('42');
    expect(mapInbound(mapping("['Asset Tag']"), { 'Asset Tag': ' A-1 ' }).record.externalId).toBe(
      'A-1',
    );
    expect(mapInbound(mapping('a.b[1]'), { a: { b: ['x', 'y'] } }).record.externalId).toBe('y');
    expect(mapInbound(mapping('id'), { id: '' }).record.externalId).toBeNull();
  });

  test('a non-scalar id is an error', () => {
    const { record, errors } = mapInbound(mapping('id'), { id: { nested: 1 } });
    expect(record.externalId).toBeNull();
    expect(errors).toEqual([
      {
        field: 'externalId',
        source: 'id',
        message: 'external id an object is not text or a number',
      },
    ]);
  });
});

describe('mapOutbound', () => {
  const text = `version: 1
connector: jamf
fields:
  - { core: serial, source: hardware.serialNumber, direction: both, transforms: [trim, upper] }
  - { core: hardware.memoryGb, source: hardware.totalRamMegabytes, direction: both, transforms: [number, mbToGb] }
  - core: category
    source: general.platform
    direction: both
    transforms: [{ map: { values: { Mac: laptop, Windows: desktop }, default: other } }]
  - { core: identifiers.hostnames, source: "names[0].list", direction: out, transforms: [{ split: ';' }] }
  - { core: name, source: general.name, direction: out, outTransforms: [upper, { regex: '^(.{0,5})' }] }
  - { core: model, source: hardware.model }
  - { core: assetTag, source: general.assetTag, direction: out }
`;
  const mapping = parseMapping(text, 'jamf.yaml');

  test('builds the nested vendor object from out and both fields only', () => {
    const asset = emptyAsset('a1', '2026-01-01T00:00:00.000Z');
    setField(asset, 'serial', 'C02X');
    setField(asset, 'hardware.memoryGb', 16);
    setField(asset, 'category', 'laptop');
    setField(asset, 'identifiers.hostnames', ['a', 'b']);
    setField(asset, 'name', 'finance-mac');
    setField(asset, 'model', 'MacBook');
    expect(mapOutbound(mapping, asset)).toEqual({
      hardware: { serialNumber: 'C02X', totalRamMegabytes: 16384 },
      general: { platform: 'Mac', name: 'FINAN' },
      names: [{ list: 'a;b' }],
    });
  });

  test('values the inverse map does not know pass through; absent values are not written', () => {
    const asset = emptyAsset('a2', '2026-01-01T00:00:00.000Z');
    setField(asset, 'category', 'server');
    expect(mapOutbound(mapping, asset)).toEqual({ general: { platform: 'server' } });
  });
});

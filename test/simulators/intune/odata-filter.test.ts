import {
  ODataFilter,
  ODataFilterError,
  ODataPropertyError,
} from '../../../simulators/intune/odata-filter';

const PROPS = new Set([
  'id',
  'operatingSystem',
  'serialNumber',
  'lastSyncDateTime',
  'isEncrypted',
  'totalStorageSpaceInBytes',
  'deviceEnrollmentType',
  'deviceName',
]);
const options = {
  isProperty: (name: string) => PROPS.has(name),
  isDateTime: (name: string) => name === 'lastSyncDateTime',
};

const DEVICES = [
  {
    id: 'a',
    operatingSystem: 'Windows',
    serialNumber: 'PF3ABC',
    lastSyncDateTime: '2025-12-31T23:59:59.9999999Z',
    isEncrypted: true,
    totalStorageSpaceInBytes: 256,
    deviceEnrollmentType: 'windowsAzureADJoin',
    deviceName: "O'Brien-PC",
  },
  {
    id: 'b',
    operatingSystem: 'iOS',
    serialNumber: 'F2LXYZ',
    lastSyncDateTime: '2026-01-01T00:00:00.0000001Z',
    isEncrypted: false,
    totalStorageSpaceInBytes: 128,
    deviceEnrollmentType: 'appleBulkWithUser',
    deviceName: 'iPhone',
  },
  {
    id: 'c',
    operatingSystem: 'Windows',
    serialNumber: '',
    lastSyncDateTime: '0001-01-01T00:00:00Z',
    isEncrypted: true,
    totalStorageSpaceInBytes: 0,
    deviceEnrollmentType: 'windowsAzureADJoin',
    deviceName: null,
  },
];

function ids(text: string, ignored?: Set<string>): string[] {
  const filter = ODataFilter.parse(text, { ...options, ignored });
  return DEVICES.filter((d) => filter.matches(d)).map((d) => d.id);
}

describe('ODataFilter', () => {
  test('eq on strings ignores case; ne is its negation', () => {
    expect(ids("operatingSystem eq 'windows'")).toEqual(['a', 'c']);
    expect(ids("operatingSystem ne 'Windows'")).toEqual(['b']);
    expect(ids("serialNumber eq 'PF3ABC'")).toEqual(['a']);
  });

  test('date-time literals compare as instants, including the 0001 sentinel', () => {
    expect(ids('lastSyncDateTime ge 2026-01-01T00:00:00Z')).toEqual(['b']);
    expect(ids('lastSyncDateTime lt 2026-01-01T00:00:00Z')).toEqual(['a', 'c']);
    expect(ids('lastSyncDateTime gt 0001-01-01T00:00:00Z')).toEqual(['a', 'b']);
  });

  test('and, or, parentheses, booleans, numbers, quotes', () => {
    expect(
      ids("operatingSystem eq 'Windows' and lastSyncDateTime ge 2025-06-01T00:00:00Z"),
    ).toEqual(['a']);
    expect(ids("serialNumber eq 'F2LXYZ' or isEncrypted eq false")).toEqual(['b']);
    expect(
      ids("(operatingSystem eq 'iOS' or totalStorageSpaceInBytes gt 200) and isEncrypted eq true"),
    ).toEqual(['a']);
    expect(ids("deviceName eq 'O''Brien-PC'")).toEqual(['a']);
    expect(ids('deviceName eq null')).toEqual(['c']);
  });

  test('contains and startswith', () => {
    expect(ids("contains(serialNumber,'xy')")).toEqual(['b']);
    expect(ids("startswith(deviceName,'iph')")).toEqual(['b']);
  });

  test('ignored properties always pass', () => {
    expect(
      ids("deviceEnrollmentType eq 'appleBulkWithUser'", new Set(['deviceEnrollmentType'])),
    ).toEqual(['a', 'b', 'c']);
  });

  test.each([
    'operatingSystem eq',
    "operatingSystem equals 'x'",
    "(operatingSystem eq 'x'",
    "operatingSystem eq 'x' and",
    'contains(serialNumber)',
    "operatingSystem eq 'open",
  ])('syntax errors are ODataFilterErrors: %s', (text) => {
    expect(() => ODataFilter.parse(text, options)).toThrow(ODataFilterError);
  });

  test('unknown properties are named in the error', () => {
    expect(() => ODataFilter.parse("skuFamily eq 'x'", options)).toThrow(ODataPropertyError);
    expect(() => ODataFilter.parse("skuFamily eq 'x'", options)).toThrow(
      "Could not find a property named 'skuFamily'",
    );
  });
});

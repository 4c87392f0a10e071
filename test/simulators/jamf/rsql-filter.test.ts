import {
  RsqlFieldError,
  RsqlFilter,
  RsqlSyntaxError,
  type RsqlValue,
} from '../../../simulators/jamf/rsql-filter';

const FIELDS = new Set([
  'id',
  'general.name',
  'general.reportDate',
  'hardware.serialNumber',
  'purchasing.lifeExpectancy',
  'general.supervised',
]);

const RECORDS: Array<Record<string, RsqlValue>> = [
  {
    id: '1',
    'general.name': 'Alpha',
    'general.reportDate': '2025-12-31T23:59:59Z',
    'hardware.serialNumber': 'ABC',
    'purchasing.lifeExpectancy': 3,
    'general.supervised': true,
  },
  {
    id: '2',
    'general.name': 'Beta',
    'general.reportDate': '2026-01-01T00:00:00.5Z',
    'hardware.serialNumber': 'DEF',
    'purchasing.lifeExpectancy': 5,
    'general.supervised': false,
  },
  {
    id: '10',
    'general.name': 'Gamma ray',
    'general.reportDate': '2026-03-01T12:00:00.12Z',
    'hardware.serialNumber': null,
    'purchasing.lifeExpectancy': 4,
    'general.supervised': true,
  },
];

function ids(filter: string): string[] {
  const parsed = RsqlFilter.parse(filter, FIELDS);
  return RECORDS.filter((r) => parsed.matches((f) => r[f])).map((r) => String(r.id));
}

describe('RsqlFilter', () => {
  test('an empty filter matches everything', () => {
    expect(ids('')).toEqual(['1', '2', '10']);
  });

  test('== and != on quoted and unquoted values', () => {
    expect(ids('hardware.serialNumber=="ABC"')).toEqual(['1']);
    expect(ids("hardware.serialNumber=='DEF'")).toEqual(['2']);
    expect(ids('general.name!=Alpha')).toEqual(['2', '10']);
    expect(ids('general.name=="Gamma ray"')).toEqual(['10']);
  });

  test('* is a wildcard in == values', () => {
    expect(ids('general.name=="Gam*"')).toEqual(['10']);
    expect(ids('general.name==*et*')).toEqual(['2']);
  });

  test('ordered comparisons compare date-times as instants and numbers as numbers', () => {
    expect(ids('general.reportDate>="2026-01-01T00:00:00Z"')).toEqual(['2', '10']);
    expect(ids('general.reportDate<"2026-01-01T00:00:00Z"')).toEqual(['1']);
    expect(ids('general.reportDate=gt="2026-01-01T00:00:00.5Z"')).toEqual(['10']);
    expect(ids('id>2')).toEqual(['10']);
    expect(ids('id=le=2')).toEqual(['1', '2']);
    expect(ids('purchasing.lifeExpectancy=ge=4')).toEqual(['2', '10']);
  });

  test('=in= and =out= take a list', () => {
    expect(ids('id=in=(1,10)')).toEqual(['1', '10']);
    expect(ids('id=out=(1,10)')).toEqual(['2']);
    expect(ids('hardware.serialNumber=in=("ABC","XYZ")')).toEqual(['1']);
  });

  test('; binds tighter than , and parentheses group', () => {
    expect(ids('id==1,id==2;general.name==Beta')).toEqual(['1', '2']);
    expect(ids('id==1,id==2;general.name==Alpha')).toEqual(['1']);
    expect(ids('(id==1,id==2);general.name==Alpha')).toEqual(['1']);
    expect(ids('general.supervised==true;purchasing.lifeExpectancy>3')).toEqual(['10']);
  });

  test('null values never pass ordered comparisons', () => {
    expect(ids('hardware.serialNumber>"A"')).toEqual(['1', '2']);
  });

  test.each(['id==', 'id=x=1', '(id==1', 'id==1;', 'id=in=1', 'general.name=="open', '==1'])(
    'bad syntax is an RsqlSyntaxError: %s',
    (filter) => {
      expect(() => RsqlFilter.parse(filter, FIELDS)).toThrow(RsqlSyntaxError);
    },
  );

  test('fields outside the allow-list are refused', () => {
    expect(() => RsqlFilter.parse('general.secret==1', FIELDS)).toThrow(RsqlFieldError);
    expect(() => RsqlFilter.parse('id==1,general.secret==1', FIELDS)).toThrow(
      "Field 'general.secret'",
    );
  });
});

import { parseCondition, parseEncodedQuery } from '../../../simulators/servicenow/encoded-query';
import { compileQuery, type QueryContext } from '../../../simulators/servicenow/query-evaluator';

type Row = Record<string, string>;

const FIELDS = new Set(['name', 'serial_number', 'sys_updated_on', 'sys_mod_count', 'os', 'asset']);

function ctx(over: Partial<QueryContext<Row>> = {}): QueryContext<Row> {
  return {
    isField: (f) => FIELDS.has(f),
    isNumeric: (f) => f === 'sys_mod_count',
    valueAt: (r, f) => r[f] ?? '',
    invalidReturnsNoRows: false,
    ...over,
  };
}

const ROWS: Row[] = [
  {
    name: 'alpha',
    serial_number: 'C02X1',
    sys_updated_on: '2024-01-01 00:00:00',
    sys_mod_count: '2',
    os: 'macOS',
  },
  {
    name: 'beta',
    serial_number: '',
    sys_updated_on: '2024-03-05 10:00:00',
    sys_mod_count: '10',
    os: 'Windows',
  },
  {
    name: 'gamma',
    serial_number: 'PF3A',
    sys_updated_on: '2023-12-31 23:59:59',
    sys_mod_count: '1',
    os: '',
  },
  {
    name: 'Alphabet',
    serial_number: 'C02Y9',
    sys_updated_on: '2024-03-05 10:00:00',
    sys_mod_count: '0',
    os: 'macOS',
  },
];

function names(query: string, over: Partial<QueryContext<Row>> = {}): string[] {
  const compiled = compileQuery(parseEncodedQuery(query), ctx(over));
  const out = ROWS.filter((r) => compiled.matches(r));
  compiled.sort(out);
  return out.map((r) => r.name);
}

describe('parseCondition', () => {
  test.each([
    ['name=abc', 'name', '=', 'abc'],
    ['name!=abc', 'name', '!=', 'abc'],
    ['sys_mod_count>=3', 'sys_mod_count', '>=', '3'],
    ['nameLIKEal', 'name', 'LIKE', 'al'],
    ['nameNOT LIKEal', 'name', 'NOT LIKE', 'al'],
    ['nameSTARTSWITHal', 'name', 'STARTSWITH', 'al'],
    ['nameINa,b', 'name', 'IN', 'a,b'],
    ['nameNOT INa,b', 'name', 'NOT IN', 'a,b'],
    ['nameISEMPTY', 'name', 'ISEMPTY', ''],
    ['nameISNOTEMPTY', 'name', 'ISNOTEMPTY', ''],
    ['company.name=ACME', 'company.name', '=', 'ACME'],
    ['name=a=b', 'name', '=', 'a=b'],
  ])('%s', (part, field, operator, value) => {
    expect(parseCondition(part)).toEqual({ field, operator, value, raw: part });
  });

  test('rejects unknown operators and javascript: values', () => {
    expect(parseCondition('nameFOOx')).toBeNull();
    expect(parseCondition('sys_updated_on>javascript:gs.daysAgoStart(0)')).toBeNull();
    expect(parseCondition('nameISEMPTYx')).toBeNull();
    expect(parseCondition('=abc')).toBeNull();
  });
});

describe('parseEncodedQuery', () => {
  test('AND, OR binding to the previous condition, NQ groups and ORDERBY', () => {
    const q = parseEncodedQuery('os=macOS^name=a^ORname=b^NQname=c^ORDERBYDESCname^ORDERBYos^EQ');
    expect(q.groups).toHaveLength(2);
    expect(q.groups[0].map((t) => t.map((c) => c.raw))).toEqual([
      ['os=macOS'],
      ['name=a', 'name=b'],
    ]);
    expect(q.groups[1].map((t) => t.map((c) => c.raw))).toEqual([['name=c']]);
    expect(q.orderBy).toEqual([
      { field: 'name', descending: true },
      { field: 'os', descending: false },
    ]);
    expect(q.invalid).toEqual([]);
  });

  test('collects unparseable parts as invalid', () => {
    expect(parseEncodedQuery('name=a^gibberish').invalid).toEqual(['gibberish']);
  });

  test('an empty query has no groups', () => {
    expect(parseEncodedQuery('')).toEqual({ groups: [], orderBy: [], invalid: [] });
  });
});

describe('compileQuery on string values', () => {
  test.each([
    ['name=alpha', ['alpha']],
    ['os=macOS^ORDERBYname', ['Alphabet', 'alpha']],
    ['nameLIKEpha', ['alpha', 'Alphabet']],
    ['nameSTARTSWITHal', ['alpha']],
    ['nameENDSWITHa', ['alpha', 'beta', 'gamma']],
    ['nameINbeta,gamma', ['beta', 'gamma']],
    ['nameNOT INbeta,gamma', ['alpha', 'Alphabet']],
    ['serial_numberISEMPTY', ['beta']],
    ['serial_numberISNOTEMPTY^ORDERBYserial_number', ['alpha', 'Alphabet', 'gamma']],
    ['sys_updated_on>2024-01-01 00:00:00', ['beta', 'Alphabet']],
    ['sys_updated_on>=2024-01-01 00:00:00', ['alpha', 'beta', 'Alphabet']],
    ['sys_updated_on<2024-01-01 00:00:00', ['gamma']],
    ['sys_updated_on<=2024-01-01 00:00:00', ['alpha', 'gamma']],
    ['sys_mod_count>2', ['beta']],
    ['name=alpha^ORname=gamma', ['alpha', 'gamma']],
    ['os=macOS^name=beta^NQname=gamma', ['gamma']],
    ['ORDERBYDESCsys_mod_count', ['beta', 'alpha', 'gamma', 'Alphabet']],
    ['ORDERBYDESCsys_updated_on^ORDERBYname', ['Alphabet', 'beta', 'alpha', 'gamma']],
    ['nameBETWEENb@h', ['beta', 'gamma']],
  ])('%s', (query, expected) => {
    expect(names(query)).toEqual(expected);
  });

  test('integer fields compare as numbers, not lexically', () => {
    expect(names('sys_mod_count<3^ORDERBYsys_mod_count')).toEqual(['Alphabet', 'gamma', 'alpha']);
  });

  test('!= skips empty values unless the quirk is off', () => {
    expect(names('os!=macOS')).toEqual(['beta']);
    expect(names('os!=macOS', { notEqualsExcludesEmpty: false })).toEqual(['beta', 'gamma']);
  });

  test('an invalid part is ignored and the rest applied (platform default)', () => {
    const compiled = compileQuery(parseEncodedQuery('no_such_field=1^name=beta'), ctx());
    expect(ROWS.filter((r) => compiled.matches(r)).map((r) => r.name)).toEqual(['beta']);
    expect(compiled.invalid).toEqual(['no_such_field=1']);
  });

  test('an invalid part returns no rows when glide.invalid_query.returns_no_rows is on', () => {
    expect(names('no_such_field=1^name=beta', { invalidReturnsNoRows: true })).toEqual([]);
    expect(names('name=beta', { invalidReturnsNoRows: true })).toEqual(['beta']);
  });

  test('an invalid ORDERBY field is ignored', () => {
    expect(names('ORDERBYbogus^name=alpha')).toEqual(['alpha']);
  });

  test('values are case-sensitive', () => {
    expect(names('name=Alpha')).toEqual([]);
  });
});

import { AqlSyntaxError, parseAql, runAql } from '../../../simulators/jira/aql';
import { JiraState } from '../../../simulators/jira/jira-state';
import { resolveJiraOptions } from '../../../simulators/jira/jira-options';
import type { AssetObject } from '../../../simulators/jira/assets-store';

const NOW = Date.UTC(2026, 0, 10, 12, 0, 0);

function buildState(): { state: JiraState; ids: Record<string, string> } {
  const state = new JiraState(resolveJiraOptions({ now: () => NOW }));
  const alice = state.users.ensure('alice@example.com', 'Alice Example');
  const mk = (
    typeId: string,
    name: string,
    extra: Record<string, string[]>,
    updated: number,
  ): AssetObject => {
    const obj = state.assets.create(
      {
        objectTypeId: typeId,
        attributes: [
          {
            objectTypeAttributeId: typeId === '10' ? '19' : '2',
            objectAttributeValues: [{ value: name }],
          },
          ...Object.entries(extra).map(([id, values]) => ({
            objectTypeAttributeId: id,
            objectAttributeValues: values.map((value) => ({ value })),
          })),
        ],
      },
      updated,
    );
    return obj;
  };
  const sydney = mk('10', 'Sydney', {}, NOW - 50_000_000);
  const a = mk(
    '2',
    'MBP-001',
    { '5': ['C02ABC'], '9': ['16384'], '12': ['2'], '13': [alice.accountId], '14': [sydney.id] },
    Date.UTC(2026, 0, 1, 9, 0),
  );
  const b = mk(
    '2',
    'MBP-002',
    { '5': ['C02XYZ'], '9': ['8192'], '12': ['1'] },
    Date.UTC(2026, 0, 2, 11, 0),
  );
  const c = mk('3', 'DESK-9', { '15': ['Finance'], '12': ['4'] }, Date.UTC(2025, 11, 30, 8, 0));
  return { state, ids: { sydney: sydney.id, a: a.id, b: b.id, c: c.id } };
}

function run(state: JiraState, aql: string): string[] {
  return runAql(parseAql(aql), state.aqlCtx());
}

describe('AQL parser', () => {
  test('parses clauses, boolean operators, parentheses and order by', () => {
    const q = parseAql(
      'objectType = "Laptop" AND ("Serial Number" = ABC OR RAM > 8) order by Updated desc',
    );
    expect(q.orderBy).toEqual([{ field: 'Updated', direction: 'desc' }]);
    expect(q.where?.kind).toBe('and');
  });

  test('parses IN lists, IS EMPTY, LIKE and functions', () => {
    expect(parseAql('Key in (ITA-1, ITA-2)').where).toMatchObject({
      op: 'in',
      values: [{ text: 'ITA-1' }, { text: 'ITA-2' }],
    });
    expect(parseAql('"Asset Tag" is not EMPTY').where).toMatchObject({ op: 'is not empty' });
    expect(parseAql('Name like mbp').where).toMatchObject({ op: 'like' });
    expect(parseAql('Updated > now(-2h 15m)').where).toMatchObject({
      values: [{ kind: 'func', name: 'now', args: '-2h 15m' }],
    });
  });

  test.each([
    'objectType =',
    'objectType = "Laptop',
    '(Name = a',
    'Name = a b',
    'Name ?? x',
    'order by',
  ])('rejects malformed AQL %s', (text) => {
    expect(() => parseAql(text)).toThrow(AqlSyntaxError);
  });
});

describe('AQL evaluation', () => {
  const { state, ids } = buildState();

  test('objectType excludes child types; objectTypeAndChildren includes them', () => {
    expect(run(state, 'objectType = "Laptop"')).toEqual([ids.a, ids.b]);
    expect(run(state, 'objectType = Hardware')).toEqual([]);
    expect(run(state, 'objectType in objectTypeAndChildren("Hardware")')).toEqual([
      ids.a,
      ids.b,
      ids.c,
    ]);
    expect(run(state, 'objectTypeId = 3')).toEqual([ids.c]);
  });

  test('attribute comparisons are case-insensitive and typed', () => {
    expect(run(state, '"serial number" = "c02abc"')).toEqual([ids.a]);
    expect(run(state, 'RAM >= 10000')).toEqual([ids.a]);
    expect(run(state, 'RAM < 10000')).toEqual([ids.b]);
    expect(run(state, 'Name like "mbp"')).toEqual([ids.a, ids.b]);
    expect(run(state, 'Name not like "mbp" AND objectType != Location')).toEqual([ids.c]);
    expect(run(state, 'Name startswith DESK')).toEqual([ids.c]);
  });

  test('Key, status, user, reference and select values', () => {
    expect(run(state, `Key = ITA-${ids.b}`)).toEqual([ids.b]);
    expect(run(state, 'Status = "In Use"')).toEqual([ids.a]);
    expect(run(state, 'Status in ("In Stock", Retired)')).toEqual([ids.b, ids.c]);
    expect(run(state, 'Owner = "alice@example.com"')).toEqual([ids.a]);
    expect(run(state, 'Location = Sydney')).toEqual([ids.a]);
    expect(run(state, 'Department = finance')).toEqual([ids.c]);
  });

  test('IS EMPTY, AND, OR and parentheses', () => {
    expect(run(state, 'objectType = Laptop AND "Serial Number" is EMPTY')).toEqual([]);
    expect(run(state, 'objectType in (Laptop, Desktop) AND Owner is EMPTY')).toEqual([
      ids.b,
      ids.c,
    ]);
    expect(run(state, '(Key = ITA-1 OR Name = "MBP-002") AND objectType = Laptop')).toEqual([
      ids.b,
    ]);
  });

  test('Updated accepts "yyyy-MM-dd HH:mm", "yyyy/MM/dd" and now()', () => {
    expect(run(state, 'objectType = Laptop AND Updated >= "2026-01-02 10:00"')).toEqual([ids.b]);
    expect(run(state, 'Updated >= "2026/01/01" AND objectType != Location')).toEqual([
      ids.a,
      ids.b,
    ]);
    expect(run(state, 'Updated > now(-30d) AND objectType = Desktop')).toEqual([ids.c]);
    expect(() => run(state, 'Updated > "yesterday"')).toThrow(/not a valid date/);
  });

  test('order by attribute asc and desc, empty values last', () => {
    expect(
      run(state, 'objectType in objectTypeAndChildren(Hardware) order by Updated asc'),
    ).toEqual([ids.c, ids.a, ids.b]);
    expect(
      run(state, 'objectType in objectTypeAndChildren(Hardware) order by Updated desc'),
    ).toEqual([ids.b, ids.a, ids.c]);
    expect(run(state, 'objectType in objectTypeAndChildren(Hardware) order by RAM desc')).toEqual([
      ids.a,
      ids.b,
      ids.c,
    ]);
  });

  test('unknown attributes are an error', () => {
    expect(() => run(state, '"Colour" = red')).toThrow(/does not exist/);
  });
});

import { emptyAsset } from '../../../core/model/asset';
import type { AuthorityTable } from '../../../core/reconcile/authority';
import { reconcile, type ReconcileInput } from '../../../core/reconcile/reconciler';
import type { FieldProvenance } from '../../../core/store/store-types';

const T0 = '2026-11-01T00:00:00.000Z';
const T1 = '2026-11-02T00:00:00.000Z';
const table = (rules: Record<string, Record<string, number>>): AuthorityTable => ({
  of: (source, field) => rules[source]?.[field] ?? rules[source]?.['*'] ?? 50,
});
const input = (source: string, observedAt: string, values: ReconcileInput['values']) => ({
  source,
  externalId: null,
  observedAt,
  values,
});

describe('reconcile', () => {
  const authority = table({ cmdb: { 'assignment.userEmail': 90 }, mdm: { 'hardware.cpu': 90 } });

  test('per-field authority decides, whatever the order', () => {
    const inputs = [
      input('mdm', T1, { 'assignment.userEmail': 'mdm@example.com', 'hardware.cpu': 'M3' }),
      input('cmdb', T0, { 'assignment.userEmail': 'cmdb@example.com', 'hardware.cpu': 'unknown' }),
    ];
    for (const order of [inputs, [...inputs].reverse()]) {
      const r = reconcile(emptyAsset('a', T0), new Map(), order, authority, { isNew: true });
      expect(r.asset.assignment.userEmail).toBe('cmdb@example.com');
      expect(r.asset.hardware.cpu).toBe('M3');
    }
  });

  test('between equal authorities the newest observation wins', () => {
    const r = reconcile(
      emptyAsset('a', T0),
      new Map(),
      [input('a', T0, { name: 'old' }), input('b', T1, { name: 'new' })],
      authority,
      { isNew: true },
    );
    expect(r.asset.name).toBe('new');
  });

  test('a lower authority cannot overwrite a value a higher one set', () => {
    const current = { ...emptyAsset('a', T0), assignment: { userEmail: 'cmdb@example.com' } };
    const prov = new Map<string, FieldProvenance>([
      [
        'assignment.userEmail',
        {
          assetId: 'a',
          field: 'assignment.userEmail',
          source: 'cmdb',
          authority: 90,
          observedAt: T0,
          value: 'cmdb@example.com',
        },
      ],
    ]);
    const r = reconcile(
      current,
      prov,
      [input('mdm', T1, { 'assignment.userEmail': 'x@example.com' })],
      authority,
      {
        isNew: false,
      },
    );
    expect(r.changes).toEqual([]);
    expect(r.provenance).toEqual([]);
  });

  test('a merge that changes nothing writes nothing', () => {
    const first = reconcile(
      emptyAsset('a', T0),
      new Map(),
      [input('mdm', T0, { name: 'x', 'identifiers.macAddresses': ['A4:83:E7:00:00:01'] })],
      authority,
      { isNew: true },
    );
    const prov = new Map(first.provenance.map((p) => [p.field, p]));
    const again = reconcile(
      first.asset,
      prov,
      [input('mdm', T1, { name: 'x', 'identifiers.macAddresses': ['A4:83:E7:00:00:01'] })],
      authority,
      {
        isNew: false,
      },
    );
    expect(again.changes).toEqual([]);
    // Only the time of the value moves on; the same report again writes nothing at all.
    expect(again.provenance).toEqual([
      expect.objectContaining({ field: 'name', source: 'mdm', observedAt: T1, value: 'x' }),
    ]);
    const prov1 = new Map([...prov, ...again.provenance.map((p) => [p.field, p] as const)]);
    const third = reconcile(
      again.asset,
      prov1,
      [input('mdm', T1, { name: 'x', 'identifiers.macAddresses': ['A4:83:E7:00:00:01'] })],
      authority,
      { isNew: false },
    );
    expect(third.changes).toEqual([]);
    expect(third.provenance).toEqual([]);
  });

  test('a value seen again later is not beaten by an older report that comes after it', () => {
    const T2 = '2026-11-03T00:00:00.000Z';
    const first = reconcile(
      emptyAsset('a', T0),
      new Map(),
      [input('mdm', T0, { name: 'x' })],
      authority,
      {
        isNew: true,
      },
    );
    const prov = new Map(first.provenance.map((p) => [p.field, p]));
    const again = reconcile(first.asset, prov, [input('mdm', T2, { name: 'x' })], authority, {
      isNew: false,
    });
    const prov2 = new Map([...prov, ...again.provenance.map((p) => [p.field, p] as const)]);
    const late = reconcile(again.asset, prov2, [input('mdm', T1, { name: 'y' })], authority, {
      isNew: false,
    });
    expect(late.changes).toEqual([]);
    expect(late.asset.name).toBe('x');
  });

  test('lists are a union; last seen takes the greatest value', () => {
    const r = reconcile(
      emptyAsset('a', T0),
      new Map(),
      [
        input('a', T0, {
          'identifiers.macAddresses': ['A4:83:E7:00:00:02'],
          'lastSeen.at': '2026-11-05T00:00:00.000Z',
        }),
        input('b', T1, {
          'identifiers.macAddresses': ['A4:83:E7:00:00:01'],
          'lastSeen.at': '2026-11-03T00:00:00.000Z',
        }),
      ],
      authority,
      { isNew: true },
    );
    expect(r.asset.identifiers.macAddresses).toEqual(['A4:83:E7:00:00:01', 'A4:83:E7:00:00:02']);
    expect(r.asset.lastSeen).toEqual({ at: '2026-11-05T00:00:00.000Z', source: 'a' });
  });

  test('an illegal lifecycle move is rejected with both stages and what is missing', () => {
    const current = { ...emptyAsset('a', T0), lifecycle: { stage: 'deployed' as const } };
    const r = reconcile(
      current,
      new Map(),
      [input('cmdb', T1, { 'lifecycle.stage': 'disposed' })],
      authority,
      {
        isNew: false,
      },
    );
    expect(r.asset.lifecycle.stage).toBe('deployed');
    expect(r.rejections).toHaveLength(1);
    expect(r.rejections[0].message).toMatch(/from 'deployed' to 'disposed'/);
    expect(r.rejections[0].message).toMatch(/disposal record/);
  });
});

import type { FieldValue } from '../../../../core/model/core-fields';
import type { FieldProvenance } from '../../../../core/store/store-types';
import { historyRow, makeAsset, T0, T1, T2 } from '../asset-factory';
import { storeFailure, type StoreContext } from '../store-context';

export function indexCases(ctx: StoreContext): void {
  test('replaceIdentifiers replaces the rows and findByIdentifiers finds them by kind', async () => {
    const store = ctx.store();
    await store.insertAsset(makeAsset('a1'));
    await store.insertAsset(makeAsset('a2'));
    await store.replaceIdentifiers('a1', [
      { kind: 'serial', value: 'S1' },
      { kind: 'mac', value: 'AA:BB:CC:DD:EE:01' },
      { kind: 'serial', value: 'S1' },
    ]);
    await store.replaceIdentifiers('a2', [{ kind: 'serial', value: 'S1' }]);
    expect(await store.findByIdentifiers('serial', ['S1', 'S9'])).toEqual([
      { kind: 'serial', value: 'S1', assetId: 'a1' },
      { kind: 'serial', value: 'S1', assetId: 'a2' },
    ]);
    expect(await store.findByIdentifiers('mac', ['S1'])).toEqual([]);

    await store.replaceIdentifiers('a1', [{ kind: 'udid', value: 'U-1' }]);
    expect(await store.findByIdentifiers('serial', ['S1'])).toEqual([
      { kind: 'serial', value: 'S1', assetId: 'a2' },
    ]);
    expect(await store.findByIdentifiers('mac', ['AA:BB:CC:DD:EE:01'])).toEqual([]);
    expect(await store.findByIdentifiers('udid', ['U-1'])).toHaveLength(1);
    expect(await store.findByIdentifiers('udid', [])).toEqual([]);
  });

  test('identifier lookups work past 500 values', async () => {
    const store = ctx.store();
    await store.insertAsset(makeAsset('many'));
    const values = Array.from({ length: 1234 }, (_, i) => `IMEI${String(i).padStart(6, '0')}`);
    await store.replaceIdentifiers(
      'many',
      values.map((value) => ({ kind: 'imei' as const, value })),
    );
    const found = await store.findByIdentifiers('imei', [...values, 'IMEI-NONE', values[0]]);
    expect(found).toHaveLength(1234);
    expect(new Set(found.map((r) => r.value))).toEqual(new Set(values));
  });

  test('external links upsert, re-point and resolve in batches past 500', async () => {
    const store = ctx.store();
    for (const id of ['x', 'y']) await store.insertAsset(makeAsset(id));
    await store.transaction(async (tx) => {
      for (let i = 0; i < 620; i += 1) {
        await tx.upsertExternalLink({
          system: 'jamf-prod',
          externalId: `computer:${i}`,
          assetId: i % 2 === 0 ? 'x' : 'y',
          alias: false,
        });
      }
    });
    const ids = Array.from({ length: 620 }, (_, i) => `computer:${i}`);
    const found = await store.findByExternalIds('jamf-prod', [...ids, 'computer:9999']);
    expect(found).toHaveLength(620);
    expect(found.find((l) => l.externalId === 'computer:7')?.assetId).toBe('y');
    expect(await store.findByExternalIds('intune', ids)).toEqual([]);

    await store.upsertExternalLink({
      system: 'jamf-prod',
      externalId: 'computer:7',
      assetId: 'x',
      alias: true,
    });
    expect(await store.findByExternalIds('jamf-prod', ['computer:7'])).toEqual([
      { system: 'jamf-prod', externalId: 'computer:7', assetId: 'x', alias: true },
    ]);
    const links = await store.externalLinksOf(['x', 'y', 'zz']);
    expect(links).toHaveLength(620);
    expect(links.filter((l) => l.assetId === 'x')).toHaveLength(311);
  });

  test('provenance upserts per (asset, field), the last row of a batch winning', async () => {
    const store = ctx.store();
    for (const id of ['p1', 'p2']) await store.insertAsset(makeAsset(id));
    const row = (
      assetId: string,
      field: string,
      value: FieldValue,
      source = 'jamf',
    ): FieldProvenance => ({
      assetId,
      field,
      source,
      authority: 50,
      observedAt: T0,
      value,
    });
    await store.upsertProvenance([row('p1', 'name', 'old'), row('p1', 'hardware.memoryGb', 16)]);
    await store.upsertProvenance([
      row('p1', 'name', 'first', 'intune'),
      { ...row('p1', 'name', 'second', 'snow'), authority: 87.5, observedAt: T1 },
      row('p2', 'identifiers.macAddresses', ['AA:BB:CC:DD:EE:01', 'AA:BB:CC:DD:EE:02']),
      row('p2', 'assignment.userEmail', null),
    ]);
    expect(await store.getProvenance(['p1', 'p2'])).toEqual([
      row('p1', 'hardware.memoryGb', 16),
      { ...row('p1', 'name', 'second', 'snow'), authority: 87.5, observedAt: T1 },
      row('p2', 'assignment.userEmail', null),
      row('p2', 'identifiers.macAddresses', ['AA:BB:CC:DD:EE:01', 'AA:BB:CC:DD:EE:02']),
    ]);
    expect(await store.getProvenance(['none'])).toEqual([]);
  });

  test('history is appended and read back in insertion order with exact values', async () => {
    const store = ctx.store();
    await store.insertAsset(makeAsset('h1'));
    const values: FieldValue[] = [
      null,
      'Łódź 💾 “東京”',
      0.1,
      1e21,
      -42,
      Number.MAX_SAFE_INTEGER,
      ['b', 'a', '✓'],
      [],
      '',
    ];
    const rows = values.map((v, i) =>
      historyRow('h1', { field: `f${i}`, oldValue: i === 0 ? 'x' : values[i - 1], newValue: v }),
    );
    await store.appendHistory(rows.slice(0, 4));
    await store.appendHistory([{ ...rows[4], observedAt: '2001-01-01T00:00:00.000Z' }]);
    await store.appendHistory(rows.slice(5));
    const back = await store.getHistory('h1');
    expect(back.map((r) => r.field)).toEqual(values.map((_, i) => `f${i}`));
    expect(back[4].observedAt).toBe('2001-01-01T00:00:00.000Z');
    expect(back.map((r) => r.newValue)).toEqual(values);
    expect(back[0]).toEqual(rows[0]);
    expect(await store.getHistory('nobody')).toEqual([]);
  });

  test('a number that JSON cannot carry is refused', async () => {
    await ctx.store().insertAsset(makeAsset('n1'));
    const bad = historyRow('n1', { newValue: Number.NaN });
    expect(await storeFailure(ctx.store().appendHistory([bad]))).toContain('not finite');
    expect(await ctx.store().getHistory('n1')).toEqual([]);
  });

  test('history of 1 MB values round-trips', async () => {
    await ctx.store().insertAsset(makeAsset('h2'));
    const big = '漢字✓'.repeat(350_000);
    await ctx.store().appendHistory([historyRow('h2', { oldValue: [big], newValue: big })]);
    const [back] = await ctx.store().getHistory('h2');
    expect(back.newValue === big).toBe(true);
    expect(back.oldValue).toEqual([big]);
    expect(back.recordedAt).toBe(T2);
  });
}

import { sql } from 'kysely';
import { createStore } from '../../../../core/store/create-store';
import { StoreMigrationProvider } from '../../../../core/store/migrations/migration-provider';
import { makeAsset, T1 } from '../asset-factory';
import { storeFailure, type StoreContext } from '../store-context';

export function assetCases(ctx: StoreContext): void {
  test('migrate twice is a no-op and keeps the data', async () => {
    await ctx.store().insertAsset(makeAsset('a1'));
    await ctx.store().migrate();
    const again = await createStore(ctx.options());
    try {
      await again.migrate();
      const names = await sql<{ name: string }>`select name from kysely_migration`.execute(
        again.kysely,
      );
      const all = await new StoreMigrationProvider('sqlite').getMigrations();
      expect(names.rows.map((r) => r.name).sort()).toEqual(Object.keys(all).sort());
      expect(names.rows.map((r) => r.name)).toContain('0001-initial');
      expect(await again.countAssets()).toBe(1);
    } finally {
      await again.close();
    }
  });

  test('insert, get and update with an optimistic version check', async () => {
    const store = ctx.store();
    const asset = makeAsset('a1', { name: 'MacBook', serial: 'C02XY12' });
    await store.insertAsset(asset);
    const got = await store.getAssets(['a1', 'missing']);
    expect([...got.keys()]).toEqual(['a1']);
    expect(got.get('a1')).toEqual({ asset, version: 1 });

    const renamed = { ...asset, name: 'MacBook Pro', updatedAt: T1 };
    expect(await store.updateAsset(renamed, 1)).toBe(2);
    expect((await store.getAssets(['a1'])).get('a1')).toEqual({ asset: renamed, version: 2 });

    const stale = await storeFailure(store.updateAsset({ ...asset, name: 'old' }, 1));
    expect(stale).toContain('asset a1');
    expect(stale).toContain('expected version 1, found 2');
    expect((await store.getAssets(['a1'])).get('a1')?.asset.name).toBe('MacBook Pro');
    expect(await storeFailure(store.updateAsset(makeAsset('nope'), 1))).toContain(
      'asset nope: it does not exist',
    );
  });

  test('a second insert of the same id fails naming the asset', async () => {
    await ctx.store().insertAsset(makeAsset('dup'));
    expect(await storeFailure(ctx.store().insertAsset(makeAsset('dup')))).toContain('"dup"');
  });

  test('an invalid asset is refused before it reaches the database', async () => {
    const bad = makeAsset('bad', { createdAt: 'yesterday' });
    expect(await storeFailure(ctx.store().insertAsset(bad))).toContain('asset bad is not a valid');
    expect(await ctx.store().countAssets()).toBe(0);
  });

  test('a corrupted stored document fails naming the asset id', async () => {
    const store = ctx.store();
    await store.insertAsset(makeAsset('c1'));
    await store.insertAsset(makeAsset('c2'));
    await store.kysely
      .updateTable('assets')
      .set({ doc: '{"id":"c1"}' })
      .where('id', '=', 'c1')
      .execute();
    await store.kysely
      .updateTable('assets')
      .set({ doc: 'not json' })
      .where('id', '=', 'c2')
      .execute();
    expect(await storeFailure(store.getAssets(['c1']))).toContain('stored asset c1 is corrupted');
    expect(await storeFailure(store.getAssets(['c2']))).toContain('stored asset c2 is corrupted');
  });

  test('findAssets looks up id, then tag (exact, then any case), then serial', async () => {
    const store = ctx.store();
    await store.insertAsset(makeAsset('A-100', { assetTag: 'TAG-1' }));
    await store.insertAsset(makeAsset('b', { assetTag: 'A-100', serial: ' c02 xy12 ' }));
    await store.insertAsset(makeAsset('c', { assetTag: 'tag-1' }));
    await store.insertAsset(makeAsset('d'));
    await store.replaceIdentifiers('d', [{ kind: 'serial', value: 'SN-777' }]);
    const ids = async (ref: string) => (await store.findAssets(ref)).map((a) => a.id);
    expect(await ids('A-100')).toEqual(['A-100']);
    expect(await ids('TAG-1')).toEqual(['A-100']);
    expect(await ids('Tag-1')).toEqual(['A-100', 'c']);
    expect(await ids('C02XY12')).toEqual(['b']);
    expect(await ids('c02 xy12')).toEqual(['b']);
    expect(await ids(' sn-777 ')).toEqual(['d']);
    expect(await ids('unknown')).toEqual([]);
    expect(await ids('   ')).toEqual([]);
  });

  test('findAssets finds by external id, bare or prefixed with the system, aliases too', async () => {
    const store = ctx.store();
    await store.insertAsset(makeAsset('e1'));
    await store.insertAsset(makeAsset('e2'));
    const link = (system: string, externalId: string, assetId: string, alias = false) =>
      store.upsertExternalLink({ system, externalId, assetId, alias });
    await link('jamf-prod', 'computer:42', 'e1');
    await link('jamf-prod', 'computer:7', 'e1', true);
    await link('intune', '9f1c', 'e2');
    const ids = async (ref: string) => (await store.findAssets(ref)).map((a) => a.id);
    expect(await ids('computer:42')).toEqual(['e1']);
    expect(await ids('jamf-prod:computer:42')).toEqual(['e1']);
    expect(await ids('jamf-prod:computer:7')).toEqual(['e1']);
    expect(await ids('intune:9f1c')).toEqual(['e2']);
    expect(await ids('9f1c')).toEqual(['e2']);
    expect(await ids('other:9f1c')).toEqual([]);
  });

  test('listAssets pages by id in byte order and countAssets counts', async () => {
    const store = ctx.store();
    const ids = ['b', 'A', 'a-2', 'a_1', 'Z9', 'a', '0x'];
    for (const id of ids) await store.insertAsset(makeAsset(id));
    expect(await store.countAssets()).toBe(ids.length);
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page = await store.listAssets({ limit: 3, after });
      seen.push(...page.assets.map((a) => a.id));
      after = page.nextAfter;
      pages += 1;
    } while (after !== null && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].sort());
    expect((await store.listAssets({ limit: 7 })).nextAfter).toBeNull();
    expect(await storeFailure(store.listAssets({ limit: 0 }))).toContain('limit');
  });

  test('Unicode text round-trips exactly', async () => {
    const name = 'Łukasz’s 💻 ノートパソコン café ﬁ 𝔘';
    const asset = makeAsset('u1', {
      name,
      assetTag: 'Ω-1',
      assignment: { userEmail: 'zoë@例え.jp', location: '北京 “Lab” \\ "quoted" \n tab\t' },
    });
    await ctx.store().insertAsset(asset);
    expect((await ctx.store().getAssets(['u1'])).get('u1')?.asset).toEqual(asset);
    expect((await ctx.store().findAssets('Ω-1')).map((a) => a.id)).toEqual(['u1']);
  });

  test('a 1 MB string field round-trips', async () => {
    const big = 'é😀a'.repeat(350_000);
    const asset = makeAsset('big', { assignment: { location: big } });
    await ctx.store().insertAsset(asset);
    const back = (await ctx.store().getAssets(['big'])).get('big')?.asset;
    expect(back?.assignment.location?.length).toBe(big.length);
    expect(back?.assignment.location === big).toBe(true);
  });

  test('stores at two locations do not see each other', async () => {
    await ctx.store().insertAsset(makeAsset('only-here'));
    const other = await createStore(ctx.freshOptions());
    try {
      await other.migrate();
      expect(await other.countAssets()).toBe(0);
      expect(await other.findAssets('only-here')).toEqual([]);
    } finally {
      await other.close();
    }
  });
}

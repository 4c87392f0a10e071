import { makeAsset, historyRow, T0 } from '../asset-factory';
import { storeFailure, type StoreContext } from '../store-context';

async function expectNothingLeft(ctx: StoreContext, assetId: string): Promise<void> {
  const store = ctx.store();
  expect(await store.countAssets()).toBe(0);
  expect((await store.getAssets([assetId])).size).toBe(0);
  expect(await store.findByIdentifiers('serial', ['TX-SERIAL'])).toEqual([]);
  expect(await store.findByExternalIds('jamf-prod', ['computer:1'])).toEqual([]);
  expect(await store.getProvenance([assetId])).toEqual([]);
  expect(await store.getHistory(assetId)).toEqual([]);
  expect(await store.listConflicts()).toEqual([]);
  expect(await store.ticketLinksOf([assetId])).toEqual([]);
}

export function transactionCases(ctx: StoreContext): void {
  test('a transaction commits every write and returns the value of fn', async () => {
    const store = ctx.store();
    const result = await store.transaction(async (tx) => {
      await tx.insertAsset(makeAsset('tx1'));
      await tx.replaceIdentifiers('tx1', [{ kind: 'serial', value: 'TX-SERIAL' }]);
      await tx.appendHistory([historyRow('tx1')]);
      expect((await tx.getAssets(['tx1'])).get('tx1')?.version).toBe(1);
      return 'done';
    });
    expect(result).toBe('done');
    expect(await store.countAssets()).toBe(1);
    expect(await store.getHistory('tx1')).toHaveLength(1);
  });

  test('a throw inside a transaction rolls everything back', async () => {
    const failure = ctx.store().transaction(async (tx) => {
      await tx.insertAsset(makeAsset('tx1'));
      await tx.replaceIdentifiers('tx1', [{ kind: 'serial', value: 'TX-SERIAL' }]);
      await tx.upsertExternalLink({
        system: 'jamf-prod',
        externalId: 'computer:1',
        assetId: 'tx1',
        alias: false,
      });
      await tx.upsertProvenance([
        { assetId: 'tx1', field: 'name', source: 'jamf', authority: 1, observedAt: T0, value: 'n' },
      ]);
      await tx.appendHistory([historyRow('tx1')]);
      await tx.recordConflict({
        kind: 'field_conflict',
        fingerprint: 'fp',
        source: 'jamf',
        externalId: null,
        assetIds: ['tx1'],
        summary: 's',
        details: {},
        runId: 'run-1',
        createdAt: T0,
      });
      await tx.upsertTicketLink('tx1', {
        system: 'jsm',
        key: 'IT-1',
        kind: 'incident',
        linkedAt: T0,
        updatedAt: T0,
      });
      throw new Error('merge failed half way');
    });
    await expect(failure).rejects.toThrow('merge failed half way');
    await expectNothingLeft(ctx, 'tx1');
  });

  test('a database error in the middle of a merge leaves no partial asset', async () => {
    await ctx.store().insertAsset(makeAsset('existing'));
    const failure = ctx.store().transaction(async (tx) => {
      await tx.insertAsset(makeAsset('new-one'));
      await tx.replaceIdentifiers('new-one', [{ kind: 'serial', value: 'TX-SERIAL' }]);
      await tx.appendHistory([historyRow('new-one')]);
      await tx.insertAsset(makeAsset('existing'));
    });
    expect(await storeFailure(failure)).toContain('"existing"');
    expect([...(await ctx.store().getAssets(['new-one', 'existing'])).keys()]).toEqual([
      'existing',
    ]);
    expect(await ctx.store().findByIdentifiers('serial', ['TX-SERIAL'])).toEqual([]);
    expect(await ctx.store().getHistory('new-one')).toEqual([]);
  });

  test('a stale version inside a transaction rolls back the earlier writes', async () => {
    const store = ctx.store();
    await store.insertAsset(makeAsset('v1'));
    await store.updateAsset(makeAsset('v1', { name: 'two' }), 1);
    const failure = store.transaction(async (tx) => {
      await tx.appendHistory([historyRow('v1', { newValue: 'three' })]);
      await tx.updateAsset(makeAsset('v1', { name: 'three' }), 1);
    });
    expect(await storeFailure(failure)).toContain('expected version 1, found 2');
    expect(await store.getHistory('v1')).toEqual([]);
    expect((await store.getAssets(['v1'])).get('v1')).toMatchObject({
      version: 2,
      asset: { name: 'two' },
    });
  });
}

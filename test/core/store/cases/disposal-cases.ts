import { isAssetbridgeError, type AssetbridgeError } from '../../../../core/errors';
import type { LifecycleStage } from '../../../../core/model/asset';
import { DisposalRecorder, type DisposalPatch } from '../../../../core/store/disposal-recorder';
import { makeAsset, T0, T1, T2 } from '../asset-factory';
import type { StoreContext } from '../store-context';

const COMPLETE: DisposalPatch = {
  wipeMethod: 'nist_800_88_purge',
  wipeProofRef: 'WIPE-2024-117',
  custody: [{ at: T1, from: 'it-desk', to: 'Shred Co', note: 'sealed bag 17' }],
  approvedBy: 'asset.manager@example.com',
  approvedAt: T1,
};

/** The recorder's clock: a day after T2. */
const NOW = new Date('2024-05-04T09:00:00.000Z');
const clock = () => NOW;

async function refusal(
  promise: Promise<unknown>,
  code: 'LIFECYCLE_TRANSITION' | 'DISPOSAL_INVALID' = 'LIFECYCLE_TRANSITION',
): Promise<AssetbridgeError> {
  try {
    await promise;
  } catch (err) {
    if (isAssetbridgeError(err, code)) return err;
    throw err;
  }
  throw new Error(`expected ${code}, but the disposal was stored`);
}

export function disposalCases(ctx: StoreContext): void {
  async function seed(stage: LifecycleStage, purchaseDate: string | null = null) {
    const store = ctx.store();
    const purchase = purchaseDate === null ? {} : { date: purchaseDate };
    await store.insertAsset(makeAsset('d1', { lifecycle: { stage }, purchase }));
    return { store, recorder: new DisposalRecorder(store, { clock }) };
  }

  test('dispose writes the record, the stage, history and provenance in one go', async () => {
    const { store, recorder } = await seed('retired');
    const out = await recorder.dispose({
      assetId: 'd1',
      patch: COMPLETE,
      source: 'alice',
      runId: 'run-d',
      at: T2,
    });
    expect(out.from).toBe('retired');

    const [asset] = await store.findAssets('d1');
    expect(asset!.lifecycle.stage).toBe('disposed');
    expect(asset!.disposal).toEqual({ ...COMPLETE });
    expect(asset!.updatedAt).toBe(T2);

    const history = await store.getHistory('d1');
    const byField = new Map(history.map((h) => [h.field, h]));
    expect(byField.get('lifecycle.stage')).toMatchObject({
      oldValue: 'retired',
      newValue: 'disposed',
      source: 'alice',
      runId: 'run-d',
      observedAt: T2,
    });
    expect(byField.get('disposal.wipeProofRef')).toMatchObject({
      oldValue: null,
      newValue: 'WIPE-2024-117',
    });
    expect(byField.get('disposal.custody')?.newValue).toEqual([
      `${T1} it-desk -> Shred Co (sealed bag 17)`,
    ]);
    expect(history.every((h) => h.runId === 'run-d' && h.source === 'alice')).toBe(true);

    const provenance = await store.transaction((tx) => tx.getProvenance(['d1']));
    expect(provenance.find((p) => p.field === 'lifecycle.stage')).toMatchObject({
      source: 'alice',
      value: 'disposed',
    });
  });

  test('a disposal without wipe proof or approval names both stages and stores nothing', async () => {
    const { store, recorder } = await seed('retired');
    const patch: DisposalPatch = { wipeMethod: 'crypto_erase', custody: COMPLETE.custody };
    const err = await refusal(
      recorder.dispose({ assetId: 'd1', patch, source: 'manual', runId: 'r', at: T2 }),
    );
    expect(err.message).toMatch(/from 'retired' to 'disposed'/);
    expect(err.details.missing).toEqual([
      'disposal.wipeProofRef (data wipe proof)',
      'disposal.approvedBy and disposal.approvedAt',
    ]);

    const [asset] = await store.findAssets('d1');
    expect(asset!.lifecycle.stage).toBe('retired');
    expect(asset!.disposal ?? null).toBeNull();
    expect(await store.getHistory('d1')).toEqual([]);
  });

  test('a deployed device is refused unless it is retired first; --retire goes through', async () => {
    const { store, recorder } = await seed('deployed');
    const write = { assetId: 'd1', patch: COMPLETE, source: 'manual', runId: 'r', at: T2 };
    const err = await refusal(recorder.dispose(write));
    expect(err.details).toMatchObject({ from: 'deployed', to: 'disposed', needsStage: 'retired' });
    expect(err.message).toBe(
      "cannot move asset d1 from 'deployed' to 'disposed': the asset is in stage 'deployed', " +
        'and a disposal needs it retired first',
    );
    expect((await store.findAssets('d1'))[0]!.lifecycle.stage).toBe('deployed');

    await recorder.dispose({ ...write, retireFirst: true });
    const stages = (await store.getHistory('d1'))
      .filter((h) => h.field === 'lifecycle.stage')
      .map((h) => `${String(h.oldValue)}>${String(h.newValue)}`);
    expect(stages).toEqual(['deployed>retired', 'retired>disposed']);
  });

  test('custody entries accumulate before disposal; a disposed record is final', async () => {
    const { store, recorder } = await seed('retired');
    const hand = (at: string, to: string) => ({
      assetId: 'd1',
      patch: { custody: [{ at, from: 'desk', to }] },
      source: 'bob',
      runId: `run-${to}`,
      at,
    });
    await recorder.addCustody(hand(T1, 'locker'));
    await recorder.addCustody(hand(T2, 'courier'));
    const again = await recorder.addCustody(hand(T1, 'locker'));
    expect(again.history).toEqual([]);

    const [asset] = await store.findAssets('d1');
    expect(asset!.lifecycle.stage).toBe('retired');
    expect(asset!.disposal!.custody.map((c) => c.to)).toEqual(['locker', 'courier']);
    expect((await store.getHistory('d1')).map((h) => h.runId)).toEqual([
      'run-locker',
      'run-courier',
    ]);

    const { custody: _ignored, ...rest } = COMPLETE;
    await recorder.dispose({
      assetId: 'd1',
      patch: { ...rest, custody: [] },
      source: 'bob',
      runId: 'x',
      at: T2,
    });
    expect((await store.findAssets('d1'))[0]!.disposal!.custody).toHaveLength(2);
    await refusal(recorder.addCustody(hand(T2, 'someone-else')));
  });

  test('a hand-over earlier than the previous one is refused naming both times', async () => {
    const { store, recorder } = await seed('retired');
    const hand = (at: string, to: string) => ({
      assetId: 'd1',
      patch: { custody: [{ at, from: 'desk', to }] },
      source: 'bob',
      runId: `run-${to}`,
      at,
    });
    await recorder.addCustody(hand(T2, 'courier'));
    const err = await refusal(recorder.addCustody(hand(T1, 'locker')), 'DISPOSAL_INVALID');
    expect(err.message).toBe(
      `impossible disposal record for asset d1: custody entry desk -> locker at ${T1} is ` +
        `earlier than the asset's previous custody entry (desk -> courier) at ${T2}`,
    );
    expect(err.details.issues).toEqual([
      expect.objectContaining({ field: 'custody', index: 0, value: T1 }),
    ]);
    expect((await store.findAssets('d1'))[0]!.disposal!.custody.map((c) => c.to)).toEqual([
      'courier',
    ]);
  });

  test('times later than now, before the purchase, or an approval long before the wipe are refused', async () => {
    const { store, recorder } = await seed('retired', '2024-05-02');
    const write = (patch: DisposalPatch) =>
      recorder.dispose({ assetId: 'd1', patch, source: 'm', runId: 'r', at: T2 });

    const future = await refusal(
      write({ ...COMPLETE, wipedAt: '2099-01-01T00:00:00.000Z' }),
      'DISPOSAL_INVALID',
    );
    expect(future.message).toMatch(
      /disposal\.wipedAt 2099-01-01T00:00:00\.000Z is later than now \(2024-05-04T09:00:00\.000Z/,
    );
    const skew = new Date(NOW.getTime() + 4 * 60_000).toISOString();
    const custodyLater = [
      { at: new Date(NOW.getTime() + 6 * 60_000).toISOString(), from: 'a', to: 'b' },
    ];
    const late = await refusal(write({ ...COMPLETE, custody: custodyLater }), 'DISPOSAL_INVALID');
    expect(late.details.issues).toEqual([expect.objectContaining({ field: 'custody', index: 0 })]);

    const early = await refusal(write({ ...COMPLETE, approvedAt: T0 }), 'DISPOSAL_INVALID');
    expect(early.message).toMatch(
      `disposal.approvedAt ${T0} is before the asset's purchase date 2024-05-02`,
    );
    const lead = await refusal(
      write({ ...COMPLETE, approvedAt: T1, wipedAt: '2024-09-01T00:00:00.000Z' }),
      'DISPOSAL_INVALID',
    );
    expect(lead.message).toMatch(
      `disposal.approvedAt ${T1} is more than 90 days before the wipe it approves ` +
        '(disposal.wipedAt 2024-09-01T00:00:00.000Z)',
    );
    expect((await store.findAssets('d1'))[0]!.lifecycle.stage).toBe('retired');
    expect(await store.getHistory('d1')).toEqual([]);

    await write({ ...COMPLETE, wipedAt: skew });
    expect((await store.findAssets('d1'))[0]!.disposal!.wipedAt).toBe(skew);
  });

  test('the approver must be an email address, whoever calls the recorder', async () => {
    const { store, recorder } = await seed('retired');
    const patch = { ...COMPLETE, approvedBy: 'notanemail' };
    const err = await refusal(
      recorder.dispose({ assetId: 'd1', patch, source: 'm', runId: 'r', at: T2 }),
      'DISPOSAL_INVALID',
    );
    expect(err.details.issues).toEqual([
      { field: 'approvedBy', message: 'expected the email address of the person who approved' },
    ]);
    expect((await store.findAssets('d1'))[0]!.disposal ?? null).toBeNull();
  });

  test('an unknown asset is STORE_NOT_FOUND', async () => {
    const recorder = new DisposalRecorder(ctx.store(), { clock });
    await expect(
      recorder.dispose({ assetId: 'nope', patch: COMPLETE, source: 'm', runId: 'r', at: T2 }),
    ).rejects.toMatchObject({ code: 'STORE_NOT_FOUND' });
  });
}

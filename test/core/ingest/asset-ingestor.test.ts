import { ingestHarness, obs, type Harness } from '../../support/ingest-harness';

let h: Harness;
beforeEach(async () => (h = await ingestHarness()));
afterEach(async () => h.close());

describe('AssetIngestor: a merged asset that fails validation', () => {
  test('is rejected naming its record; the rest of the batch is stored', async () => {
    const outcomes = await h.ingestor.ingest(
      [
        obs({ ref: 'jamf 1', values: { serial: 'SER0001A', 'hardware.memoryGb': 16 } }),
        obs({ ref: 'jamf 2', values: { serial: 'SER0002A', 'hardware.memoryGb': -16 } }),
        obs({ ref: 'jamf 3', values: { serial: 'SER0003A', 'purchase.currency': 'eur' } }),
      ],
      'r1',
    );
    expect(outcomes.map((o) => [o.ref, o.status])).toEqual([
      ['jamf 1', 'created'],
      ['jamf 2', 'rejected'],
      ['jamf 3', 'rejected'],
    ]);
    expect(outcomes[1].reasons).toEqual([
      expect.stringMatching(
        /hardware\.memoryGb: Too small.*\(value from jamf 2\).*records: jamf 2$/,
      ),
    ]);
    expect(outcomes[2].reasons[0]).toMatch(
      /purchase\.currency: expected an ISO 4217 currency code/,
    );
    expect(outcomes[1].assetId).toBeNull();
    expect(await h.store.countAssets()).toBe(1);
  });

  test('leaves the stored asset and its history as they were', async () => {
    await h.ingestor.ingest(
      [obs({ values: { serial: 'SER0001A', 'hardware.memoryGb': 16 } })],
      'r1',
    );
    const [before] = await h.store.findAssets('SER0001A');
    const history = await h.store.getHistory(before.id);
    const [outcome] = await h.ingestor.ingest(
      [
        obs({
          ref: 'sheet:7',
          observedAt: '2026-11-02T00:00:00.000Z',
          values: { serial: 'SER0001A', 'hardware.memoryGb': -1 },
        }),
      ],
      'r2',
    );
    expect(outcome.status).toBe('rejected');
    expect(outcome.reasons[0]).toMatch(/\(value from sheet:7\)/);
    const [after] = await h.store.findAssets('SER0001A');
    expect(after).toEqual(before);
    expect(await h.store.getHistory(before.id)).toEqual(history);
  });
});

import fc from 'fast-check';
import type { Observation } from '../../../core/identity/observation';
import { assetContents, ingestHarness, obs } from '../../support/ingest-harness';

/** A few real devices; records are partial, noisy views of them from several sources. */
const DEVICES = [
  { serial: 'C02XK1ABCD12', udid: 'UDID-A', mac: 'A4:83:E7:00:00:01', imei: null },
  { serial: 'FVFEGZD8PCF3', udid: 'UDID-B', mac: 'A4:83:E7:00:00:02', imei: '352099001761481' },
  { serial: 'PF3W55ZV', udid: null, mac: 'A4:83:E7:00:00:03', imei: null },
  { serial: 'DQCJU2K', udid: null, mac: 'A4:83:E7:00:00:03', imei: null }, // shares a MAC
  { serial: null, udid: 'UDID-E', mac: null, imei: '490154203237518' },
];
const PLACEHOLDERS = [
  '0',
  'Not Available',
  'To be filled by O.E.M.',
  'Default string',
  '123456789',
];

const noisy = (s: string) => fc.constantFrom(s, s.toLowerCase(), ` ${s} `, `${s}\t`).map((v) => v);

const recordArb = fc
  .record({
    device: fc.nat(DEVICES.length - 1),
    source: fc.constantFrom('jamf', 'intune', 'cmdb'),
    ext: fc.option(fc.nat(6), { nil: null }),
    useSerial: fc.boolean(),
    useUdid: fc.boolean(),
    useMac: fc.boolean(),
    useImei: fc.boolean(),
    name: fc.constantFrom('MacBook Pro', '田中のThinkPad', 'Zoë’s 📱', 'desk-01'),
    day: fc.integer({ min: 1, max: 28 }),
  })
  .chain((r) => {
    const d = DEVICES[r.device];
    return (d.serial && r.useSerial ? noisy(d.serial) : fc.constant(null)).map((serial) => {
      const values: Observation['values'] = { name: r.name };
      if (serial) values.serial = serial;
      if (d.udid && r.useUdid) values['identifiers.udid'] = d.udid;
      if (d.mac && r.useMac) values['identifiers.macAddresses'] = [d.mac.toLowerCase()];
      if (d.imei && r.useImei) values['identifiers.imeis'] = [d.imei];
      const externalId = r.ext === null ? null : `${r.device}-${r.ext}`;
      const observedAt = `2026-11-${String(r.day).padStart(2, '0')}T00:00:00.000Z`;
      return obs({ source: r.source, externalId, values, observedAt });
    });
  });

async function contentsAfter(
  batches: Observation[][],
): Promise<{ contents: string[]; history: number }> {
  const h = await ingestHarness();
  try {
    for (const batch of batches) await h.ingestor.ingest(batch, 'run');
    const contents = await assetContents(h.store);
    let history = 0;
    for (const c of contents) void c;
    const page = await h.store.listAssets({ limit: 1000 });
    for (const a of page.assets) history += (await h.store.getHistory(a.id)).length;
    return { contents, history };
  } finally {
    await h.close();
  }
}

describe('identity resolution properties', () => {
  test('any order of the same records gives the same assets', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .array(recordArb, { minLength: 1, maxLength: 12 })
          .chain((records) =>
            fc.tuple(
              fc.constant(records),
              fc.shuffledSubarray(records, { minLength: records.length }),
            ),
          ),
        async ([records, shuffled]) => {
          const a = await contentsAfter([records]);
          const b = await contentsAfter([shuffled]);
          expect(b.contents).toEqual(a.contents);
        },
      ),
      { numRuns: 40 },
    );
  });

  test('records sharing a placeholder serial never merge', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.nat(1000), { minLength: 2, maxLength: 8 }),
        fc.constantFrom(...PLACEHOLDERS),
        async (ids, placeholder) => {
          const records = ids.map((id) =>
            obs({ source: 'cmdb', externalId: String(id), values: { serial: placeholder } }),
          );
          const { contents } = await contentsAfter([records]);
          expect(contents).toHaveLength(ids.length);
          for (const c of contents) expect(JSON.parse(c).serial).toBeUndefined();
        },
      ),
      { numRuns: 20 },
    );
  });

  test('applying a batch twice equals applying it once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(recordArb, { minLength: 1, maxLength: 12 }), async (records) => {
        const once = await contentsAfter([records]);
        const twice = await contentsAfter([records, records]);
        expect(twice.contents).toEqual(once.contents);
        expect(twice.history).toBe(once.history);
      }),
      { numRuns: 40 },
    );
  });
});

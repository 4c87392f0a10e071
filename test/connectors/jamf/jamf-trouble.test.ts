import { generateFleet } from '../../../simulators/fleet/fleet-generator';
import { INSTANCE, jamfTestBed, matching, type JamfTestBed } from './jamf-harness';

let bed: JamfTestBed;

beforeEach(async () => {
  bed = await jamfTestBed();
});
afterEach(async () => bed.close());

test('a fleet with every kind of trouble: the first run settles, the second writes nothing', async () => {
  const fleet = generateFleet({ size: 1500, seed: 5, troubleShare: 0.3 });
  const counts = bed.sim.seedFromFleet(fleet);
  const run = async () => {
    const report = await bed.engine(bed.connector()).run({ full: true, dryRun: false });
    return report.connectors.find((c) => c.connector === INSTANCE)!;
  };
  const first = await run();
  // Re-enrolled duplicates are extra records of the same assets; hidden devices are not listed.
  expect(first.error).toBeNull();
  expect(first.read.complete).toBe(true);
  expect(first.read.records).toBeLessThan(counts.computers + counts.mobileDevices);
  expect(first.read.outcomes.rejected + first.read.outcomes.conflict).toBe(0);
  expect(first.read.outcomes.created).toBeLessThan(first.read.records);
  // Jamf is the only source: nothing it said is written back to it, now or later.
  expect(matching(await bed.requests(), 'PATCH', /./)).toEqual([]);
  await bed.clearLog();
  const second = await run();
  expect(second.read.outcomes).toMatchObject({ created: 0, updated: 0 });
  expect(matching(await bed.requests(), 'PATCH', /./)).toEqual([]);
}, 60_000);

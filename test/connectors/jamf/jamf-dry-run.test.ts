import type { SyncReport } from '../../../core/sync/sync-report';
import { assetContents } from '../../support/ingest-harness';
import { cleanJamfFleet, INSTANCE, jamfTestBed, type JamfTestBed } from './jamf-harness';

let bed: JamfTestBed;

beforeEach(async () => {
  bed = await jamfTestBed();
});
afterEach(async () => bed.close());

const POLICY = { maxMissingShare: 0.1, retireAfterMissingRuns: 1 };

async function run(dryRun: boolean): Promise<SyncReport> {
  return bed.engine(bed.connector(), POLICY).run({ full: true, dryRun });
}

const jamfOf = (report: SyncReport) => report.connectors.find((c) => c.connector === INSTANCE)!;

/** What a run did to the store: every asset, as JSON, sorted. */
const storeState = () => assetContents(bed.h.store);

describe('a Jamf dry run', () => {
  test('plans exactly what the real run then does, and sends and stores nothing', async () => {
    bed.sim.seedFromFleet(cleanJamfFleet(60));
    await run(false);
    const ids = [...bed.sim.state.computers.keys()];
    expect(ids.length).toBeGreaterThan(15);
    for (const [i, id] of ids.slice(0, 10).entries()) {
      await bed.control('POST', `/devices/computers/${id}/inventory`, { assetTag: `AUDIT-${i}` });
    }
    for (const id of ids.slice(10, 13)) await bed.control('POST', `/devices/computers/${id}/hide`);
    const before = await storeState();
    const runs = (await bed.h.store.listRuns()).length;
    await bed.clearLog();

    const dry = jamfOf(await run(true));
    const mutating = (await bed.requests()).filter(
      (r) => !['GET', 'HEAD'].includes(r.method) && !/oauth\/token|auth\/token/.test(r.path),
    );
    expect(mutating).toEqual([]);
    expect(await storeState()).toEqual(before);
    expect((await bed.h.store.listRuns()).length).toBe(runs);
    expect(dry.missing).toEqual({ marked: 0, retired: 3, stopped: null });
    expect(dry.plan.filter((p) => p.action === 'update' || p.action === 'create')).toEqual([]);

    const real = jamfOf(await run(false));
    expect(real.missing).toEqual(dry.missing);
    expect(real.read.outcomes).toEqual(dry.read.outcomes);
    expect(real.writes).toMatchObject({ created: 0, updated: 0, failed: 0 });
    expect(real.plan).toEqual(dry.plan);
    const retired = dry.plan.filter((p) => p.action === 'retire-missing');
    expect(retired.map((p) => p.externalId).sort()).toEqual(
      ids
        .slice(10, 13)
        .map((id) => `computer:${id}`)
        .sort(),
    );
    for (const p of retired) {
      const stored = (await bed.h.store.getAssets([p.assetId])).get(p.assetId)!;
      expect(stored.asset.lifecycle.stage).toBe('retired');
    }
    const tags = (await bed.h.store.listAssets({ limit: 500, after: null })).assets.map(
      (a) => a.assetTag,
    );
    expect(tags.filter((t) => t?.startsWith('AUDIT-'))).toHaveLength(10);
  });
});

import type { FleetDevice } from '../../../simulators/fleet/fleet-device';
import { cleanJamfFleet, INSTANCE, jamfTestBed, matching, type JamfTestBed } from './jamf-harness';

let bed: JamfTestBed;

beforeEach(async () => {
  bed = await jamfTestBed();
});
afterEach(async () => bed.close());

async function run(options: Record<string, unknown> = {}) {
  const report = await bed.engine(bed.connector(options)).run({ full: true, dryRun: false });
  return report.connectors.find((c) => c.connector === INSTANCE)!;
}

/** Another source (a CMDB, newer than Jamf's reports) says these values for a device. */
async function cmdbSays(device: FleetDevice, values: Record<string, string>) {
  const runId = `cmdb-${Math.random()}`;
  await bed.h.store.startRun({
    id: runId,
    kind: 'import',
    startedAt: new Date().toISOString(),
    summary: {},
  });
  const outcome = await bed.h.ingestor.ingestBatch(
    [
      {
        source: 'cmdb',
        externalId: `cmdb-${device.key}`,
        observedAt: '2030-01-01T00:00:00.000Z',
        values: { serial: device.serial!, ...values },
        ref: 'cmdb test',
      },
    ],
    runId,
  );
  expect(outcome.outcomes[0].status).toBe('updated');
}

describe('Jamf connector writes', () => {
  test('a changed asset tag is one PATCH with only that field; the next run writes nothing', async () => {
    const fleet = cleanJamfFleet(12);
    const mac = fleet.find((d) => d.category === 'laptop' || d.category === 'desktop')!;
    bed.sim.seedFromFleet(fleet);
    const first = await run();
    expect(first.writes).toMatchObject({ updated: 0, failed: 0 });
    expect(matching(await bed.requests(), 'PATCH', /./)).toEqual([]);

    await cmdbSays(mac, { assetTag: 'AT-NEW-1' });
    await bed.clearLog();
    const second = await run();
    expect(second.writes).toMatchObject({ updated: 1, failed: 0 });
    const patches = matching(await bed.requests(), 'PATCH', /./);
    expect(patches).toHaveLength(1);
    expect(patches[0].path).toMatch(/^\/api\/v4\/computers-inventory-detail\/\d+$/);
    const plan = second.plan.find((p) => p.action === 'update')!;
    expect(plan.fields.map((f) => f.path)).toEqual(['general.assetTag']);
    const id = patches[0].path.split('/').at(-1)!;
    const stored = bed.sim.state.computers.get(id)!;
    expect(stored.general.assetTag).toBe('AT-NEW-1');
    expect(stored.general.name).toBe(mac.name);

    await bed.clearLog();
    const third = await run();
    expect(third.writes).toMatchObject({ updated: 0, failed: 0 });
    expect(matching(await bed.requests(), 'PATCH', /./)).toEqual([]);
  });

  test('a dry run plans the write and sends no mutating request (simulator request log)', async () => {
    const fleet = cleanJamfFleet(12);
    const mac = fleet.find((d) => d.category === 'laptop' || d.category === 'desktop')!;
    bed.sim.seedFromFleet(fleet);
    await run();
    await cmdbSays(mac, { assetTag: 'AT-DRY-1' });
    await bed.clearLog();
    const report = await bed.engine(bed.connector()).run({ full: true, dryRun: true });
    const planned = report.connectors.find((c) => c.connector === INSTANCE)!.plan;
    expect(planned.map((p) => p.fields.map((f) => f.after))).toEqual([['AT-DRY-1']]);
    const requests = await bed.requests();
    expect(requests.length).toBeGreaterThan(0);
    expect(
      requests.filter((r) => !['GET', 'HEAD'].includes(r.method) && !r.path.includes('token')),
    ).toEqual([]);
    const id = [...bed.sim.state.computers.values()].find((c) => c.general.assetTag === 'AT-DRY-1');
    expect(id).toBeUndefined();
  });

  test('a mobile device gets asset tag, email and warranty in the UpdateMobileDeviceV2 shape', async () => {
    const fleet = cleanJamfFleet(12);
    const phone = fleet.find((d) => d.category === 'mobile' || d.category === 'tablet')!;
    bed.sim.seedFromFleet(fleet);
    await run();
    await cmdbSays(phone, {
      assetTag: 'AT-PHONE-9',
      'assignment.userEmail': 'new.owner@corp.example.com',
      'warranty.end': '2031-05-31',
    });
    await bed.clearLog();
    const report = await run();
    expect(report.writes).toMatchObject({ updated: 1, failed: 0 });
    const patches = matching(await bed.requests(), 'PATCH', /./);
    expect(patches).toHaveLength(1);
    expect(patches[0].path).toMatch(/^\/api\/v2\/mobile-devices\/\d+$/);
    const device = bed.sim.state.mobileDevices.get(patches[0].path.split('/').at(-1)!)!;
    expect(device.general.assetTag).toBe('AT-PHONE-9');
    expect(device.userAndLocation?.emailAddress).toBe('new.owner@corp.example.com');
    expect(device.purchasing?.warrantyExpiresDate).toMatch(/^2031-05-31/);
    expect(device.general.displayName).toBe(phone.name);
    await bed.clearLog();
    await run();
    expect(matching(await bed.requests(), 'PATCH', /./)).toEqual([]);
  });

  test('a device name is never written unless renameDevices is set', async () => {
    const fleet = cleanJamfFleet(6);
    const mac = fleet.find((d) => d.category === 'laptop' || d.category === 'desktop')!;
    bed.sim.seedFromFleet(fleet);
    await run();
    const writer = bed.connector().writer!;
    const [asset] = await bed.h.store.findAssets(mac.serial!);
    const externalId = asset.identifiers.external[0].id;
    const changes = { general: { name: 'Renamed', assetTag: 'AT-77' } };
    await bed.clearLog();
    await writer.update(externalId, { asset, changes, full: changes });
    const id = externalId.split(':')[1];
    expect(bed.sim.state.computers.get(id)!.general.name).toBe(mac.name);
    expect(bed.sim.state.computers.get(id)!.general.assetTag).toBe('AT-77');

    const renaming = bed.connector({ renameDevices: true }).writer!;
    await renaming.update(externalId, { asset, changes, full: changes });
    expect(bed.sim.state.computers.get(id)!.general.name).toBe('Renamed');
    expect(matching(await bed.requests(), 'PATCH', /./)).toHaveLength(2);
  });

  test('fields Jamf does not take are not sent; nothing to send means no request', async () => {
    bed.sim.seedFromFleet(cleanJamfFleet(4));
    await run();
    const [asset] = (await bed.h.store.listAssets({ limit: 10, after: null })).assets;
    const externalId = asset.identifiers.external[0].id;
    const changes = { hardware: { serialNumber: 'X' }, operatingSystem: { version: '1' } };
    await bed.clearLog();
    const result = await bed
      .connector()
      .writer!.update(externalId, { asset, changes, full: changes });
    expect(result.externalId).toBe(externalId);
    expect(await bed.requests()).toEqual([]);
    expect(await bed.connector().writer!.find({ asset, changes, full: changes })).toBeNull();
  });
});

import type { Asset } from '../../../core/model/asset';
import type { FleetDevice } from '../../../simulators/fleet/fleet-device';
import { cleanJamfFleet, INSTANCE, jamfTestBed, type JamfTestBed } from './jamf-harness';

let bed: JamfTestBed;

beforeEach(async () => {
  bed = await jamfTestBed();
});
afterEach(async () => bed.close());

async function allAssets(): Promise<Asset[]> {
  return (await bed.h.store.listAssets({ limit: 500, after: null })).assets;
}

async function fullRun() {
  const report = await bed.engine(bed.connector()).run({ full: true, dryRun: false });
  return report.connectors.find((c) => c.connector === INSTANCE)!;
}

const computer = (fleet: FleetDevice[]) =>
  fleet.filter((d) => d.category === 'laptop' || d.category === 'desktop');
const handheld = (fleet: FleetDevice[]) =>
  fleet.filter((d) => d.category === 'mobile' || d.category === 'tablet');

describe('Jamf records through identity resolution', () => {
  test('a re-enrolled device (same serial, new id) is one asset; the newest record wins, the old id is an alias', async () => {
    const fleet = cleanJamfFleet(10);
    const mac = computer(fleet)[0];
    const phone = handheld(fleet)[0];
    mac.reEnrolments = 1;
    phone.reEnrolments = 2;
    const counts = bed.sim.seedFromFleet(fleet);
    expect(counts.computers + counts.mobileDevices).toBe(13);
    const report = await fullRun();
    expect(report.error).toBeNull();
    expect(await bed.h.store.countAssets()).toBe(10);

    for (const [device, kind, records] of [
      [mac, 'computer', 2],
      [phone, 'mobile', 3],
    ] as const) {
      const [asset] = await bed.h.store.findAssets(device.serial!);
      const links = asset.identifiers.external.filter((e) => e.system === INSTANCE);
      expect(links).toHaveLength(records);
      expect(links.every((l) => l.id.startsWith(`${kind}:`))).toBe(true);
      const primary = links.filter((l) => !l.alias);
      expect(primary).toHaveLength(1);
      // The primary link is the newest report; the re-enrolment gives it the highest id.
      const newest = [...links]
        .sort((a, b) => (a.observedAt ?? '').localeCompare(b.observedAt ?? ''))
        .at(-1)!;
      expect(primary[0].id).toBe(newest.id);
      const highest = Math.max(...links.map((l) => Number(l.id.split(':')[1])));
      expect(primary[0].id).toBe(`${kind}:${highest}`);
      expect(asset.lastSeen.at).toBe(
        [...links]
          .map((l) => l.observedAt)
          .sort()
          .at(-1),
      );
    }
  });

  test('computer and mobile ids never collide: computer:1 and mobile:1 are two assets', async () => {
    const fleet = cleanJamfFleet(6);
    bed.sim.seedFromFleet(fleet);
    await fullRun();
    const ids = (await allAssets()).flatMap((a) => a.identifiers.external.map((e) => e.id));
    expect(ids).toContain('computer:1');
    expect(ids).toContain('mobile:1');
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('placeholder serials never merge two devices', async () => {
    const fleet = cleanJamfFleet(8);
    const [a, b] = computer(fleet);
    a.serial = 'Not Available';
    b.serial = 'Not Available';
    bed.sim.seedFromFleet(fleet);
    const report = await fullRun();
    expect(report.read.outcomes.conflict).toBe(0);
    expect(await bed.h.store.countAssets()).toBe(8);
    const udids = new Set([a.udid!.toUpperCase(), b.udid!.toUpperCase()]);
    const both = (await allAssets()).filter((x) => udids.has(x.identifiers.udid ?? ''));
    expect(both).toHaveLength(2);
    expect(both[0].id).not.toBe(both[1].id);
  });

  test('null sections leave fields out and are not errors', async () => {
    const fleet = cleanJamfFleet(6);
    const [mac] = computer(fleet);
    const [phone] = handheld(fleet);
    mac.nullSections = true;
    phone.nullSections = true;
    bed.sim.seedFromFleet(fleet);
    const report = await fullRun();
    expect(report.read.outcomes.rejected).toBe(0);
    expect(report.failures).toEqual([]);
    for (const device of [mac, phone]) {
      const [asset] = await bed.h.store.findAssets(device.serial!);
      expect(asset.assignment.userEmail).toBeUndefined();
      expect(asset.purchase.poNumber).toBeUndefined();
      expect(asset.model).toBe(device.model);
    }
  });

  test('Unicode device names arrive unchanged', async () => {
    const fleet = cleanJamfFleet(6);
    const [mac] = computer(fleet);
    const [phone] = handheld(fleet);
    mac.name = '💻 Développement – Zoë’s Mac';
    phone.name = 'テスト-iPhone 😀';
    bed.sim.seedFromFleet(fleet);
    await fullRun();
    expect((await bed.h.store.findAssets(mac.serial!))[0].name).toBe(mac.name);
    expect((await bed.h.store.findAssets(phone.serial!))[0].name).toBe(phone.name);
  });

  test('maps hardware facts, names of departments and buildings, and categories by model', async () => {
    const fleet = cleanJamfFleet(40);
    bed.sim.seedFromFleet(fleet);
    await fullRun();
    for (const device of fleet) {
      const [asset] = await bed.h.store.findAssets(device.serial!);
      expect(asset.category).toBe(device.category);
      expect(asset.manufacturer).toBe('Apple');
      expect(asset.identifiers.udid).toBe(device.udid?.toUpperCase());
      if (device.department !== null) expect(asset.assignment.department).toBe(device.department);
    }
    const [mac] = computer(fleet);
    const [asset] = await bed.h.store.findAssets(mac.serial!);
    expect(asset.hardware.memoryGb).toBe(mac.memoryMb! / 1024);
    expect(asset.os.name).toBe('macOS');
    const names = (await bed.requests()).filter((r) => /departments|buildings/.test(r.path));
    expect(names).toHaveLength(2);
  });
});

import { obs } from '../../support/ingest-harness';
import { intuneWorld, reportOf, type IntuneWorld } from './intune-sync-harness';
import { withAssetTagLine } from '../../../connectors/intune/managed-device-writer';

const GIB = 1024 ** 3;
let w: IntuneWorld;

/** A Graph managedDevice as the simulator's wire seed takes it (missing properties are filled). */
function wire(id: string, serial: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    serialNumber: serial,
    deviceName: `LT-${id}`,
    manufacturer: 'Dell Inc.',
    model: 'Latitude 7440',
    operatingSystem: 'Windows',
    osVersion: '10.0.22631.4460',
    complianceState: 'compliant',
    userPrincipalName: `${id}@corp.example.com`,
    lastSyncDateTime: '2026-11-20T08:00:00.1234567Z',
    totalStorageSpaceInBytes: 512 * GIB,
    wiFiMacAddress: `A4BB6D0000${id.slice(-2).padStart(2, '0')}`,
    ...extra,
  };
}

async function seed(devices: Record<string, unknown>[]) {
  await w.control('POST', '/seed', { replace: true, value: devices });
}

async function singleGets(): Promise<number> {
  const { requests } = (await w.control('GET', '/requests')) as {
    requests: { method: string; path: string }[];
  };
  return requests.filter((r) => r.method === 'GET' && /\/managedDevices\/[^/]+$/.test(r.path))
    .length;
}

beforeEach(async () => {
  w = await intuneWorld({ emptyPageRate: 0 });
});
afterEach(async () => w.close());

describe('Intune connector: device facts', () => {
  test('a re-enrolled device is one asset: the newest record wins and the old id stays bound', async () => {
    await seed([wire('dev-01', 'CN0ABC123'), wire('dev-02', 'CN0XYZ789')]);
    const fresh = (await w.control('POST', '/devices/dev-01/re-enroll')) as { id: string };
    await w.control('POST', `/devices/${fresh.id}/sync`, { deviceName: 'LT-REENROLLED' });
    const report = reportOf(await w.run());
    expect(report.error).toBeNull();
    expect(report.read.records).toBe(3);
    expect(await w.h.store.countAssets()).toBe(2);
    const [asset] = await w.h.store.findAssets('CN0ABC123');
    expect(asset.name).toBe('LT-REENROLLED');
    expect(asset.identifiers.external.map((e) => e.id).sort()).toEqual(['dev-01', fresh.id].sort());
  });

  test('placeholder serials never merge devices; Unicode names arrive intact', async () => {
    const names = ['Zoë’s Surface', '山田の端末 💻', 'Łukasz-PC', '김민준의 iPad'];
    await seed([
      wire('dev-11', 'To be filled by O.E.M.', { deviceName: names[0] }),
      wire('dev-12', 'To be filled by O.E.M.', { deviceName: names[1] }),
      wire('dev-13', '0', { deviceName: names[2] }),
      wire('dev-14', '', { deviceName: names[3], model: 'iPad Air (5th generation)' }),
    ]);
    const report = reportOf(await w.run());
    expect(report.error).toBeNull();
    expect(report.read.outcomes.conflict).toBe(0);
    expect(await w.h.store.countAssets()).toBe(4);
    const page = await w.h.store.listAssets({ limit: 10, after: null });
    expect(page.assets.map((a) => a.name).sort()).toEqual([...names].sort());
    const ipad = page.assets.find((a) => a.name === names[3])!;
    expect(ipad.category).toBe('tablet');
    expect(ipad.serial ?? null).toBeNull();
  });

  test('properties lists leave null never clear known values; details are read for changed devices only', async () => {
    const hidden = { physicalMemoryInBytes: 16 * GIB, ethernetMacAddress: '00E04C680001' };
    const older = (day: number) => ({ lastSyncDateTime: `2026-11-${day}T08:00:00.1234567Z` });
    await seed([
      wire('dev-21', 'CN0AAA001', hidden),
      wire('dev-22', 'CN0AAA002', { ...hidden, ...older(19) }),
      wire('dev-23', 'CN0AAA003', { ...hidden, ...older(18) }),
    ]);
    await w.run({ connectorOptions: { readDetailsForChanged: true } });
    expect(await singleGets()).toBe(3);
    const [before] = await w.h.store.findAssets('CN0AAA001');
    expect(before.hardware.memoryGb).toBe(16);
    expect(before.identifiers.macAddresses).toHaveLength(2);

    await w.control('POST', '/devices/dev-21/sync', { osVersion: '10.0.26100.2314' });
    const listOnly = reportOf(await w.run());
    expect(listOnly.read.records).toBe(1);
    const [after] = await w.h.store.findAssets('CN0AAA001');
    expect(after.os.version).toBe('10.0.26100.2314');
    expect(after.hardware.memoryGb).toBe(16);
    expect(after.identifiers.macAddresses).toEqual(before.identifiers.macAddresses);

    await w.control('DELETE', '/requests');
    await w.control('POST', '/devices/dev-22/sync', { osVersion: '10.0.26100.9999' });
    const details = reportOf(await w.run({ connectorOptions: { readDetailsForChanged: true } }));
    // dev-22 changed; dev-21 sits exactly on the inclusive watermark; dev-23 is skipped.
    expect(details.read.records).toBe(2);
    expect(await singleGets()).toBe(2);
  });

  test('the asset tag is one line of the notes: what people wrote there is kept', async () => {
    await seed([wire('dev-41', 'CN0TAG041', { notes: 'Loaner pool\nAsset tag: OLD-1\nkeep dry' })]);
    await w.run();
    await w.h.ingestor.ingest(
      [
        obs({
          source: 'cmdb',
          externalId: 'c41',
          values: { serial: 'CN0TAG041', assetTag: 'AB-41' },
        }),
      ],
      'cmdb-import',
    );
    expect(reportOf(await w.run({ full: true })).writes).toMatchObject({ updated: 1, failed: 0 });
    expect(w.sim.state.devices.get('dev-41')!.notes).toBe(
      'Loaner pool\nkeep dry\nAsset tag: AB-41',
    );
  });

  test('notes: the line is set, added or removed, and nothing else changes', () => {
    expect(withAssetTagLine(null, 'AB-1')).toBe('Asset tag: AB-1');
    expect(withAssetTagLine('', 'AB-1')).toBe('Asset tag: AB-1');
    expect(withAssetTagLine('spare\r\nAsset tag: AB-0', 'AB-1')).toBe('spare\nAsset tag: AB-1');
    expect(withAssetTagLine('spare\nAsset tag: AB-1', 'AB-1')).toBe('spare\nAsset tag: AB-1');
    expect(withAssetTagLine('spare\nAsset tag: AB-1', null)).toBe('spare');
    expect(withAssetTagLine('Asset tag: AB-1', null)).toBe('');
    expect(withAssetTagLine(null, null)).toBeNull();
  });

  test('a changed asset tag sends one PATCH of notes only; the next runs send none', async () => {
    await seed([wire('dev-31', 'CN0TAG001'), wire('dev-32', 'CN0TAG002')]);
    await w.run();
    await w.h.ingestor.ingest(
      [
        obs({
          source: 'cmdb',
          externalId: 'c1',
          values: { serial: 'CN0TAG001', assetTag: 'AB-777' },
        }),
      ],
      'cmdb-import',
    );
    await w.control('DELETE', '/requests');
    const report = reportOf(await w.run({ full: true }));
    expect(report.writes).toMatchObject({ updated: 1, failed: 0 });
    const stats = await w.stats();
    expect(stats.byMethod.PATCH).toBe(1);
    expect(Object.entries(stats.byRoute).filter(([r]) => r.startsWith('PATCH '))).toEqual([
      [expect.stringMatching(/^PATCH \/v1\.0\/deviceManagement\/managedDevices\//), 1],
    ]);
    const device = w.sim.state.devices.get('dev-31')!;
    expect(device.notes).toBe('Asset tag: AB-777');
    expect(device.deviceName).toBe('LT-dev-31');
    expect(w.sim.state.devices.get('dev-32')!.notes ?? null).toBeNull();

    for (const full of [false, true]) {
      await w.control('DELETE', '/requests');
      const again = reportOf(await w.run({ full }));
      expect(again.error).toBeNull();
      expect((await w.stats()).byMethod.PATCH ?? 0).toBe(0);
    }
  });
});

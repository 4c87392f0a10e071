import path from 'node:path';
import { loadMapping } from '../../../core/mapping/mapping-loader';
import { mapInbound, mapOutbound } from '../../../core/mapping/mapper';
import { emptyAsset } from '../../../core/model/asset';
import { selectedProperties } from '../../../connectors/intune/managed-device-select';
import { listedRecord } from '../../../connectors/intune/managed-device-page';

const mapping = loadMapping(path.join(__dirname, '../../../mappings/intune-managed-devices.yaml'));
const values = (device: Record<string, unknown>) => {
  const { record, errors } = mapInbound(mapping, { id: 'x', ...device });
  expect(errors).toEqual([]);
  return record.values;
};

describe('mappings/intune-managed-devices.yaml', () => {
  test.each([
    ['21HES0R700', 'Windows', 'laptop'],
    ['Latitude 7440', 'Windows', 'laptop'],
    ['HP EliteBook 840 G9 Notebook PC', 'Windows', 'laptop'],
    ['Surface Laptop 5', 'Windows', 'laptop'],
    ['OptiPlex 7010', 'Windows', 'desktop'],
    ['HP EliteDesk 800 G6 Desktop Mini PC', 'Windows', 'desktop'],
    ['11DT0038US', 'Windows', 'desktop'],
    ['Surface Pro 9', 'Windows', 'tablet'],
    ['iPhone 15 Pro', 'iOS', 'mobile'],
    ['iPad Air (5th generation)', 'iOS', 'tablet'],
    ['Some iPad-like thing', 'iPadOS', 'tablet'],
    ['SM-S911B', 'Android', 'mobile'],
    ['SM-X700', 'Android', 'tablet'],
    ['Pixel 8', 'Android', 'mobile'],
    ['Unknown Box', 'Windows', 'laptop'],
    ['Unknown Box', 'ChromeOS', 'other'],
  ])('model %s on %s is a %s', (model, operatingSystem, category) => {
    expect(values({ model, operatingSystem }).category).toBe(category);
  });

  test('maps identifiers, sizes, user and compliance; sentinels and zeros mean no value', () => {
    const v = values({
      serialNumber: ' pf3abc ',
      deviceName: 'Zoë’s 端末 💻',
      totalStorageSpaceInBytes: 256 * 1024 ** 3,
      physicalMemoryInBytes: 0,
      userPrincipalName: '',
      emailAddress: 'Zoe.Brandt@Corp.Example.com',
      complianceState: 'inGracePeriod',
      lastSyncDateTime: '0001-01-01T00:00:00Z',
      wiFiMacAddress: 'a4bb6d112233',
      ethernetMacAddress: null,
      imei: '',
    });
    expect(v).toMatchObject({
      serial: 'PF3ABC',
      name: 'Zoë’s 端末 💻',
      'hardware.storageGb': 256,
      'assignment.userEmail': 'zoe.brandt@corp.example.com',
      'compliance.state': 'in_grace_period',
    });
    expect(v['identifiers.macAddresses']).toEqual(['A4BB6D112233']);
    for (const absent of ['hardware.memoryGb', 'lastSeen.at', 'identifiers.imeis'])
      expect(v).not.toHaveProperty(absent);
  });

  test('the asset tag goes out to notes and is never read back', () => {
    const asset = { ...emptyAsset('a1', '2026-01-01T00:00:00.000Z'), assetTag: 'AB-1001' };
    expect(mapOutbound(mapping, asset)).toEqual({ notes: 'AB-1001' });
    expect(values({ notes: 'AB-9999' })).not.toHaveProperty('assetTag');
  });

  test('$select names exactly the mapped properties plus id and lastSyncDateTime', () => {
    expect(selectedProperties(mapping).sort()).toEqual(
      [
        'id',
        'lastSyncDateTime',
        'serialNumber',
        'deviceName',
        'manufacturer',
        'model',
        'operatingSystem',
        'osVersion',
        'imei',
        'wiFiMacAddress',
        'ethernetMacAddress',
        'udid',
        'totalStorageSpaceInBytes',
        'physicalMemoryInBytes',
        'userPrincipalName',
        'emailAddress',
        'complianceState',
        'notes',
      ].sort(),
    );
  });

  test('a listed record drops the properties lists leave at a default', () => {
    const r = listedRecord({
      id: 'd1',
      lastSyncDateTime: '2026-11-02T10:00:00.1234567Z',
      notes: null,
      physicalMemoryInBytes: 0,
      ethernetMacAddress: null,
      udid: '',
    });
    expect(r).toEqual({
      externalId: 'd1',
      observedAt: '2026-11-02T10:00:00.123Z',
      version: '2026-11-02T10:00:00.1234567Z',
      data: { id: 'd1', lastSyncDateTime: '2026-11-02T10:00:00.1234567Z' },
    });
  });
});

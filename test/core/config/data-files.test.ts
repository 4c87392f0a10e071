import { readdirSync } from 'node:fs';
import path from 'node:path';
import { buildAuthority } from '../../../core/config/authority';
import { loadConfig, sourceMappingKeys } from '../../../core/config/config-loader';
import { loadMapping } from '../../../core/mapping/mapping-loader';
import { mapInbound } from '../../../core/mapping/mapper';
import { CONNECTOR_TYPES, connectorModule } from '../../../connectors/registry';

const ROOT = path.join(__dirname, '..', '..', '..');
const yamlIn = (dir: string) =>
  readdirSync(path.join(ROOT, dir))
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => path.join(ROOT, dir, f));

const KNOWN_TYPES = ['jamf', 'intune', 'servicenow', 'jsm'];

describe('shipped data files', () => {
  test('there are mapping and config files to check', () => {
    expect(yamlIn('mappings').length).toBeGreaterThan(0);
    expect(yamlIn('config').length).toBeGreaterThan(0);
  });

  test.each(yamlIn('mappings'))('mapping %s is valid', (file) => {
    expect(loadMapping(file).fields.length).toBeGreaterThan(0);
  });

  test.each(yamlIn('config'))('config %s is valid with its mappings', (file) => {
    // Every variable a shipped config names counts as set: secrets come from the deployment.
    const env = new Proxy({}, { get: (_t, key) => (typeof key === 'string' ? 'set' : undefined) });
    const loaded = loadConfig(file, {
      env,
      knownConnectorTypes: CONNECTOR_TYPES,
      connectorOptions: (type) => connectorModule(type)?.optionsSchema,
    });
    expect(loaded.mappings.size).toBeGreaterThan(0);
  });

  test('the spreadsheet mapping reads a typical row', () => {
    const mapping = loadMapping(path.join(ROOT, 'mappings', 'spreadsheet.yaml'));
    const row = {
      'Asset Tag': ' it-00042 ',
      'Serial Number': 'c02xk1abcd12',
      Name: 'Finance MacBook',
      Category: 'notebook',
      Manufacturer: 'Apple Inc.',
      Model: 'MacBook Pro 14',
      OS: 'macOS',
      'OS Version': '14.5',
      CPU: 'Apple M3 Pro',
      'RAM (GB)': '18',
      'Storage (GB)': '512',
      Status: 'In Use',
      'Assigned To': 'Ana.Lopez@Example.com',
      Department: 'Finance',
      Location: 'Zürich HQ',
      'Cost Center': 'CC-1200',
      'Purchase Date': '2024-03-15',
      Cost: '2,499.00',
      Currency: 'chf',
      Vendor: 'Data Quest',
      'PO Number': 'PO-7781',
      'Warranty Start': '2024-03-15',
      'Warranty End': '2027-03-14',
      'MAC Address': 'a4:83:e7:01:02:03; a4:83:e7:01:02:04',
      IMEI: '',
      Hostname: 'FIN-MBP-042',
      'Last Seen': '2026-01-05 08:15:00',
    };
    const { record, errors } = mapInbound(mapping, row);
    expect(errors).toEqual([]);
    expect(record.externalId).toBe('it-00042');
    expect(record.values).toEqual({
      assetTag: 'IT-00042',
      serial: 'C02XK1ABCD12',
      name: 'Finance MacBook',
      category: 'laptop',
      manufacturer: 'Apple Inc.',
      model: 'MacBook Pro 14',
      'os.name': 'macOS',
      'os.version': '14.5',
      'hardware.cpu': 'Apple M3 Pro',
      'hardware.memoryGb': 18,
      'hardware.storageGb': 512,
      'lifecycle.stage': 'deployed',
      'assignment.userEmail': 'ana.lopez@example.com',
      'assignment.department': 'Finance',
      'assignment.location': 'Zürich HQ',
      'assignment.costCenter': 'CC-1200',
      'purchase.date': '2024-03-15',
      'purchase.cost': 2499,
      'purchase.currency': 'CHF',
      'purchase.vendor': 'Data Quest',
      'purchase.poNumber': 'PO-7781',
      'warranty.start': '2024-03-15',
      'warranty.end': '2027-03-14',
      'identifiers.macAddresses': ['A4:83:E7:01:02:03', 'A4:83:E7:01:02:04'],
      'identifiers.hostnames': ['fin-mbp-042'],
      'lastSeen.at': '2026-01-05T08:15:00.000Z',
    });
  });

  test('the spreadsheet status map covers the usual words and reports unknown ones', () => {
    const mapping = loadMapping(path.join(ROOT, 'mappings', 'spreadsheet.yaml'));
    const stage = (status: string) => mapInbound(mapping, { Status: status });
    expect(stage('In Stock').record.values['lifecycle.stage']).toBe('in_stock');
    expect(stage('retired').record.values['lifecycle.stage']).toBe('retired');
    expect(stage('In Repair').record.values['lifecycle.stage']).toBe('in_maintenance');
    expect(stage('Ordered').record.values['lifecycle.stage']).toBe('ordered');
    expect(stage('Borrowed').errors[0].message).toContain(
      "'Borrowed' is not a valid lifecycle.stage",
    );
  });

  test('the example config gives the spreadsheet its asset-tag authority', () => {
    const loaded = loadConfig(path.join(ROOT, 'config', 'assetbridge.example.yaml'), {
      env: {},
      knownConnectorTypes: KNOWN_TYPES,
    });
    const table = buildAuthority(loaded.config, loaded.mappings, sourceMappingKeys(loaded.config));
    expect(table.of('spreadsheet', 'assetTag')).toBe(80);
    expect(table.of('spreadsheet', 'assignment.userEmail')).toBe(30);
    expect(table.of('spreadsheet', 'name')).toBe(40);
  });
});

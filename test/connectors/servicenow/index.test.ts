import path from 'node:path';
import { connectorModule } from '../../../connectors/registry';
import { servicenowConnector } from '../../../connectors/servicenow';
import { ciClassOf, ServiceNowOptions } from '../../../connectors/servicenow/servicenow-options';
import { mapInbound } from '../../../core/mapping/mapper';
import { loadMapping } from '../../../core/mapping/mapping-loader';
import { desiredView } from '../../../core/sync/outbound-view';
import type { Asset } from '../../../core/model/asset';

const mapping = loadMapping(path.join(__dirname, '../../../mappings/servicenow-cmdb.yaml'));

/** A CI record as the connector builds it (references resolved to names, the asset nested). */
const record = (asset: Record<string, string>) => ({
  sys_id: 'a'.repeat(32),
  sys_class_name: 'cmdb_ci_computer',
  name: ' Ünïcode-MBP ',
  serial_number: 'c02xk1abcd12',
  manufacturer: 'Apple',
  model_id: 'Apple MacBook Pro 14',
  os: 'macOS',
  os_version: '14.5',
  ram: '16384',
  disk_space: '512',
  mac_address: 'a4:83:e7:01:02:03',
  assigned_to: 'ci.user@example.com',
  location: 'Zürich HQ',
  asset,
});

describe('servicenowConnector module and mapping', () => {
  test('is registered with every capability and documented defaults', () => {
    expect(connectorModule('servicenow')).toBe(servicenowConnector);
    expect(servicenowConnector.capabilities).toEqual({
      read: true,
      write: true,
      webhooks: true,
      tickets: true,
    });
    expect(servicenowConnector.optionsSchema.parse({})).toMatchObject({
      dataSource: 'AssetSync',
      ciTable: 'cmdb_ci_hardware',
      pageSize: 1000,
      createReferences: true,
      stageSubstatuses: ['stolen'],
      ticketTables: ['incident', 'change_request', 'sc_req_item'],
    });
    expect(servicenowConnector.optionsSchema.safeParse({ pagesize: 5 }).success).toBe(false);
    expect(servicenowConnector.optionsSchema.safeParse({ ciTable: 'Bad Table' }).success).toBe(
      false,
    );
    const options = ServiceNowOptions.parse({ ciClasses: { tablet: 'cmdb_ci_comm' } });
    expect(ciClassOf(options, 'tablet')).toBe('cmdb_ci_comm');
    expect(ciClassOf(options, 'server')).toBe('cmdb_ci_server');
    expect(ciClassOf(options, null)).toBe('cmdb_ci_hardware');
  });

  test('maps a CI with its asset; a CI without one falls back to its own fields', () => {
    const withAsset = mapInbound(
      mapping,
      record({
        asset_tag: 'AB-1001',
        state: '8/stolen',
        assigned_to: 'asset.user@example.com',
        location: '',
        warranty_expiration: '2027-03-14',
        cost: '2499.00',
      }),
    );
    expect(withAsset.errors).toEqual([]);
    expect(withAsset.record.externalId).toBe('a'.repeat(32));
    expect(withAsset.record.values).toMatchObject({
      serial: 'C02XK1ABCD12',
      name: 'Ünïcode-MBP',
      category: 'laptop',
      'hardware.memoryGb': 16,
      assetTag: 'AB-1001',
      'lifecycle.stage': 'stolen',
      'assignment.userEmail': 'asset.user@example.com',
      'assignment.location': 'Zürich HQ',
      'warranty.end': '2027-03-14',
      'purchase.cost': 2499,
    });
    const bare = mapInbound(mapping, record({}));
    expect(bare.errors).toEqual([]);
    expect(bare.record.values['assignment.userEmail']).toBe('ci.user@example.com');
    expect(bare.record.values['lifecycle.stage'] ?? null).toBeNull();
  });

  test('writes the lifecycle back as install_status (and substatus where it decides)', () => {
    const asset = (stage: string) =>
      ({
        id: 'x',
        category: 'laptop',
        lifecycle: { stage },
        assignment: {},
        purchase: {},
        warranty: {},
        identifiers: { serials: [], macAddresses: [], imeis: [], hostnames: [], external: [] },
        hardware: {},
        os: {},
        lastSeen: {},
        compliance: {},
        tickets: [],
      }) as unknown as Asset;
    expect(desiredView(mapping, asset('stolen'))['asset.state']).toBe('8/stolen');
    expect(desiredView(mapping, asset('lost'))['asset.state']).toBe('8');
    expect(desiredView(mapping, asset('in_stock'))['asset.state']).toBe('6');
    expect(desiredView(mapping, asset('deployed'))['asset.state']).toBe('1');
  });
});

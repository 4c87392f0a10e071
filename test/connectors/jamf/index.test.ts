import path from 'node:path';
import { loadMapping } from '../../../core/mapping/mapping-loader';
import { jamfConnector } from '../../../connectors/jamf';
import { sectionsFor } from '../../../connectors/jamf/jamf-sections';

const mapping = loadMapping(path.join(__dirname, '../../../mappings/jamf-computers.yaml'));

describe('jamfConnector module', () => {
  test('declares its type, capabilities and option defaults', () => {
    expect(jamfConnector.type).toBe('jamf');
    expect(jamfConnector.capabilities).toEqual({
      read: true,
      write: true,
      webhooks: true,
      tickets: false,
    });
    expect(jamfConnector.optionsSchema.parse({})).toEqual({
      apiVersion: 'v4',
      deviceKinds: ['computer', 'mobile'],
      pageSize: 2000,
      renameDevices: false,
    });
  });

  test('refuses options Jamf cannot honour, naming the option', () => {
    const parse = (o: unknown) => jamfConnector.optionsSchema.safeParse(o);
    expect(parse({ pageSize: 5000 }).success).toBe(false);
    expect(parse({ apiVersion: 'v5' }).success).toBe(false);
    expect(parse({ deviceKinds: [] }).success).toBe(false);
    const unknown = parse({ pagesize: 10 });
    expect(unknown.success).toBe(false);
    expect(JSON.stringify(unknown.error?.issues)).toMatch(/pagesize/);
  });

  test('asks only for the inventory sections the mapping reaches', () => {
    expect(sectionsFor(mapping, 'computer')).toEqual([
      'GENERAL',
      'HARDWARE',
      'OPERATING_SYSTEM',
      'PURCHASING',
      'STORAGE',
      'USER_AND_LOCATION',
    ]);
    expect(sectionsFor(mapping, 'mobile')).toEqual([
      'GENERAL',
      'HARDWARE',
      'NETWORK',
      'PURCHASING',
      'USER_AND_LOCATION',
    ]);
  });
});

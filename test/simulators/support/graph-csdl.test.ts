import { graphPropertyNames, validateGraphEntity, type GraphSummary } from './graph-csdl';

const summary: GraphSummary = {
  entityTypes: {
    entity: {
      baseType: null,
      properties: [{ name: 'id', kind: 'Property', type: 'Edm.String', nullable: false }],
    },
    managedDevice: {
      baseType: 'graph.entity',
      properties: [
        { name: 'deviceName', kind: 'Property', type: 'Edm.String', nullable: true },
        { name: 'isEncrypted', kind: 'Property', type: 'Edm.Boolean', nullable: false },
        { name: 'totalStorageSpaceInBytes', kind: 'Property', type: 'Edm.Int64', nullable: false },
        { name: 'lastSyncDateTime', kind: 'Property', type: 'Edm.DateTimeOffset', nullable: false },
        {
          name: 'complianceState',
          kind: 'Property',
          type: 'graph.complianceState',
          nullable: false,
        },
        { name: 'features', kind: 'Property', type: 'graph.features', nullable: true },
        { name: 'results', kind: 'Property', type: 'Collection(graph.features)', nullable: true },
        {
          name: 'users',
          kind: 'NavigationProperty',
          type: 'Collection(graph.user)',
          nullable: true,
        },
      ],
    },
  },
  complexTypes: {
    features: {
      baseType: null,
      properties: [{ name: 'inventory', kind: 'Property', type: 'Edm.Boolean', nullable: false }],
    },
  },
  enumTypes: {
    complianceState: { isFlags: false, members: [{ name: 'compliant' }, { name: 'noncompliant' }] },
  },
};

const device = {
  '@odata.type': '#microsoft.graph.managedDevice',
  id: 'a',
  deviceName: null,
  isEncrypted: true,
  totalStorageSpaceInBytes: 256000000000,
  lastSyncDateTime: '2026-11-30T10:00:00Z',
  complianceState: 'compliant',
  features: { inventory: true },
  results: [{ inventory: false }],
};

describe('Graph CSDL helpers', () => {
  test('graphPropertyNames includes base types; navigation only when asked', () => {
    const names = graphPropertyNames('managedDevice', { summary });
    expect(names).toEqual(
      new Set([
        'id',
        'deviceName',
        'isEncrypted',
        'totalStorageSpaceInBytes',
        'lastSyncDateTime',
        'complianceState',
        'features',
        'results',
      ]),
    );
    expect(graphPropertyNames('managedDevice', { summary, navigation: true })?.has('users')).toBe(
      true,
    );
  });

  test('a conforming body passes, OData annotations allowed', () => {
    expect(validateGraphEntity(device, 'managedDevice', { summary })).toEqual([]);
  });

  test('unknown properties, wrong types, bad enums, non-nullable nulls and nested errors fail', () => {
    const bad = {
      ...device,
      invented: 1,
      isEncrypted: 'yes',
      totalStorageSpaceInBytes: 1.5,
      lastSyncDateTime: '30/11/2026',
      complianceState: 'Compliant',
      id: null,
      features: { inventory: true, x: 1 },
      results: {},
      users: [],
    };
    expect(validateGraphEntity(bad, 'managedDevice', { summary }).sort()).toEqual(
      [
        '/invented: managedDevice has no property "invented"',
        '/isEncrypted: must be a boolean',
        '/totalStorageSpaceInBytes: must be an integer number',
        '/lastSyncDateTime: must be an ISO-8601 instant',
        '/complianceState: "Compliant" is not a complianceState member (compliant, noncompliant)',
        '/id: is null but Edm.String is not nullable',
        '/features/x: features has no property "x"',
        '/results: must be an array of graph.features',
        '/users: navigation property is only returned with $expand',
      ].sort(),
    );
  });

  test('objects of a derived @odata.type the summary lacks are checked for known properties only', () => {
    const derived = { '@odata.type': '#microsoft.graph.specialFeatures', inventory: true, more: 1 };
    expect(
      validateGraphEntity({ id: 'a', results: [derived] }, 'managedDevice', { summary }),
    ).toEqual([]);
    const wrong = { ...derived, inventory: 'no' };
    expect(
      validateGraphEntity({ id: 'a', results: [wrong] }, 'managedDevice', { summary }),
    ).toEqual(['/results/0/inventory: must be a boolean']);
  });

  test('navigation properties are accepted with allowNavigation', () => {
    expect(
      validateGraphEntity({ id: 'a', users: [] }, 'managedDevice', {
        summary,
        allowNavigation: true,
      }),
    ).toEqual([]);
  });
});

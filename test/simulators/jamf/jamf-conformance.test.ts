import {
  describeConformance,
  requireOpenApi,
  validateAgainstSchema,
  type OpenApiSpec,
} from '../support/spec-validator';
import { undeclaredKeys, withoutNulls } from './null-keys';
import { fleetDevice, startJamf, type JamfHarness } from './jamf-test-client';

const ALL_COMPUTER =
  'GENERAL,DISK_ENCRYPTION,PURCHASING,APPLICATIONS,STORAGE,USER_AND_LOCATION,CONFIGURATION_PROFILES,PRINTERS,SERVICES,HARDWARE,LOCAL_USER_ACCOUNTS,CERTIFICATES,ATTACHMENTS,PACKAGE_RECEIPTS,SECURITY,OPERATING_SYSTEM,LICENSED_SOFTWARE,IBEACONS,SOFTWARE_UPDATES,EXTENSION_ATTRIBUTES,CONTENT_CACHING,GROUP_MEMBERSHIPS';
const ALL_MOBILE =
  'GENERAL,HARDWARE,USER_AND_LOCATION,PURCHASING,SECURITY,APPLICATIONS,EBOOKS,NETWORK,SERVICE_SUBSCRIPTIONS,CERTIFICATES,PROFILES,USER_PROFILES,PROVISIONING_PROFILES,SHARED_USERS,GROUPS,EXTENSION_ATTRIBUTES';

describeConformance('Jamf simulator conformance with jamf-pro-api-11.30.1', () => {
  let spec: OpenApiSpec;
  let h: JamfHarness;

  beforeAll(async () => {
    spec = requireOpenApi('jamf-pro-api-11.30.1.trimmed.json') as OpenApiSpec;
    h = await startJamf();
    h.sim.seedFromFleet([
      fleetDevice(1),
      fleetDevice(
        2,
        { serial: null, assetTag: null, userEmail: null, department: null },
        { nullSections: true },
      ),
      fleetDevice(3, {
        category: 'mobile',
        model: 'iPhone 15',
        modelIdentifier: 'iPhone15,4',
        imei: '356789012345678',
      }),
    ]);
  });
  afterAll(async () => {
    await h?.running.close();
  });

  /** Validates names and types (nulls aside) and that null-valued keys are declared too. */
  function conforms(operation: string, body: unknown, schemaRef?: string): void {
    const errors = validateAgainstSchema(spec, operation, withoutNulls(body));
    expect(errors).toEqual([]);
    if (schemaRef) {
      const undeclared = undeclaredKeys(
        spec.document,
        { $ref: `#/components/schemas/${schemaRef}` },
        body,
      );
      expect(undeclared).toEqual([]);
    }
  }

  test('token responses', async () => {
    const form =
      'grant_type=client_credentials&client_id=assetbridge-client&client_secret=assetbridge-secret';
    const oauth = await fetch(`${h.running.url}/api/v1/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    conforms('POST /api/v1/oauth/token', await oauth.json(), 'OAuthTokenResponse');
    const bad = await fetch(`${h.running.url}/api/v1/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'client_id=x',
    });
    conforms('POST /api/v1/oauth/token 400', await bad.json(), 'OAuthTokenEndpointErrorResponse');
    const basic = `Basic ${Buffer.from('assetbridge:assetbridge-password').toString('base64')}`;
    const user = await fetch(`${h.running.url}/api/v1/auth/token`, {
      method: 'POST',
      headers: { authorization: basic },
    });
    conforms('POST /api/v1/auth/token', await user.json(), 'AuthTokenV1');
    const denied = await fetch(`${h.running.url}/api/v1/auth/token`, { method: 'POST' });
    conforms('POST /api/v1/auth/token 401', await denied.json(), 'ApiError');
  });

  test.each([
    ['v1', 'ComputerInventorySearchResults', 'ComputerInventory'],
    ['v2', 'ComputerInventorySearchResultsV2', 'ComputerInventoryV2'],
    ['v3', 'ComputerInventorySearchResultsV3', 'ComputerInventoryV3'],
    ['v4', 'ComputerInventorySearchResultsV4', 'ComputerInventoryV4'],
  ])('%s computer inventory list and detail', async (version, listSchema, recordSchema) => {
    const sections = version === 'v1' ? `${ALL_COMPUTER},PLUGINS,FONTS` : ALL_COMPUTER;
    const list = await h.get(`/api/${version}/computers-inventory?section=${sections}`);
    expect((list.body as { totalCount: number }).totalCount).toBe(2);
    conforms(`GET /api/${version}/computers-inventory`, list.body, listSchema);
    const generalOnly = await h.get(`/api/${version}/computers-inventory`);
    conforms(`GET /api/${version}/computers-inventory`, generalOnly.body, listSchema);
    for (const id of ['1', '2']) {
      const detail = await h.get(`/api/${version}/computers-inventory-detail/${id}`);
      conforms(`GET /api/${version}/computers-inventory-detail/${id}`, detail.body, recordSchema);
      const single = await h.get(`/api/${version}/computers-inventory/${id}?section=HARDWARE`);
      conforms(`GET /api/${version}/computers-inventory/${id}`, single.body, recordSchema);
    }
    const missing = await h.get(`/api/${version}/computers-inventory-detail/999`);
    conforms(`GET /api/${version}/computers-inventory-detail/999 404`, missing.body, 'ApiError');
  });

  test('v1 PATCH answers a ComputerInventory', async () => {
    const res = await h.send('PATCH', '/api/v1/computers-inventory-detail/1', {
      general: { assetTag: 'X-1' },
    });
    conforms('PATCH /api/v1/computers-inventory-detail/1', res.body, 'ComputerInventory');
  });

  test('mobile-device responses', async () => {
    const detail = await h.get(`/api/v2/mobile-devices/detail?section=${ALL_MOBILE}`);
    // The schema is a oneOf over device types with a `deviceType` discriminator, which the
    // validator does not apply (an iOS record also satisfies the tvOS branch), so each record is
    // checked against the branch its discriminator names, and the envelope on its own.
    const { results, ...envelope } = detail.body as { results: unknown[] };
    conforms('GET /api/v2/mobile-devices/detail', { ...envelope, results: [] });
    expect(results).toHaveLength(1);
    for (const record of results) {
      expect(record).toHaveProperty('deviceType', 'iOS');
      const ios = { schema: 'MobileDeviceIosInventory' };
      expect(validateAgainstSchema(spec, ios, withoutNulls(record))).toEqual([]);
      const ref = { $ref: '#/components/schemas/MobileDeviceIosInventory' };
      expect(undeclaredKeys(spec.document, ref, record)).toEqual([]);
    }
    const list = await h.get('/api/v2/mobile-devices');
    conforms('GET /api/v2/mobile-devices', list.body, 'MobileDeviceSearchResultsV2');
    conforms(
      'GET /api/v2/mobile-devices/1',
      (await h.get('/api/v2/mobile-devices/1')).body,
      'MobileDeviceV2',
    );
    conforms(
      'GET /api/v2/mobile-devices/1/detail',
      (await h.get('/api/v2/mobile-devices/1/detail')).body,
      'MobileDeviceDetailsGetV2',
    );
    const patched = await h.send('PATCH', '/api/v2/mobile-devices/1', {
      assetTag: 'M-1',
      location: { room: '1' },
    });
    conforms('PATCH /api/v2/mobile-devices/1', patched.body, 'MobileDeviceDetailsV2');
    conforms(
      'PATCH /api/v2/mobile-devices/99 404',
      (await h.send('PATCH', '/api/v2/mobile-devices/99', {})).body,
      'ApiError',
    );
  });

  test('the checker itself rejects an invented field', () => {
    const invented = {
      totalCount: 1,
      results: [{ id: '1', udid: 'x', general: { name: 'a', colour: 'red' } }],
    };
    expect(validateAgainstSchema(spec, 'GET /api/v4/computers-inventory', invented)).not.toEqual(
      [],
    );
    expect(
      undeclaredKeys(
        spec.document,
        { $ref: '#/components/schemas/ComputerInventoryV4' },
        { id: '1', shoeSize: null },
      ),
    ).toEqual(['/shoeSize']);
  });
});

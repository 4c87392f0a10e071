import {
  describeConformance,
  graphPropertyNames,
  requireShared,
  validateGraphEntity,
} from '../support/spec-validator';
import { MANAGED_DEVICE_PROPERTIES, WRITABLE_PROPERTIES } from '../../../simulators/intune';
import { intuneDevice, startIntune, type IntuneHarness } from './intune-test-client';

const COLLECTION = '/v1.0/deviceManagement/managedDevices';

describeConformance('Intune simulator conformance with the Graph v1.0 managedDevice CSDL', () => {
  let h: IntuneHarness;

  beforeAll(async () => {
    requireShared();
    h = await startIntune({ config: { emptyPageRate: 0 } });
    h.sim.seedFromFleet([
      intuneDevice(1),
      intuneDevice(
        2,
        { platform: 'android', serial: null, userEmail: null },
        { nullSections: true },
      ),
      intuneDevice(3, {
        platform: 'apple',
        category: 'mobile',
        udid: '00008110-000A1B2C3D4E5F60',
        imei: '356789012345678',
      }),
    ]);
  });
  afterAll(async () => {
    await h?.running.close();
  });

  test('the simulator declares exactly the CSDL properties of managedDevice', () => {
    expect(new Set(Object.keys(MANAGED_DEVICE_PROPERTIES))).toEqual(
      graphPropertyNames('managedDevice'),
    );
    for (const name of WRITABLE_PROPERTIES)
      expect(graphPropertyNames('managedDevice')?.has(name)).toBe(true);
  });

  test('list, $select list, single GET and PATCH-200 objects use only managedDevice properties', async () => {
    const list = (await h.graph('GET', COLLECTION)).body as { value: unknown[] };
    expect(list.value).toHaveLength(3);
    for (const device of list.value) expect(validateGraphEntity(device)).toEqual([]);
    const selected = (
      await h.graph('GET', `${COLLECTION}?$select=id,serialNumber,lastSyncDateTime`)
    ).body as { value: unknown[] };
    for (const device of selected.value) expect(validateGraphEntity(device)).toEqual([]);
    for (const device of list.value as Array<{ id: string }>) {
      const single = (
        await h.graph(
          'GET',
          `${COLLECTION}/${device.id}?$select=id,udid,physicalMemoryInBytes,notes,ethernetMacAddress,iccid`,
        )
      ).body;
      expect(validateGraphEntity(single)).toEqual([]);
      expect(
        validateGraphEntity((await h.graph('GET', `${COLLECTION}/${device.id}`)).body),
      ).toEqual([]);
    }
    await h.control('PUT', '/config', { patchStatus: 200 });
    const id = (list.value[0] as { id: string }).id;
    const patched = await h.graph('PATCH', `${COLLECTION}/${id}`, { notes: 'n' });
    expect(patched.status).toBe(200);
    expect(validateGraphEntity(patched.body)).toEqual([]);
  });

  test('the checker rejects an invented property', () => {
    expect(validateGraphEntity({ id: 'x', assetTag: 'A-1' })).not.toEqual([]);
  });
});

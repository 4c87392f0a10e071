/**
 * Renders the vendor-neutral fleet into Assets objects: devices present in `jira` become objects
 * of the hardware type of their category, with owners as Atlassian accounts and locations as
 * Location objects. Hidden devices are kept aside until revealed.
 */
import { factsFor } from '../fleet/fleet-device';
import { fleetDirectory } from '../fleet/fleet-directory';
import type { FleetCategory, FleetDevice, FleetFacts } from '../fleet/fleet-device';
import { LOCATION_TYPE_ID } from './assets-schema';
import type { AssetObject } from './assets-store';
import type { JiraState } from './jira-state';

const TYPE_BY_CATEGORY: Record<FleetCategory, string> = {
  laptop: '2',
  desktop: '3',
  server: '4',
  network: '5',
  mobile: '6',
  tablet: '7',
  printer: '8',
  peripheral: '9',
};

const STATUS_BY_FLEET: Record<FleetFacts['status'], string> = {
  in_stock: '1',
  deployed: '2',
  in_maintenance: '3',
  retired: '4',
};

function locationId(
  state: JiraState,
  name: string,
  cache: Map<string, string>,
  atMs: number,
): string {
  const cached = cache.get(name);
  if (cached) return cached;
  for (const obj of state.assets.objects.values()) {
    if (obj.objectTypeId === LOCATION_TYPE_ID && state.assets.labelOf(obj) === name) {
      cache.set(name, obj.id);
      return obj.id;
    }
  }
  const created = state.assets.create(
    {
      objectTypeId: LOCATION_TYPE_ID,
      attributes: [{ objectTypeAttributeId: '19', objectAttributeValues: [{ value: name }] }],
    },
    atMs,
  );
  cache.set(name, created.id);
  return created.id;
}

function put(
  values: Map<string, string[]>,
  attrId: string,
  value: string | number | null | undefined,
): void {
  if (value === null || value === undefined || value === '') return;
  const list = values.get(attrId) ?? [];
  list.push(String(value));
  values.set(attrId, list);
}

function deviceValues(
  state: JiraState,
  f: FleetFacts,
  locations: Map<string, string>,
  atMs: number,
): Map<string, string[]> {
  const values = new Map<string, string[]>();
  put(values, '2', f.name.trim() ? f.name : (f.serial ?? 'Unnamed device'));
  put(values, '5', f.serial);
  put(values, '6', f.assetTag);
  put(values, '7', f.model);
  put(values, '8', f.manufacturer);
  put(values, '9', f.memoryMb);
  put(values, '10', f.purchaseDate);
  put(values, '11', f.warrantyEnd);
  put(values, '12', STATUS_BY_FLEET[f.status]);
  if (f.userEmail)
    put(values, '13', state.users.ensure(f.userEmail, f.userFullName ?? f.userEmail).accountId);
  if (f.location) put(values, '14', locationId(state, f.location, locations, atMs));
  if (f.department) {
    state.schema.ensureOption('15', f.department);
    put(
      values,
      '15',
      state.schema.attrs
        .get('15')
        ?.options.find((o) => o.toLowerCase() === f.department?.toLowerCase()) ?? f.department,
    );
  }
  put(values, '16', f.macAddress);
  put(values, '16', f.altMacAddress);
  put(values, '17', f.costCenter);
  return values;
}

/** Adds one device as an Assets object; returns it. */
export function addFleetDevice(
  state: JiraState,
  device: FleetDevice,
  locations = new Map<string, string>(),
): AssetObject {
  const facts = factsFor(device, 'jira');
  const createdMs = Date.parse(facts.enrolledAt) || state.options.now();
  const updatedMs = Math.max(createdMs, Date.parse(facts.lastSeenAt) || createdMs);
  const obj: AssetObject = {
    id: '0',
    objectTypeId: TYPE_BY_CATEGORY[facts.category],
    createdMs,
    updatedMs,
    values: new Map(),
  };
  obj.values = deviceValues(state, facts, locations, createdMs);
  obj.id = state.assets.allocateId();
  state.assets.insert(obj);
  return obj;
}

/**
 * Seeds the accounts of every person in the fleet and every visible device present in `jira`;
 * hidden ones go to `state.hiddenDevices`.
 */
export function seedFleet(
  state: JiraState,
  devices: FleetDevice[],
  hidden: FleetDevice[],
): { objects: number; hidden: number; users: number } {
  const locations = new Map<string, string>();
  let objects = 0;
  // Every employee has an Atlassian account, whether or not Assets holds their devices.
  for (const person of fleetDirectory(devices)) state.users.ensure(person.email, person.fullName);
  for (const device of devices) {
    if (!device.presence.jira) continue;
    if (device.hidden) {
      hidden.push(device);
      continue;
    }
    addFleetDevice(state, device, locations);
    objects += 1;
  }
  return { objects, hidden: hidden.length, users: state.users.size };
}

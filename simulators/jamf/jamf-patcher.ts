/**
 * Applies validated PATCH bodies to stored Jamf Pro records. Department and building ids must
 * exist (`-1` or null clears them), extension attributes are matched by definition id.
 */
import { JamfHttpError } from './jamf-errors';
import type { ComputerUpdate, MobileUpdate } from './jamf-patch-schemas';
import type {
  JamfComputer,
  JamfComputerPurchasing,
  JamfComputerUserAndLocation,
  JamfExtensionAttribute,
  JamfMobileDevice,
  JamfMobilePurchasing,
  JamfMobileUserAndLocation,
} from './jamf-records';
import type { JamfState } from './jamf-state';

type EaUpdate = { definitionId: string; values: string[] };

function checkRef(
  state: JamfState,
  kind: 'department' | 'building',
  id: string | null | undefined,
) {
  if (id === undefined) return undefined;
  if (id === null || id === '-1') return null;
  const map = kind === 'department' ? state.departments : state.buildings;
  if (!map.has(id)) {
    const field = `userAndLocation.${kind}Id`;
    throw new JamfHttpError(400, 'INVALID_ID', `${kind} with id ${id} does not exist`, field, id);
  }
  return id;
}

function applyEas(target: JamfExtensionAttribute[], updates: EaUpdate[] | undefined): void {
  for (const update of updates ?? []) {
    const ea = target.find((item) => item.definitionId === update.definitionId);
    if (!ea) {
      const message = `Extension attribute ${update.definitionId} is not on this record`;
      throw new JamfHttpError(
        400,
        'INVALID_ID',
        message,
        'extensionAttributes',
        update.definitionId,
      );
    }
    ea.values = [...update.values];
  }
}

function emptyUser(): JamfComputerUserAndLocation {
  return {
    username: null,
    realname: null,
    email: null,
    position: null,
    phone: null,
    departmentId: null,
    buildingId: null,
    room: null,
    extensionAttributes: [],
  };
}

function emptyPurchasing(): JamfComputerPurchasing {
  return {
    leased: false,
    purchased: false,
    poNumber: null,
    poDate: null,
    vendor: null,
    warrantyDate: null,
    appleCareId: null,
    leaseDate: null,
    purchasePrice: null,
    lifeExpectancy: 0,
    purchasingAccount: null,
    purchasingContact: null,
    extensionAttributes: [],
  };
}

function omitEas<T extends { extensionAttributes?: unknown }>(
  value: T,
): Omit<T, 'extensionAttributes'> {
  const { extensionAttributes: _ignored, ...rest } = value;
  return rest;
}

export function applyComputerUpdate(
  state: JamfState,
  record: JamfComputer,
  update: ComputerUpdate,
): void {
  const departmentId = checkRef(state, 'department', update.userAndLocation?.departmentId);
  const buildingId = checkRef(state, 'building', update.userAndLocation?.buildingId);
  applyEas(record.extensionAttributes, update.extensionAttributes);
  if (update.udid !== undefined) record.udid = update.udid;
  if (update.general) {
    const { managed, siteId, ...fields } = omitEas(update.general);
    Object.assign(record.general, fields);
    if (managed !== undefined) record.general.remoteManagement.managed = managed;
    if (siteId !== undefined)
      record.general.site = { id: siteId, name: siteId === '-1' ? 'None' : `Site ${siteId}` };
    applyEas(record.general.extensionAttributes, update.general.extensionAttributes);
  }
  if (update.purchasing) {
    record.purchasing = {
      ...(record.purchasing ?? emptyPurchasing()),
      ...omitEas(update.purchasing),
    };
  }
  if (update.userAndLocation) {
    const user = { ...(record.userAndLocation ?? emptyUser()), ...omitEas(update.userAndLocation) };
    if (departmentId !== undefined) user.departmentId = departmentId;
    if (buildingId !== undefined) user.buildingId = buildingId;
    record.userAndLocation = user;
  }
  if (update.hardware && record.hardware) Object.assign(record.hardware, omitEas(update.hardware));
  state.touch();
}

function mobileUser(
  state: JamfState,
  current: JamfMobileUserAndLocation | null,
  update: NonNullable<MobileUpdate['location']>,
): JamfMobileUserAndLocation {
  const departmentId = checkRef(state, 'department', update.departmentId);
  const buildingId = checkRef(state, 'building', update.buildingId);
  const base: JamfMobileUserAndLocation =
    current ??
    ({
      ...omitEas(emptyUser()),
      realName: null,
      emailAddress: null,
      phoneNumber: null,
      building: null,
      department: null,
      extensionAttributes: [],
    } as unknown as JamfMobileUserAndLocation);
  const next: JamfMobileUserAndLocation = { ...base, ...update } as JamfMobileUserAndLocation;
  if (departmentId !== undefined) {
    next.departmentId = departmentId;
    next.department =
      departmentId === null ? null : (state.departments.get(departmentId)?.name ?? null);
  }
  if (buildingId !== undefined) {
    next.buildingId = buildingId;
    next.building = buildingId === null ? null : (state.buildings.get(buildingId)?.name ?? null);
  }
  return next;
}

function mobilePurchasing(
  current: JamfMobilePurchasing | null,
  update: Record<string, unknown>,
): JamfMobilePurchasing {
  const base = current ?? {
    ...omitEas(emptyPurchasing()),
    warrantyExpiresDate: null,
    leaseExpiresDate: null,
    extensionAttributes: [],
  };
  return { ...base, ...update } as JamfMobilePurchasing;
}

export function applyMobileUpdate(
  state: JamfState,
  record: JamfMobileDevice,
  update: MobileUpdate,
): void {
  if (update.location)
    record.userAndLocation = mobileUser(state, record.userAndLocation, update.location);
  for (const ea of update.updatedExtensionAttributes ?? []) {
    const target = record.extensionAttributes.find((item) => item.id === ea.id);
    if (!target) {
      throw new JamfHttpError(
        400,
        'INVALID_ID',
        `Extension attribute ${ea.id} is not on this device`,
        'updatedExtensionAttributes',
        ea.id,
      );
    }
    target.value = [...ea.value];
  }
  if (update.name !== undefined) record.general.displayName = update.name;
  if (update.enforceName !== undefined) record.enforceName = update.enforceName;
  if (update.assetTag !== undefined) record.general.assetTag = update.assetTag;
  if (update.siteId !== undefined) record.general.siteId = update.siteId;
  if (update.timeZone !== undefined) record.general.timeZone = update.timeZone;
  const purchasing = update.ios?.purchasing ?? update.tvos?.purchasing;
  if (purchasing) record.purchasing = mobilePurchasing(record.purchasing, purchasing);
  state.touch();
}

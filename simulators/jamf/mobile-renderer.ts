/**
 * Renders a stored mobile device into the Jamf Pro wire shapes: the inventory record of
 * `GET /v2/mobile-devices/detail` (requested sections, others `null`), the short `MobileDeviceV2`
 * of `GET /v2/mobile-devices/{id}`, and the `MobileDeviceDetailsV2` that PATCH answers with.
 */
import { MOBILE_SECTIONS } from './jamf-fields';
import type { JamfMobileDevice, JamfNamedObject } from './jamf-records';

type Wire = Record<string, unknown>;

function sectionValue(record: JamfMobileDevice, key: string): unknown {
  switch (key) {
    case 'general':
    case 'hardware':
    case 'userAndLocation':
    case 'purchasing':
    case 'security':
    case 'network':
      return record[key] === null ? null : { ...record[key] };
    case 'extensionAttributes':
      return [...record.extensionAttributes];
    default:
      return [];
  }
}

export function renderMobileInventory(record: JamfMobileDevice, sections: readonly string[]): Wire {
  const out: Wire = { mobileDeviceId: record.mobileDeviceId, deviceType: record.deviceType };
  const wanted = new Set(sections);
  for (const [section, key] of Object.entries(MOBILE_SECTIONS)) {
    out[key] = wanted.has(section) ? sectionValue(record, key) : null;
  }
  return out;
}

function deviceKind(record: JamfMobileDevice): string {
  return record.deviceType === 'tvOS' ? 'tvos' : 'ios';
}

export function renderMobileSummary(record: JamfMobileDevice): Wire {
  return {
    id: record.mobileDeviceId,
    name: record.general.displayName,
    serialNumber: record.hardware?.serialNumber ?? null,
    wifiMacAddress: record.hardware?.wifiMacAddress ?? null,
    udid: record.general.udid,
    phoneNumber: record.network?.phoneNumber ?? null,
    model: record.hardware?.model ?? null,
    modelIdentifier: record.hardware?.modelIdentifier ?? null,
    username: record.userAndLocation?.username ?? null,
    type: deviceKind(record),
    managementId: record.general.managementId,
  };
}

function location(record: JamfMobileDevice): Wire {
  const user = record.userAndLocation;
  return {
    username: user?.username ?? null,
    realName: user?.realName ?? null,
    emailAddress: user?.emailAddress ?? null,
    position: user?.position ?? null,
    phoneNumber: user?.phoneNumber ?? null,
    departmentId: user?.departmentId ?? null,
    buildingId: user?.buildingId ?? null,
    room: user?.room ?? null,
  };
}

function purchasing(record: JamfMobileDevice): Wire | null {
  if (record.purchasing === null) return null;
  const { extensionAttributes: _ea, ...rest } = record.purchasing;
  return rest;
}

function details(record: JamfMobileDevice): Wire {
  const hw = record.hardware;
  return {
    model: hw?.model ?? null,
    modelIdentifier: hw?.modelIdentifier ?? null,
    modelNumber: hw?.modelNumber ?? null,
    supervised: record.general.supervised,
    capacityMb: hw?.capacityMb ?? null,
    availableMb: hw?.availableSpaceMb ?? null,
    purchasing: purchasing(record),
    security: record.security === null ? null : { ...record.security },
    network: record.network === null ? null : { ...record.network },
    applications: [],
    certificates: [],
  };
}

export function renderMobileDetails(record: JamfMobileDevice, site: JamfNamedObject): Wire {
  const g = record.general;
  return {
    id: record.mobileDeviceId,
    name: g.displayName,
    enforceName: record.enforceName,
    assetTag: g.assetTag,
    lastInventoryUpdateTimestamp: g.lastInventoryUpdateDate,
    lastContactTimestamp: g.lastContactDate,
    osVersion: g.osVersion,
    osBuild: g.osBuild,
    serialNumber: record.hardware?.serialNumber ?? null,
    udid: g.udid,
    ipAddress: g.ipAddress,
    wifiMacAddress: record.hardware?.wifiMacAddress ?? null,
    bluetoothMacAddress: record.hardware?.bluetoothMacAddress ?? null,
    managed: g.managed,
    timeZone: g.timeZone,
    initialEntryTimestamp: g.lastEnrolledDate,
    lastEnrollmentTimestamp: g.lastEnrolledDate,
    mdmProfileExpirationTimestamp: g.mdmProfileExpirationDate,
    deviceOwnershipLevel: g.deviceOwnershipType === 'Institutional' ? 'institutional' : 'personal',
    enrollmentSessionTokenValid: false,
    declarativeDeviceManagementEnabled: g.declarativeDeviceManagementEnabled,
    site: { id: site.id, name: site.name },
    extensionAttributes: record.extensionAttributes.map((ea) => ({
      id: ea.id,
      name: ea.name,
      type: ea.type,
      value: [...ea.value],
      extensionAttributeCollectionAllowed: ea.extensionAttributeCollectionAllowed,
    })),
    location: location(record),
    type: deviceKind(record),
    [deviceKind(record)]: details(record),
  };
}

/**
 * Builds a Jamf mobile-device record (iOS inventory shape, every section) from a fleet device's
 * facts. An `ageDays` above 0 makes an older enrolment record (new UDID, older dates).
 */
import type { FleetFacts } from '../fleet/fleet-device';
import {
  enrolledAt,
  ipAddress,
  osBuild,
  seenAt,
  type DeviceContext,
} from './jamf-computer-factory';
import type {
  JamfMobileDevice,
  JamfMobileGeneral,
  JamfMobileHardware,
  JamfMobilePurchasing,
  JamfMobileUserAndLocation,
} from './jamf-records';
import type { JamfState } from './jamf-state';
import { daysBefore, jamfTime } from './jamf-time';

function general(c: DeviceContext): JamfMobileGeneral {
  const { f, rng } = c;
  const seen = seenAt(c);
  const enrolled = enrolledAt(c);
  return {
    udid: c.ageDays > 0 ? rng.hex(40) : (f.udid ?? rng.hex(40)),
    displayName: f.name,
    assetTag: f.assetTag,
    siteId: '-1',
    lastInventoryUpdateDate: seen,
    lastContactDate: seen,
    osVersion: f.osVersion,
    osBuild: osBuild(rng),
    ipAddress: ipAddress(rng),
    managed: f.status !== 'retired',
    supervised: true,
    deviceOwnershipType: 'Institutional',
    lastEnrolledDate: enrolled,
    mdmProfileExpirationDate: jamfTime(daysBefore(enrolled, -730), c.digits),
    timeZone: 'Europe/Berlin',
    declarativeDeviceManagementEnabled: true,
    managementId: rng.uuid(),
    extensionAttributes: [],
  };
}

function hardware(f: FleetFacts): JamfMobileHardware {
  const capacity = f.storageGb === null ? null : f.storageGb * 1024;
  return {
    capacityMb: capacity,
    availableSpaceMb: capacity === null ? null : Math.round(capacity * 0.4),
    serialNumber: f.serial,
    wifiMacAddress: f.macAddress,
    bluetoothMacAddress: f.altMacAddress,
    model: f.model,
    modelIdentifier: f.modelIdentifier,
    modelNumber: null,
    deviceId: null,
    extensionAttributes: [],
  };
}

function userAndLocation(state: JamfState, c: DeviceContext): JamfMobileUserAndLocation {
  const { f } = c;
  const department = f.department ? state.named('department', f.department) : null;
  const building = f.location ? state.named('building', f.location) : null;
  return {
    username: c.user,
    realName: f.userFullName,
    emailAddress: f.userEmail,
    position: null,
    phoneNumber: null,
    departmentId: department?.id ?? null,
    buildingId: building?.id ?? null,
    room: null,
    building: building?.name ?? null,
    department: department?.name ?? null,
    extensionAttributes: [],
  };
}

function purchasing(f: FleetFacts): JamfMobilePurchasing {
  return {
    purchased: true,
    leased: false,
    poNumber: f.poNumber,
    vendor: f.vendor,
    appleCareId: null,
    purchasePrice: f.purchaseCost === null ? null : f.purchaseCost.toFixed(2),
    purchasingAccount: null,
    poDate: f.purchaseDate ? `${f.purchaseDate}T00:00:00Z` : null,
    warrantyExpiresDate: f.warrantyEnd ? `${f.warrantyEnd}T00:00:00Z` : null,
    leaseExpiresDate: null,
    lifeExpectancy: 3,
    purchasingContact: null,
    extensionAttributes: [],
  };
}

export function buildMobile(
  state: JamfState,
  c: DeviceContext,
): Omit<JamfMobileDevice, 'mobileDeviceId'> {
  const { f } = c;
  return {
    deviceType: 'iOS',
    enforceName: false,
    general: general(c),
    hardware: hardware(f),
    userAndLocation: userAndLocation(state, c),
    purchasing: purchasing(f),
    security: { dataProtected: true, passcodePresent: true, activationLockEnabled: true },
    network: {
      cellularTechnology: f.imei ? 'GSM' : 'Unknown',
      imei: f.imei,
      iccid: null,
      meid: null,
      phoneNumber: null,
      dataRoamingEnabled: false,
      roaming: false,
    },
    extensionAttributes: [],
  };
}

/**
 * Builds a Jamf computer record (v4 shape, every section) from a fleet device's facts. An
 * `ageDays` above 0 makes an older enrolment record of the same device (new UDID, older dates).
 */
import type { FleetFacts } from '../fleet/fleet-device';
import type { Rng } from '../kit/rng';
import type {
  JamfComputer,
  JamfComputerGeneral,
  JamfComputerHardware,
  JamfComputerPurchasing,
  JamfComputerUserAndLocation,
} from './jamf-records';
import type { JamfState } from './jamf-state';
import { daysBefore, jamfTime } from './jamf-time';

export interface DeviceContext {
  f: FleetFacts;
  rng: Rng;
  ageDays: number;
  /** Fraction digits this record's timestamps carry. */
  digits: number;
  user: string | null;
}

export function deviceContext(f: FleetFacts, rng: Rng, ageDays: number): DeviceContext {
  const user = f.userEmail ? (f.userEmail.split('@')[0] as string) : null;
  return { f, rng, ageDays, digits: rng.int(0, 3), user };
}

export function ipAddress(rng: Rng): string {
  return `10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
}

export function osBuild(rng: Rng): string {
  const letter = rng.pick(['A', 'B', 'C', 'D', 'E', 'F', 'G']);
  return `${rng.int(21, 24)}${letter}${rng.int(10, 999)}`;
}

export function seenAt(c: DeviceContext): string {
  return jamfTime(daysBefore(c.f.lastSeenAt, c.ageDays), c.digits);
}

export function enrolledAt(c: DeviceContext): string {
  return jamfTime(daysBefore(c.f.enrolledAt, c.ageDays), c.digits);
}

function general(c: DeviceContext): JamfComputerGeneral {
  const { f, rng } = c;
  const seen = seenAt(c);
  const enrolled = enrolledAt(c);
  const address = ipAddress(rng);
  const managed = f.status !== 'retired';
  return {
    name: f.name,
    lastIpAddress: address,
    lastReportedIpV4: address,
    jamfBinaryVersion: '11.30.1-t1784555528405',
    platform: 'Mac',
    barcode1: null,
    barcode2: null,
    assetTag: f.assetTag,
    remoteManagement: { managed, managementUsername: null },
    supervised: true,
    mdmCapable: { capable: managed, capableUsers: c.user ? [c.user] : [] },
    reportDate: seen,
    lastCheckIn: seen,
    lastContact: seen,
    lastCloudBackupDate: null,
    lastEnrolledDate: enrolled,
    mdmProfileExpiration: jamfTime(daysBefore(enrolled, -730), c.digits),
    initialEntryDate: enrolled.slice(0, 10),
    distributionPoint: null,
    enrollmentMethod: {
      id: '1',
      objectName: 'Default PreStage',
      objectType: 'Automated Device Enrollment',
    },
    site: { id: '-1', name: 'None' },
    itunesStoreAccountActive: false,
    enrolledViaAutomatedDeviceEnrollment: true,
    userApprovedMdm: true,
    declarativeDeviceManagementEnabled: true,
    extensionAttributes: [],
    managementId: rng.uuid(),
  };
}

function hardware(f: FleetFacts): JamfComputerHardware {
  const silicon = (f.cpu ?? '').startsWith('Apple');
  return {
    make: f.manufacturer,
    model: f.model,
    modelIdentifier: f.modelIdentifier,
    serialNumber: f.serial,
    processorSpeedMhz: silicon ? null : 2400,
    processorCount: 1,
    coreCount: silicon ? 10 : 8,
    processorType: f.cpu,
    processorArchitecture: silicon ? 'arm64' : 'x86_64',
    networkAdapterType: 'Ethernet',
    macAddress: f.macAddress,
    altNetworkAdapterType: 'IEEE80211',
    altMacAddress: f.altMacAddress,
    totalRamMegabytes: f.memoryMb,
    appleSilicon: silicon,
    extensionAttributes: [],
  };
}

function userAndLocation(state: JamfState, c: DeviceContext): JamfComputerUserAndLocation {
  const { f } = c;
  return {
    username: c.user,
    realname: f.userFullName,
    email: f.userEmail,
    position: null,
    phone: null,
    departmentId: f.department ? state.named('department', f.department).id : null,
    buildingId: f.location ? state.named('building', f.location).id : null,
    room: null,
    extensionAttributes: [],
  };
}

function purchasing(f: FleetFacts): JamfComputerPurchasing {
  return {
    leased: false,
    purchased: true,
    poNumber: f.poNumber,
    poDate: f.purchaseDate,
    vendor: f.vendor,
    warrantyDate: f.warrantyEnd,
    appleCareId: null,
    leaseDate: null,
    purchasePrice: f.purchaseCost === null ? null : f.purchaseCost.toFixed(2),
    lifeExpectancy: 4,
    purchasingAccount: null,
    purchasingContact: null,
    extensionAttributes: [],
  };
}

function storage(f: FleetFacts): JamfComputer['storage'] {
  if (f.storageGb === null) return { bootDriveAvailableSpaceMegabytes: null, disks: [] };
  const sizeMegabytes = f.storageGb * 1024;
  return {
    bootDriveAvailableSpaceMegabytes: Math.round(sizeMegabytes * 0.4),
    disks: [{ id: '1', device: 'disk0', model: 'APPLE SSD', sizeMegabytes }],
  };
}

export function buildComputer(state: JamfState, c: DeviceContext): Omit<JamfComputer, 'id'> {
  const { f, rng } = c;
  return {
    udid: (c.ageDays > 0 ? rng.uuid() : (f.udid ?? rng.uuid())).toUpperCase(),
    general: general(c),
    hardware: hardware(f),
    operatingSystem: {
      name: 'macOS',
      version: f.osVersion,
      build: osBuild(rng),
      activeDirectoryStatus: 'Not Bound',
      fileVault2Status: 'ALL_ENCRYPTED',
      extensionAttributes: [],
    },
    userAndLocation: userAndLocation(state, c),
    purchasing: purchasing(f),
    storage: storage(f),
    diskEncryption: { fileVault2Enabled: true, fileVault2EnabledUserNames: c.user ? [c.user] : [] },
    security: { firewallEnabled: true, activationLockEnabled: false },
    extensionAttributes: [
      {
        definitionId: '1',
        name: 'Cost Center',
        description: null,
        enabled: true,
        multiValue: false,
        values: f.costCenter ? [f.costCenter] : [],
        dataType: 'STRING',
        options: [],
        inputType: 'TEXT',
      },
    ],
  };
}

/**
 * Which sections, filter fields and sort fields each Jamf Pro inventory endpoint accepts (from the
 * 11.30.1 schema), and how a field name maps to a path in the stored record.
 */

export type ComputerApiVersion = 'v1' | 'v2' | 'v3' | 'v4';

/** Section name → property of the computer record. */
export const COMPUTER_SECTIONS: Readonly<Record<string, string>> = {
  GENERAL: 'general',
  DISK_ENCRYPTION: 'diskEncryption',
  PURCHASING: 'purchasing',
  APPLICATIONS: 'applications',
  STORAGE: 'storage',
  USER_AND_LOCATION: 'userAndLocation',
  CONFIGURATION_PROFILES: 'configurationProfiles',
  PRINTERS: 'printers',
  SERVICES: 'services',
  HARDWARE: 'hardware',
  LOCAL_USER_ACCOUNTS: 'localUserAccounts',
  CERTIFICATES: 'certificates',
  ATTACHMENTS: 'attachments',
  PLUGINS: 'plugins',
  PACKAGE_RECEIPTS: 'packageReceipts',
  FONTS: 'fonts',
  SECURITY: 'security',
  OPERATING_SYSTEM: 'operatingSystem',
  LICENSED_SOFTWARE: 'licensedSoftware',
  IBEACONS: 'ibeacons',
  SOFTWARE_UPDATES: 'softwareUpdates',
  EXTENSION_ATTRIBUTES: 'extensionAttributes',
  CONTENT_CACHING: 'contentCaching',
  GROUP_MEMBERSHIPS: 'groupMemberships',
};

/** `PLUGINS` and `FONTS` exist only in v1. */
export function computerSectionsFor(version: ComputerApiVersion): string[] {
  const all = Object.keys(COMPUTER_SECTIONS);
  return version === 'v1' ? all : all.filter((s) => s !== 'PLUGINS' && s !== 'FONTS');
}

export const MOBILE_SECTIONS: Readonly<Record<string, string>> = {
  GENERAL: 'general',
  HARDWARE: 'hardware',
  USER_AND_LOCATION: 'userAndLocation',
  PURCHASING: 'purchasing',
  SECURITY: 'security',
  APPLICATIONS: 'applications',
  EBOOKS: 'ebooks',
  NETWORK: 'network',
  SERVICE_SUBSCRIPTIONS: 'serviceSubscriptions',
  CERTIFICATES: 'certificates',
  PROFILES: 'profiles',
  USER_PROFILES: 'userProfiles',
  PROVISIONING_PROFILES: 'provisioningProfiles',
  SHARED_USERS: 'sharedUsers',
  GROUPS: 'groups',
  EXTENSION_ATTRIBUTES: 'extensionAttributes',
};

const COMPUTER_COMMON_FIELDS = [
  'general.name',
  'udid',
  'id',
  'general.assetTag',
  'general.barcode1',
  'general.barcode2',
  'general.enrolledViaAutomatedDeviceEnrollment',
  'general.lastIpAddress',
  'general.itunesStoreAccountActive',
  'general.jamfBinaryVersion',
  'general.lastEnrolledDate',
  'general.lastCloudBackupDate',
  'general.reportDate',
  'general.lastReportedIpV4',
  'general.managementId',
  'general.remoteManagement.managed',
  'general.mdmCapable.capable',
  'general.platform',
  'general.supervised',
  'general.userApprovedMdm',
  'general.declarativeDeviceManagementEnabled',
  'hardware.macAddress',
  'hardware.make',
  'hardware.model',
  'hardware.modelIdentifier',
  'hardware.serialNumber',
  'hardware.appleSilicon',
  'operatingSystem.activeDirectoryStatus',
  'operatingSystem.fileVault2Status',
  'operatingSystem.build',
  'operatingSystem.name',
  'operatingSystem.version',
  'security.activationLockEnabled',
  'security.firewallEnabled',
  'userAndLocation.buildingId',
  'userAndLocation.departmentId',
  'userAndLocation.email',
  'userAndLocation.realname',
  'userAndLocation.phone',
  'userAndLocation.position',
  'userAndLocation.room',
  'userAndLocation.username',
  'diskEncryption.fileVault2Enabled',
  'purchasing.appleCareId',
  'purchasing.lifeExpectancy',
  'purchasing.purchased',
  'purchasing.leased',
  'purchasing.vendor',
  'purchasing.warrantyDate',
];

/** Filter fields per version: v1 to v3 say `lastContactTime`, v4 says `lastCheckIn`/`lastContact`. */
export function computerFilterFields(version: ComputerApiVersion): Set<string> {
  const extra =
    version === 'v4'
      ? ['general.lastCheckIn', 'general.lastContact']
      : ['general.lastContactTime', 'general.lastReportedIp'];
  return new Set([...COMPUTER_COMMON_FIELDS, ...extra]);
}

const COMPUTER_SORT_COMMON = [
  'general.name',
  'udid',
  'id',
  'general.assetTag',
  'general.jamfBinaryVersion',
  'general.lastEnrolledDate',
  'general.lastCloudBackupDate',
  'general.reportDate',
  'general.platform',
  'hardware.make',
  'hardware.model',
  'operatingSystem.build',
  'operatingSystem.name',
  'operatingSystem.version',
  'userAndLocation.realname',
  'purchasing.lifeExpectancy',
  'purchasing.warrantyDate',
];

export function computerSortFields(version: ComputerApiVersion): Set<string> {
  const extra =
    version === 'v4' ? ['general.lastCheckIn', 'general.lastContact'] : ['general.lastContactTime'];
  return new Set([...COMPUTER_SORT_COMMON, ...extra]);
}

/** Field names of older versions that are stored under their v4 name. */
const COMPUTER_ALIASES: Readonly<Record<string, string>> = {
  'general.lastContactTime': 'general.lastContact',
  'general.lastReportedIp': 'general.lastReportedIpV4',
};

export function computerFieldPath(field: string): string {
  return COMPUTER_ALIASES[field] ?? field;
}

/** Mobile-device filter/sort names are flat; this maps each supported one to a record path. */
export const MOBILE_FIELD_PATHS: Readonly<Record<string, string>> = {
  mobileDeviceId: 'mobileDeviceId',
  displayName: 'general.displayName',
  assetTag: 'general.assetTag',
  udid: 'general.udid',
  managementId: 'general.managementId',
  lastInventoryUpdateDate: 'general.lastInventoryUpdateDate',
  lastContactDate: 'general.lastContactDate',
  lastEnrolledDate: 'general.lastEnrolledDate',
  osVersion: 'general.osVersion',
  osBuild: 'general.osBuild',
  ipAddress: 'general.ipAddress',
  managed: 'general.managed',
  supervised: 'general.supervised',
  timeZone: 'general.timeZone',
  deviceOwnershipType: 'general.deviceOwnershipType',
  serialNumber: 'hardware.serialNumber',
  model: 'hardware.model',
  modelIdentifier: 'hardware.modelIdentifier',
  modelNumber: 'hardware.modelNumber',
  wifiMacAddress: 'hardware.wifiMacAddress',
  bluetoothMacAddress: 'hardware.bluetoothMacAddress',
  capacityMb: 'hardware.capacityMb',
  availableSpaceMb: 'hardware.availableSpaceMb',
  deviceId: 'hardware.deviceId',
  username: 'userAndLocation.username',
  fullName: 'userAndLocation.realName',
  emailAddress: 'userAndLocation.emailAddress',
  position: 'userAndLocation.position',
  room: 'userAndLocation.room',
  building: 'userAndLocation.building',
  department: 'userAndLocation.department',
  userPhoneNumber: 'userAndLocation.phoneNumber',
  poNumber: 'purchasing.poNumber',
  vendor: 'purchasing.vendor',
  appleCareId: 'purchasing.appleCareId',
  purchasePrice: 'purchasing.purchasePrice',
  lifeExpectancyYears: 'purchasing.lifeExpectancy',
  imei: 'network.imei',
  iccid: 'network.iccid',
  meid: 'network.meid',
  activationLockEnabled: 'security.activationLockEnabled',
  passcodePresent: 'security.passcodePresent',
};

/** Sort-only mobile fields (the filter list omits them). */
const MOBILE_SORT_ONLY: Readonly<Record<string, string>> = {
  id: 'mobileDeviceId',
  name: 'general.displayName',
  poDate: 'purchasing.poDate',
  warrantyExpirationDate: 'purchasing.warrantyExpiresDate',
  leaseExpirationDate: 'purchasing.leaseExpiresDate',
  mdmProfileExpirationDate: 'general.mdmProfileExpirationDate',
};

export const MOBILE_FILTER_FIELDS = new Set(Object.keys(MOBILE_FIELD_PATHS));
export const MOBILE_SORT_FIELDS = new Set([
  ...Object.keys(MOBILE_FIELD_PATHS),
  ...Object.keys(MOBILE_SORT_ONLY),
]);

export function mobileFieldPath(field: string): string {
  return MOBILE_FIELD_PATHS[field] ?? MOBILE_SORT_ONLY[field] ?? field;
}

/** Reads a dotted path from a nested record; `undefined` when a step is missing or null. */
export function readPath(record: unknown, path: string): unknown {
  let current: unknown = record;
  for (const step of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}

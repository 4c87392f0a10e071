/**
 * The in-memory form of Jamf Pro records. Computers are held in the shape of the current
 * (`v4`) `ComputerInventoryV4` schema with every section filled; older API versions are rendered
 * from it. Mobile devices are held as an iOS `MobileDeviceInventory` record with every section.
 * Missing values are `null`, as Jamf Pro sends them.
 */

export interface JamfExtensionAttribute {
  definitionId: string;
  name: string;
  description: string | null;
  enabled: boolean;
  multiValue: boolean;
  values: string[];
  dataType: 'STRING' | 'INTEGER' | 'DATE_TIME' | null;
  options: string[];
  inputType: 'TEXT' | 'POPUP' | 'SCRIPT' | 'LDAP' | null;
}

export interface JamfComputerGeneral {
  name: string;
  lastIpAddress: string | null;
  lastReportedIpV4: string | null;
  jamfBinaryVersion: string | null;
  platform: string;
  barcode1: string | null;
  barcode2: string | null;
  assetTag: string | null;
  remoteManagement: { managed: boolean; managementUsername: string | null };
  supervised: boolean;
  mdmCapable: { capable: boolean; capableUsers: string[] };
  reportDate: string;
  lastCheckIn: string;
  lastContact: string;
  lastCloudBackupDate: string | null;
  lastEnrolledDate: string;
  mdmProfileExpiration: string | null;
  initialEntryDate: string;
  distributionPoint: string | null;
  enrollmentMethod: { id: string; objectName: string; objectType: string } | null;
  site: { id: string; name: string };
  itunesStoreAccountActive: boolean;
  enrolledViaAutomatedDeviceEnrollment: boolean;
  userApprovedMdm: boolean;
  declarativeDeviceManagementEnabled: boolean;
  extensionAttributes: JamfExtensionAttribute[];
  managementId: string;
}

export interface JamfComputerHardware {
  make: string;
  model: string;
  modelIdentifier: string | null;
  serialNumber: string | null;
  processorSpeedMhz: number | null;
  processorCount: number | null;
  coreCount: number | null;
  processorType: string | null;
  processorArchitecture: string | null;
  networkAdapterType: string | null;
  macAddress: string | null;
  altNetworkAdapterType: string | null;
  altMacAddress: string | null;
  totalRamMegabytes: number | null;
  appleSilicon: boolean;
  extensionAttributes: JamfExtensionAttribute[];
}

export interface JamfComputerOperatingSystem {
  name: string;
  version: string;
  build: string | null;
  activeDirectoryStatus: string;
  fileVault2Status: string;
  extensionAttributes: JamfExtensionAttribute[];
}

export interface JamfComputerUserAndLocation {
  username: string | null;
  realname: string | null;
  email: string | null;
  position: string | null;
  phone: string | null;
  departmentId: string | null;
  buildingId: string | null;
  room: string | null;
  extensionAttributes: JamfExtensionAttribute[];
}

export interface JamfComputerPurchasing {
  leased: boolean;
  purchased: boolean;
  poNumber: string | null;
  poDate: string | null;
  vendor: string | null;
  warrantyDate: string | null;
  appleCareId: string | null;
  leaseDate: string | null;
  purchasePrice: string | null;
  lifeExpectancy: number;
  purchasingAccount: string | null;
  purchasingContact: string | null;
  extensionAttributes: JamfExtensionAttribute[];
}

export interface JamfComputerStorage {
  bootDriveAvailableSpaceMegabytes: number | null;
  disks: Array<{ id: string; device: string; model: string; sizeMegabytes: number }>;
}

/** A computer in the v4 shape. Section values are `null` when the device never reported them. */
export interface JamfComputer {
  id: string;
  udid: string;
  general: JamfComputerGeneral;
  diskEncryption: { fileVault2Enabled: boolean; fileVault2EnabledUserNames: string[] } | null;
  purchasing: JamfComputerPurchasing | null;
  storage: JamfComputerStorage | null;
  userAndLocation: JamfComputerUserAndLocation | null;
  hardware: JamfComputerHardware | null;
  security: { firewallEnabled: boolean; activationLockEnabled: boolean } | null;
  operatingSystem: JamfComputerOperatingSystem | null;
  extensionAttributes: JamfExtensionAttribute[];
}

export interface JamfMobileGeneral {
  udid: string;
  displayName: string;
  assetTag: string | null;
  siteId: string;
  lastInventoryUpdateDate: string;
  lastContactDate: string;
  osVersion: string;
  osBuild: string | null;
  ipAddress: string | null;
  managed: boolean;
  supervised: boolean;
  deviceOwnershipType: 'Institutional' | 'UserEnrollment';
  lastEnrolledDate: string;
  mdmProfileExpirationDate: string | null;
  timeZone: string | null;
  declarativeDeviceManagementEnabled: boolean;
  managementId: string;
  extensionAttributes: JamfMobileExtensionAttribute[];
}

export interface JamfMobileExtensionAttribute {
  id: string;
  name: string;
  type: 'STRING' | 'INTEGER' | 'DATE';
  value: string[];
  extensionAttributeCollectionAllowed: boolean;
  inventoryDisplay: string;
}

export interface JamfMobileHardware {
  capacityMb: number | null;
  availableSpaceMb: number | null;
  serialNumber: string | null;
  wifiMacAddress: string | null;
  bluetoothMacAddress: string | null;
  model: string;
  modelIdentifier: string | null;
  modelNumber: string | null;
  deviceId: string | null;
  extensionAttributes: JamfMobileExtensionAttribute[];
}

export interface JamfMobileUserAndLocation {
  username: string | null;
  realName: string | null;
  emailAddress: string | null;
  position: string | null;
  phoneNumber: string | null;
  departmentId: string | null;
  buildingId: string | null;
  room: string | null;
  building: string | null;
  department: string | null;
  extensionAttributes: JamfMobileExtensionAttribute[];
}

export interface JamfMobilePurchasing {
  purchased: boolean;
  leased: boolean;
  poNumber: string | null;
  vendor: string | null;
  appleCareId: string | null;
  purchasePrice: string | null;
  purchasingAccount: string | null;
  poDate: string | null;
  warrantyExpiresDate: string | null;
  leaseExpiresDate: string | null;
  lifeExpectancy: number;
  purchasingContact: string | null;
  extensionAttributes: JamfMobileExtensionAttribute[];
}

export interface JamfMobileNetwork {
  cellularTechnology: string;
  imei: string | null;
  iccid: string | null;
  meid: string | null;
  phoneNumber: string | null;
  dataRoamingEnabled: boolean;
  roaming: boolean;
}

/** A mobile device as `GET /api/v2/mobile-devices/detail` returns it with every section. */
export interface JamfMobileDevice {
  mobileDeviceId: string;
  deviceType: 'iOS' | 'tvOS';
  general: JamfMobileGeneral;
  hardware: JamfMobileHardware | null;
  userAndLocation: JamfMobileUserAndLocation | null;
  purchasing: JamfMobilePurchasing | null;
  security: {
    dataProtected: boolean;
    passcodePresent: boolean;
    activationLockEnabled: boolean;
  } | null;
  network: JamfMobileNetwork | null;
  extensionAttributes: JamfMobileExtensionAttribute[];
  /** Not an inventory field: set through `PATCH /v2/mobile-devices/{id}`. */
  enforceName: boolean;
}

export interface JamfNamedObject {
  id: string;
  name: string;
}

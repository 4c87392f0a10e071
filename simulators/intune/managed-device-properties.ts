/**
 * The Graph v1.0 `managedDevice` properties (from the CSDL in the Graph metadata), which of them
 * PATCH may set, and the "non-default" ones that LIST responses leave at a default value: their
 * real values come only from a single GET that names them in `$select`.
 */

export type PropertyKind =
  'string' | 'datetime' | 'boolean' | 'int64' | 'enum' | 'complex' | 'collection';

export interface PropertyInfo {
  kind: PropertyKind;
  nullable: boolean;
}

export const MANAGED_DEVICE_PROPERTIES: Readonly<Record<string, PropertyInfo>> = {
  id: { kind: 'string', nullable: false },
  activationLockBypassCode: { kind: 'string', nullable: true },
  androidSecurityPatchLevel: { kind: 'string', nullable: true },
  azureADDeviceId: { kind: 'string', nullable: true },
  azureADRegistered: { kind: 'boolean', nullable: true },
  complianceGracePeriodExpirationDateTime: { kind: 'datetime', nullable: false },
  complianceState: { kind: 'enum', nullable: false },
  configurationManagerClientEnabledFeatures: { kind: 'complex', nullable: true },
  deviceActionResults: { kind: 'collection', nullable: true },
  deviceCategoryDisplayName: { kind: 'string', nullable: true },
  deviceEnrollmentType: { kind: 'enum', nullable: false },
  deviceHealthAttestationState: { kind: 'complex', nullable: true },
  deviceName: { kind: 'string', nullable: true },
  deviceRegistrationState: { kind: 'enum', nullable: false },
  easActivated: { kind: 'boolean', nullable: false },
  easActivationDateTime: { kind: 'datetime', nullable: false },
  easDeviceId: { kind: 'string', nullable: true },
  emailAddress: { kind: 'string', nullable: true },
  enrolledDateTime: { kind: 'datetime', nullable: false },
  enrollmentProfileName: { kind: 'string', nullable: true },
  ethernetMacAddress: { kind: 'string', nullable: true },
  exchangeAccessState: { kind: 'enum', nullable: false },
  exchangeAccessStateReason: { kind: 'enum', nullable: false },
  exchangeLastSuccessfulSyncDateTime: { kind: 'datetime', nullable: false },
  freeStorageSpaceInBytes: { kind: 'int64', nullable: false },
  iccid: { kind: 'string', nullable: true },
  imei: { kind: 'string', nullable: true },
  isEncrypted: { kind: 'boolean', nullable: false },
  isSupervised: { kind: 'boolean', nullable: false },
  jailBroken: { kind: 'string', nullable: true },
  lastSyncDateTime: { kind: 'datetime', nullable: false },
  managedDeviceName: { kind: 'string', nullable: true },
  managedDeviceOwnerType: { kind: 'enum', nullable: false },
  managementAgent: { kind: 'enum', nullable: false },
  managementCertificateExpirationDate: { kind: 'datetime', nullable: false },
  managementState: { kind: 'enum', nullable: false },
  manufacturer: { kind: 'string', nullable: true },
  meid: { kind: 'string', nullable: true },
  model: { kind: 'string', nullable: true },
  notes: { kind: 'string', nullable: true },
  operatingSystem: { kind: 'string', nullable: true },
  osVersion: { kind: 'string', nullable: true },
  partnerReportedThreatState: { kind: 'enum', nullable: false },
  phoneNumber: { kind: 'string', nullable: true },
  physicalMemoryInBytes: { kind: 'int64', nullable: false },
  remoteAssistanceSessionErrorDetails: { kind: 'string', nullable: true },
  remoteAssistanceSessionUrl: { kind: 'string', nullable: true },
  requireUserEnrollmentApproval: { kind: 'boolean', nullable: true },
  serialNumber: { kind: 'string', nullable: true },
  subscriberCarrier: { kind: 'string', nullable: true },
  totalStorageSpaceInBytes: { kind: 'int64', nullable: false },
  udid: { kind: 'string', nullable: true },
  userDisplayName: { kind: 'string', nullable: true },
  userId: { kind: 'string', nullable: true },
  userPrincipalName: { kind: 'string', nullable: true },
  wiFiMacAddress: { kind: 'string', nullable: true },
};

export const PROPERTY_NAMES: readonly string[] = Object.keys(MANAGED_DEVICE_PROPERTIES);

/** The properties that are not computed (the rest are read-only). */
export const WRITABLE_PROPERTIES = new Set([
  'notes',
  'managedDeviceName',
  'managedDeviceOwnerType',
]);

export const OWNER_TYPES = ['unknown', 'company', 'personal', 'unknownFutureValue'] as const;

/** Non-default properties and the value a LIST (or a GET without `$select` naming them) shows. */
export const NON_DEFAULT_VALUES: Readonly<Record<string, string | number | null>> = {
  activationLockBypassCode: null,
  ethernetMacAddress: null,
  iccid: '',
  notes: null,
  physicalMemoryInBytes: 0,
  remoteAssistanceSessionUrl: '',
  udid: '',
};

/** A managedDevice as Graph sends it: property name to JSON value. */
export type ManagedDevice = Record<string, unknown> & { id: string };

export function isKnownProperty(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(MANAGED_DEVICE_PROPERTIES, name);
}

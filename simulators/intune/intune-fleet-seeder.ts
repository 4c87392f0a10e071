/**
 * Renders the vendor-neutral fleet into Graph `managedDevice` objects, with Intune's habits:
 * 7-digit fractions on timestamps, `0001-01-01T00:00:00Z` and `9999-12-31T23:59:59.9999999Z`
 * sentinels, empty strings for unknown text, MACs without separators. Re-enrolled devices get
 * older extra objects with the same serial and name.
 */
import { factsFor, type FleetDevice, type FleetFacts } from '../fleet/fleet-device';
import type { Rng } from '../kit/rng';
import type { IntuneState } from './intune-state';
import type { ManagedDevice } from './managed-device-properties';

export const NEVER = '0001-01-01T00:00:00Z';
export const FOREVER = '9999-12-31T23:59:59.9999999Z';
const DAY_MS = 86_400_000;
const GIB = 1024 ** 3;

/** An ISO instant with Graph's 7 fraction digits. */
export function graphTime(ms: number, rng: Rng): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 23)}${String(rng.int(0, 9999)).padStart(4, '0')}Z`;
}

function operatingSystem(f: FleetFacts): string {
  if (f.platform === 'windows') return 'Windows';
  if (f.platform === 'android') return 'Android';
  if (f.platform === 'linux') return 'Linux';
  return f.category === 'mobile' || f.category === 'tablet' ? 'iOS' : 'macOS';
}

function enrollmentType(f: FleetFacts): string {
  if (f.platform === 'windows') return 'windowsAzureADJoin';
  if (f.platform === 'apple') return 'appleBulkWithUser';
  return 'userEnrollment';
}

function bareMac(mac: string | null): string | null {
  return mac === null ? null : mac.replace(/[:-]/g, '').toUpperCase();
}

function complianceOf(f: FleetFacts): string {
  if (f.compliant === null) return 'unknown';
  return f.compliant ? 'compliant' : 'noncompliant';
}

function identity(f: FleetFacts, rng: Rng): Record<string, unknown> {
  const os = operatingSystem(f);
  return {
    userId: f.userEmail ? rng.uuid() : null,
    deviceName: f.name,
    managedDeviceOwnerType: 'company',
    operatingSystem: os,
    complianceState: complianceOf(f),
    jailBroken: os === 'Windows' ? 'Unknown' : 'False',
    managementAgent: 'mdm',
    osVersion: f.osVersion,
    easActivated: false,
    easDeviceId: rng.hex(32).toUpperCase(),
    easActivationDateTime: NEVER,
    azureADRegistered: true,
    deviceEnrollmentType: enrollmentType(f),
    activationLockBypassCode: null,
    emailAddress: f.userEmail ?? '',
    azureADDeviceId: rng.uuid(),
    deviceRegistrationState: 'registered',
    deviceCategoryDisplayName: '',
    isSupervised: f.platform === 'apple',
    exchangeLastSuccessfulSyncDateTime: NEVER,
    exchangeAccessState: 'none',
    exchangeAccessStateReason: 'none',
    remoteAssistanceSessionUrl: '',
    remoteAssistanceSessionErrorDetails: '',
    isEncrypted: f.status !== 'in_stock',
    userPrincipalName: f.userEmail ?? '',
    model: f.model,
    manufacturer: f.manufacturer,
    imei: f.imei ?? '',
    complianceGracePeriodExpirationDateTime: FOREVER,
    serialNumber: f.serial ?? '',
    phoneNumber: '',
    androidSecurityPatchLevel: f.platform === 'android' ? '2025-06-01' : '',
    userDisplayName: f.userFullName ?? '',
    configurationManagerClientEnabledFeatures: null,
    deviceHealthAttestationState: null,
    subscriberCarrier: '',
    meid: '',
    partnerReportedThreatState: 'unknown',
    requireUserEnrollmentApproval: null,
    iccid: '',
    notes: null,
    enrollmentProfileName: f.platform === 'windows' ? 'Autopilot Corporate' : '',
    managementState: f.status === 'retired' ? 'retirePending' : 'managed',
    deviceActionResults: [],
  };
}

function buildDevice(f: FleetFacts, rng: Rng, ageDays: number, nullish: boolean): ManagedDevice {
  const enrolled = Date.parse(f.enrolledAt) - ageDays * DAY_MS;
  const seen = Date.parse(f.lastSeenAt) - ageDays * DAY_MS;
  const total = f.storageGb === null || nullish ? 0 : f.storageGb * GIB;
  return {
    id: rng.uuid(),
    ...identity(f, rng),
    enrolledDateTime: graphTime(enrolled, rng),
    lastSyncDateTime: graphTime(seen, rng),
    managementCertificateExpirationDate:
      new Date(enrolled + 365 * DAY_MS).toISOString().slice(0, 19) + 'Z',
    managedDeviceName: `${(f.userEmail ?? 'user').split('@')[0]}_${operatingSystem(f)}_${new Date(enrolled).toISOString().slice(0, 10)}`,
    wiFiMacAddress: nullish ? null : bareMac(f.macAddress),
    ethernetMacAddress: nullish ? null : bareMac(f.altMacAddress),
    udid: f.platform === 'apple' ? (f.udid ?? '') : '',
    totalStorageSpaceInBytes: total,
    freeStorageSpaceInBytes: Math.round(total * 0.37),
    physicalMemoryInBytes: f.memoryMb === null || nullish ? 0 : f.memoryMb * 1024 * 1024,
  };
}

export function seedIntuneFromFleet(
  state: IntuneState,
  devices: FleetDevice[],
  rng: Rng,
): { managedDevices: number } {
  let count = 0;
  for (const device of devices) {
    if (!device.presence.intune) continue;
    const facts = factsFor(device, 'intune');
    for (let age = device.reEnrolments; age >= 0; age--) {
      const stored = state.add(buildDevice(facts, rng, age * 45, device.nullSections));
      if (device.hidden) state.hidden.add(stored.id);
      count += 1;
    }
  }
  return { managedDevices: count };
}

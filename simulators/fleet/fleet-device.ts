/**
 * A vendor-neutral description of a real device in a simulated fleet. Each simulator renders the
 * devices it holds into its own wire format (`seedFromFleet`), applying `variants[system]` on top
 * of the shared facts so that the same device can disagree slightly between systems.
 */
export type FleetSystem = 'servicenow' | 'jira' | 'jamf' | 'intune';

export type FleetCategory =
  'laptop' | 'desktop' | 'server' | 'network' | 'mobile' | 'tablet' | 'printer' | 'peripheral';

export interface FleetFacts {
  /** Serial as the system reports it: may be a placeholder, blank, lower case or padded. */
  serial: string | null;
  name: string;
  category: FleetCategory;
  /** `apple`, `windows`, `android`, `linux`, `network-os` */
  platform: 'apple' | 'windows' | 'android' | 'linux' | 'network-os';
  manufacturer: string;
  model: string;
  /** Vendor model identifier such as `MacBookPro18,3`; null when unknown. */
  modelIdentifier: string | null;
  osName: string;
  osVersion: string;
  /** Hardware UUID (computers) or UDID (mobile); null when unknown. */
  udid: string | null;
  /** Colon-separated upper-case MAC as the vendor would show it, or null. */
  macAddress: string | null;
  altMacAddress: string | null;
  /** 15 digits, or null (computers, Wi-Fi-only tablets). */
  imei: string | null;
  cpu: string | null;
  memoryMb: number | null;
  storageGb: number | null;
  userEmail: string | null;
  userFullName: string | null;
  department: string | null;
  location: string | null;
  costCenter: string | null;
  assetTag: string | null;
  purchaseDate: string | null; // YYYY-MM-DD
  purchaseCost: number | null;
  vendor: string | null;
  poNumber: string | null;
  warrantyEnd: string | null; // YYYY-MM-DD
  /** ISO-8601 UTC instant of the last check-in / contact. */
  lastSeenAt: string;
  enrolledAt: string;
  compliant: boolean | null;
  /** `deployed`, `in_stock`, `in_maintenance`, `retired` */
  status: 'deployed' | 'in_stock' | 'in_maintenance' | 'retired';
}

export interface FleetDevice extends FleetFacts {
  /** Stable key of the real device within the fleet (not a vendor id). */
  key: string;
  /** Which systems hold this device. */
  presence: Record<FleetSystem, boolean>;
  /** Per-system overrides: small disagreements, a placeholder serial in one system, etc. */
  variants: Partial<Record<FleetSystem, Partial<FleetFacts>>>;
  /** Number of extra, older enrolment records for the same device (re-enrolled duplicates). */
  reEnrolments: number;
  /** The device is absent from reads until the simulator is told to bring it back. */
  hidden: boolean;
  /** Optional inventory sections the MDM returns as null for this device. */
  nullSections: boolean;
}

export interface FleetOptions {
  size: number;
  seed: number;
  /** Share of devices present in each system (defaults: jamf for apple, intune for windows/android). */
  cmdbShare?: number;
  jsmShare?: number;
  /** Share of devices with trouble (placeholder serials, duplicates, unicode, ...); default 0.05. */
  troubleShare?: number;
}

/** Returns the facts of `device` as `system` sees them. */
export function factsFor(device: FleetDevice, system: FleetSystem): FleetFacts {
  return { ...device, ...(device.variants[system] ?? {}) };
}

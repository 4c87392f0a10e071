/**
 * Seeding from Jamf Pro's own wire format, so that a real export can be replayed: the body of
 * `POST /_sim/seed` holds `computers` (inventory records of any API version, or a whole
 * `{totalCount, results}` page), `mobileDevices` (`/v2/mobile-devices/detail` records),
 * `departments` and `buildings`. `replace: true` empties the records first.
 */
import { z } from 'zod';
import type { JamfComputer, JamfComputerGeneral, JamfMobileDevice } from './jamf-records';
import type { JamfState } from './jamf-state';

const named = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  name: z.string(),
});

const computerWire = z.looseObject({
  id: z
    .union([z.string().regex(/^\d+$/), z.number().int().positive()])
    .transform(String)
    .optional(),
  udid: z.string(),
  general: z.looseObject({
    name: z.string(),
    reportDate: z.string(),
    lastContactTime: z.string().nullish(),
    lastContact: z.string().nullish(),
    lastCheckIn: z.string().nullish(),
    lastReportedIp: z.string().nullish(),
  }),
});

const mobileWire = z.looseObject({
  mobileDeviceId: z
    .union([z.string().regex(/^\d+$/), z.number().int().positive()])
    .transform(String)
    .optional(),
  deviceType: z.enum(['iOS', 'tvOS']).default('iOS'),
  general: z.looseObject({
    udid: z.string(),
    displayName: z.string(),
    lastInventoryUpdateDate: z.string(),
    managementId: z.string().optional(),
  }),
});

/** A list of records, or a whole `{totalCount, results}` page (its results are used). */
function listOf<T extends z.ZodType>(item: T) {
  return z.preprocess((value) => {
    if (typeof value === 'object' && value !== null && 'results' in value) {
      return (value as { results: unknown }).results;
    }
    return value;
  }, z.array(item));
}

export const jamfWireSeedSchema = z.object({
  replace: z.boolean().default(false),
  computers: listOf(computerWire).optional(),
  mobileDevices: listOf(mobileWire).optional(),
  departments: z.array(named).optional(),
  buildings: z.array(named).optional(),
});

export type JamfWireSeed = z.infer<typeof jamfWireSeedSchema>;

function items<T>(list: T[] | undefined): T[] {
  return list ?? [];
}

const COMPUTER_SECTION_KEYS = [
  'diskEncryption',
  'purchasing',
  'storage',
  'userAndLocation',
  'hardware',
  'security',
  'operatingSystem',
] as const;

function toComputer(
  wire: z.infer<typeof computerWire>,
): Omit<JamfComputer, 'id'> & { id?: string } {
  const { lastContactTime, lastReportedIp, ...general } = wire.general;
  const contact = general.lastContact ?? lastContactTime ?? general.reportDate;
  const record: Record<string, unknown> = {
    ...wire,
    general: {
      ...general,
      lastContact: contact,
      lastCheckIn: general.lastCheckIn ?? contact,
      lastReportedIpV4: general.lastReportedIpV4 ?? lastReportedIp ?? null,
      extensionAttributes: general.extensionAttributes ?? [],
    } as unknown as JamfComputerGeneral,
    extensionAttributes: Array.isArray(wire.extensionAttributes) ? wire.extensionAttributes : [],
  };
  for (const key of COMPUTER_SECTION_KEYS) record[key] = wire[key] ?? null;
  return record as unknown as Omit<JamfComputer, 'id'> & { id?: string };
}

function toMobile(
  wire: z.infer<typeof mobileWire>,
): Omit<JamfMobileDevice, 'mobileDeviceId'> & { mobileDeviceId?: string } {
  const record: Record<string, unknown> = { ...wire, enforceName: false };
  for (const key of ['hardware', 'userAndLocation', 'purchasing', 'security', 'network']) {
    record[key] = wire[key] ?? null;
  }
  record.extensionAttributes = Array.isArray(wire.extensionAttributes)
    ? wire.extensionAttributes
    : [];
  return record as unknown as Omit<JamfMobileDevice, 'mobileDeviceId'> & {
    mobileDeviceId?: string;
  };
}

/** Loads a validated wire seed; returns counts of what the state now holds. */
export function seedJamfFromWire(state: JamfState, seed: JamfWireSeed): Record<string, number> {
  if (seed.replace) state.clearRecords();
  for (const d of seed.departments ?? []) state.departments.set(d.id, d);
  for (const b of seed.buildings ?? []) state.buildings.set(b.id, b);
  for (const wire of items(seed.computers)) state.addComputer(toComputer(wire));
  for (const wire of items(seed.mobileDevices)) state.addMobileDevice(toMobile(wire));
  return {
    computers: state.computers.size,
    mobileDevices: state.mobileDevices.size,
    departments: state.departments.size,
    buildings: state.buildings.size,
  };
}

import { z } from 'zod';
import { AssetbridgeError } from '../../core/errors';
import type { VendorRecord } from '../../core/sync/connector';
import { tryParseInstant } from '../../core/time/parse-instant';
import { NON_DEFAULT_PROPERTIES } from './managed-device-select';

/** The instant given to devices that never synced (`0001-01-01T00:00:00Z`): older than any other. */
export const NEVER_SYNCED = '1970-01-01T00:00:00.000Z';

const managedDevice = z.looseObject({ id: z.string().min(1) });
export type ManagedDeviceWire = z.infer<typeof managedDevice>;

const listPage = z.looseObject({
  value: z.array(managedDevice),
  '@odata.nextLink': z.string().min(1).optional(),
  '@odata.count': z.number().int().min(0).optional(),
});
export type ManagedDeviceListPage = z.infer<typeof listPage>;

/** Checks a list answer at the boundary; throws naming the system and what is wrong. */
export function parseListPage(system: string, url: string, body: unknown): ManagedDeviceListPage {
  const parsed = listPage.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new AssetbridgeError(
    'RECORD_INVALID',
    `${system}: managedDevices page from ${url} is not a Graph collection: ${z.prettifyError(parsed.error)}`,
  );
}

/** Checks a single-device answer. */
export function parseDevice(system: string, id: string, body: unknown): ManagedDeviceWire {
  const parsed = managedDevice.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new AssetbridgeError(
    'RECORD_INVALID',
    `${system}: managedDevice ${id} answer is not a device: ${z.prettifyError(parsed.error)}`,
  );
}

/** When the device last synced with Intune, as an ISO instant; sentinels give NEVER_SYNCED. */
export function lastSyncOf(device: ManagedDeviceWire): string {
  return tryParseInstant(device.lastSyncDateTime) ?? NEVER_SYNCED;
}

/**
 * A listed device as a VendorRecord. The properties a list leaves at a default are removed: they
 * are unknown there, not empty, and must not clear what a detail read or another source knows.
 */
export function listedRecord(device: ManagedDeviceWire): VendorRecord {
  const data: Record<string, unknown> = { ...device };
  for (const name of NON_DEFAULT_PROPERTIES) delete data[name];
  return recordOf(device.id, data);
}

/** A device read on its own (details included) as a VendorRecord. */
export function recordOf(id: string, data: Record<string, unknown>): VendorRecord {
  delete data['@odata.context'];
  const raw = data.lastSyncDateTime;
  const observedAt = tryParseInstant(raw) ?? NEVER_SYNCED;
  return {
    externalId: id,
    observedAt,
    version: typeof raw === 'string' ? raw : undefined,
    data,
  };
}

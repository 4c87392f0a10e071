/**
 * Seeding from Graph's own wire format (`POST /_sim/seed`): a list page `{value:[...]}`, a bare
 * array of managedDevice objects, or `{replace, value}`. Property names must exist on
 * `microsoft.graph.managedDevice` (annotations such as `@odata.type` are dropped); missing
 * properties are filled with nulls, or 0 / `0001-01-01T00:00:00Z` where Graph never sends null.
 */
import { z } from 'zod';
import type { IntuneState } from './intune-state';
import { NEVER } from './intune-fleet-seeder';
import {
  MANAGED_DEVICE_PROPERTIES,
  isKnownProperty,
  type ManagedDevice,
} from './managed-device-properties';

const deviceWire = z.looseObject({ id: z.string().min(1) }).superRefine((device, ctx) => {
  for (const key of Object.keys(device)) {
    if (!key.startsWith('@odata.') && !isKnownProperty(key)) {
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: `'${key}' is not a managedDevice property`,
      });
    }
  }
});

export const intuneWireSeedSchema = z.preprocess(
  (body) => (Array.isArray(body) ? { value: body } : body),
  z.object({ replace: z.boolean().default(false), value: z.array(deviceWire) }),
);

export type IntuneWireSeed = z.infer<typeof intuneWireSeedSchema>;

function fallback(name: string): unknown {
  const info = MANAGED_DEVICE_PROPERTIES[name];
  if (!info || info.nullable) return null;
  if (info.kind === 'datetime') return NEVER;
  if (info.kind === 'int64') return 0;
  if (info.kind === 'boolean') return false;
  return name === 'managementState' ? 'managed' : 'unknown';
}

function toDevice(wire: Record<string, unknown> & { id: string }): ManagedDevice {
  const device: ManagedDevice = { id: wire.id };
  for (const name of Object.keys(MANAGED_DEVICE_PROPERTIES)) {
    device[name] = name in wire ? wire[name] : fallback(name);
  }
  return device;
}

export function seedIntuneFromWire(
  state: IntuneState,
  seed: IntuneWireSeed,
): { managedDevices: number } {
  if (seed.replace) state.clearDevices();
  for (const wire of seed.value) state.add(toDevice(wire));
  return { managedDevices: state.devices.size };
}

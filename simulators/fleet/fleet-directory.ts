/**
 * The company directory behind a fleet: every person who owns a device anywhere in the fleet,
 * whichever systems hold that device. A real company's directory (LDAP, Entra ID) provisions
 * every employee into ServiceNow's `sys_user` and into Atlassian accounts, not only the owners
 * of the devices one system happens to hold.
 */
import type { FleetDevice } from './fleet-device';

export interface DirectoryPerson {
  email: string;
  fullName: string;
  department: string | null;
  location: string | null;
}

/** The distinct owners of `devices` (hidden ones too), by case-insensitive e-mail, in fleet order. */
export function fleetDirectory(devices: readonly FleetDevice[]): DirectoryPerson[] {
  const byEmail = new Map<string, DirectoryPerson>();
  for (const device of devices) {
    const email = device.userEmail?.trim();
    if (!email || byEmail.has(email.toLowerCase())) continue;
    byEmail.set(email.toLowerCase(), {
      email,
      fullName: device.userFullName ?? email,
      department: device.department,
      location: device.location,
    });
  }
  return [...byEmail.values()];
}

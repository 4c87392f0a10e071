/**
 * Renders the vendor-neutral fleet into Jamf Pro records: Apple computers into computer
 * inventory, phones and tablets into mobile devices. Re-enrolled devices get older extra records
 * (same serial, lower id, older report date); hidden devices are held but not listed; devices with
 * `nullSections` have their optional sections `null`.
 */
import { factsFor, type FleetDevice } from '../fleet/fleet-device';
import type { Rng } from '../kit/rng';
import { buildComputer, deviceContext } from './jamf-computer-factory';
import { buildMobile } from './jamf-mobile-factory';
import type { JamfState } from './jamf-state';

export { jamfTime } from './jamf-time';

const RE_ENROLMENT_GAP_DAYS = 45;

export interface JamfSeedCounts {
  computers: number;
  mobileDevices: number;
}

type WithOptionalSections = { userAndLocation: unknown; purchasing: unknown; security: unknown };

function blankOptionalSections<T extends WithOptionalSections>(record: T): T {
  return { ...record, userAndLocation: null, purchasing: null, security: null };
}

export function seedJamfFromFleet(
  state: JamfState,
  devices: FleetDevice[],
  rng: Rng,
): JamfSeedCounts {
  const counts: JamfSeedCounts = { computers: 0, mobileDevices: 0 };
  for (const device of devices) {
    if (!device.presence.jamf) continue;
    const facts = factsFor(device, 'jamf');
    const mobile = facts.category === 'mobile' || facts.category === 'tablet';
    for (let age = device.reEnrolments; age >= 0; age--) {
      const context = deviceContext(facts, rng, age * RE_ENROLMENT_GAP_DAYS);
      if (mobile) {
        let record = buildMobile(state, context);
        if (device.nullSections) record = blankOptionalSections(record);
        const stored = state.addMobileDevice(record);
        if (device.hidden) state.hiddenMobileDevices.add(stored.mobileDeviceId);
        counts.mobileDevices += 1;
      } else {
        let record = buildComputer(state, context);
        if (device.nullSections) record = { ...blankOptionalSections(record), storage: null };
        const stored = state.addComputer(record);
        if (device.hidden) state.hiddenComputers.add(stored.id);
        counts.computers += 1;
      }
    }
  }
  return counts;
}

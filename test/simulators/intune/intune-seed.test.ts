import { generateFleet } from '../../../simulators/fleet/fleet-generator';
import { createIntuneSimulator } from '../../../simulators/intune';

test('a generated fleet renders Intune devices deterministically with Graph value habits', () => {
  const fleet = generateFleet({ size: 400, seed: 5 });
  const sim = createIntuneSimulator({ seed: 9 });
  const counts = sim.seedFromFleet(fleet);
  const expected = fleet
    .filter((d) => d.presence.intune)
    .reduce((sum, d) => sum + 1 + d.reEnrolments, 0);
  expect(counts.managedDevices).toBe(expected);
  expect(expected).toBeGreaterThan(0);
  for (const device of sim.state.devices.values()) {
    expect(device.lastSyncDateTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$/);
    expect(device.complianceGracePeriodExpirationDateTime).toBe('9999-12-31T23:59:59.9999999Z');
    expect(typeof device.serialNumber).toBe('string');
  }
  const again = createIntuneSimulator({ seed: 9 });
  again.seedFromFleet(fleet);
  expect([...again.state.devices.values()]).toEqual([...sim.state.devices.values()]);
});

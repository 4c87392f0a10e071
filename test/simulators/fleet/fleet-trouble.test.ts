import type { FleetDevice, FleetSystem } from '../../../simulators/fleet/fleet-device';
import { generateFleet } from '../../../simulators/fleet/fleet-generator';
import { PLACEHOLDER_SERIALS } from '../../../simulators/fleet/fleet-trouble';

const SYSTEMS: FleetSystem[] = ['servicenow', 'jira', 'jamf', 'intune'];
const placeholders = new Set<string>(PLACEHOLDER_SERIALS);

function variantsOf(d: FleetDevice) {
  return SYSTEMS.flatMap((system) => {
    const v = d.variants[system];
    return v ? [{ system, v }] : [];
  });
}

describe('fleet trouble', () => {
  const fleet = generateFleet({ size: 3000, seed: 77, troubleShare: 0.5 });
  const variants = fleet.flatMap((d) => variantsOf(d).map((x) => ({ d, ...x })));

  test('placeholder serials appear in one system while the others keep the real serial', () => {
    const hits = variants.filter(
      ({ v }) => typeof v.serial === 'string' && placeholders.has(v.serial),
    );
    expect(hits.length).toBeGreaterThan(20);
    for (const { d } of hits) expect(placeholders.has(d.serial ?? '')).toBe(false);
    const used = new Set(hits.map(({ v }) => v.serial));
    expect(used.size).toBeGreaterThanOrEqual(5);
    expect(used).toContain('To be filled by O.E.M.');
  });

  test('variants only name systems that hold the device', () => {
    for (const { d, system } of variants) expect(d.presence[system]).toBe(true);
  });

  test('blank serials: empty string or null', () => {
    expect(variants.some(({ v }) => v.serial === '')).toBe(true);
    expect(variants.some(({ v }) => v.serial === null)).toBe(true);
  });

  test('mixed case and stray whitespace around real serials', () => {
    const noisy = variants.filter(
      ({ d, v }) =>
        typeof v.serial === 'string' &&
        v.serial !== d.serial &&
        v.serial.trim().toUpperCase() === d.serial,
    );
    expect(noisy.some(({ v }) => v.serial !== v.serial!.trim())).toBe(true);
    expect(noisy.some(({ v }) => /[a-z]/.test(v.serial!))).toBe(true);
  });

  test('re-enrolments of 1-2, hidden devices and null sections occur', () => {
    const reEnrolled = fleet.filter((d) => d.reEnrolments > 0);
    expect(reEnrolled.length).toBeGreaterThan(20);
    for (const d of reEnrolled) {
      expect([1, 2]).toContain(d.reEnrolments);
      expect(d.presence.jamf || d.presence.intune).toBe(true);
    }
    expect(fleet.some((d) => d.hidden)).toBe(true);
    const nulls = fleet.filter((d) => d.nullSections);
    expect(nulls.length).toBeGreaterThan(0);
    for (const d of nulls) expect(d.presence.jamf || d.presence.intune).toBe(true);
  });

  test('small disagreements: e-mail case, model naming, device name', () => {
    const email = variants.filter(
      ({ d, v }) => v.userEmail !== undefined && v.userEmail !== d.userEmail,
    );
    expect(email.length).toBeGreaterThan(0);
    for (const { d, v } of email) expect(v.userEmail!.toLowerCase()).toBe(d.userEmail);
    expect(variants.some(({ d, v }) => v.model !== undefined && v.model !== d.model)).toBe(true);
    expect(variants.some(({ d, v }) => v.name !== undefined && v.name !== d.name)).toBe(true);
  });

  test('decorated Unicode device names (emoji or accents) occur', () => {
    expect(fleet.some((d) => /\p{Extended_Pictographic}/u.test(d.name))).toBe(true);
    expect(fleet.some((d) => /^(Développement|Équipe)/.test(d.name))).toBe(true);
  });
});

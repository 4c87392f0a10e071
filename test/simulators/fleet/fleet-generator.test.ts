import { factsFor, type FleetDevice } from '../../../simulators/fleet/fleet-device';
import { generateFleet } from '../../../simulators/fleet/fleet-generator';
import { isValidImei } from '../../../simulators/fleet/fleet-identifiers';
import { PLACEHOLDER_SERIALS } from '../../../simulators/fleet/fleet-trouble';

const END_USER = new Set(['laptop', 'desktop', 'mobile', 'tablet']);
const share = (devices: FleetDevice[], test: (d: FleetDevice) => boolean): number =>
  devices.filter(test).length / devices.length;

describe('generateFleet', () => {
  const fleet = generateFleet({ size: 4000, seed: 11 });

  test('is deterministic for a seed, differs for another seed, and grows by prefix', () => {
    expect(generateFleet({ size: 300, seed: 11 })).toEqual(fleet.slice(0, 300));
    const other = generateFleet({ size: 300, seed: 12 });
    expect(other.map((d) => d.serial)).not.toEqual(fleet.slice(0, 300).map((d) => d.serial));
  });

  test('keys, serials, MACs and IMEIs are unique; keys are dev-NNNNNN', () => {
    const unique = <T>(values: T[]) => new Set(values).size === values.length;
    expect(fleet[0]!.key).toBe('dev-000001');
    expect(unique(fleet.map((d) => d.key))).toBe(true);
    expect(unique(fleet.map((d) => d.serial))).toBe(true);
    expect(unique(fleet.flatMap((d) => [d.macAddress, d.altMacAddress]).filter(Boolean))).toBe(
      true,
    );
    expect(unique(fleet.map((d) => d.imei).filter(Boolean))).toBe(true);
  });

  test('phones carry 15-digit IMEIs with a valid Luhn check digit; computers carry none', () => {
    const phones = fleet.filter((d) => d.category === 'mobile');
    expect(phones.length).toBeGreaterThan(400);
    for (const phone of phones) expect(isValidImei(phone.imei ?? '')).toBe(true);
    for (const d of fleet.filter((x) => x.category === 'laptop' || x.category === 'server')) {
      expect(d.imei).toBeNull();
    }
  });

  test('serials follow each manufacturer format', () => {
    const formats: [string, RegExp][] = [
      ['Apple', /^[0-9A-HJ-NP-Z]{10,12}$/],
      ['Dell Inc.', /^[0-9B-DF-HJ-NP-TV-Z]{7}$/],
      ['LENOVO', /^PF[0-9A-Z]{6}$/],
      ['HP', /^(5CG|CND|MXL|VNB|PHB)\d{4}[0-9A-Z]{3}$/],
      ['Cisco', /^(FOC|FCW|FDO|KWC)\d{4}[0-9A-Z]{4}$/],
      ['Microsoft Corporation', /^\d{12}$/],
      ['samsung', /^R[0-9A-Z]{10}$/],
    ];
    for (const [manufacturer, format] of formats) {
      const devices = fleet.filter((d) => d.manufacturer === manufacturer);
      expect(devices.length).toBeGreaterThan(0);
      for (const d of devices) expect(d.serial).toMatch(format);
    }
  });

  test('MACs are upper-case colon-separated; UDIDs have the Apple or UUID shape', () => {
    for (const d of fleet) {
      if (d.macAddress) expect(d.macAddress).toMatch(/^([0-9A-F]{2}:){5}[0-9A-F]{2}$/);
      if (d.udid) {
        expect(d.udid).toMatch(
          /^([0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}|0000\d{4}-[0-9A-F]{16})$/,
        );
      }
    }
    const iphone = fleet.find((d) => d.model.startsWith('iPhone'));
    expect(iphone?.udid).toMatch(/^0000\d{4}-[0-9A-F]{16}$/);
  });

  test('presence: Apple in Jamf, Windows and Android in Intune, some Apple mobile in both, infrastructure only in ServiceNow/Jira', () => {
    for (const d of fleet) {
      expect(Object.values(d.presence).some(Boolean)).toBe(true);
      if (!END_USER.has(d.category)) {
        expect(d.presence.jamf || d.presence.intune).toBe(false);
        expect(d.presence.servicenow).toBe(true);
        continue;
      }
      expect(d.presence.jamf).toBe(d.platform === 'apple');
      if (d.platform !== 'apple') expect(d.presence.intune).toBe(true);
    }
    const appleMobile = fleet.filter((d) => d.platform === 'apple' && d.category === 'mobile');
    const both = share(appleMobile, (d) => d.presence.intune);
    expect(both).toBeGreaterThan(0.05);
    expect(both).toBeLessThan(0.3);
  });

  test('cmdbShare and jsmShare are honoured roughly, with defaults 0.6 and 0.4', () => {
    const endUser = fleet.filter((d) => END_USER.has(d.category));
    expect(share(endUser, (d) => d.presence.servicenow)).toBeCloseTo(0.6, 1);
    expect(share(fleet, (d) => d.presence.jira)).toBeCloseTo(0.4, 1);
    const custom = generateFleet({ size: 3000, seed: 3, cmdbShare: 0.2, jsmShare: 0.9 });
    const customEndUser = custom.filter((d) => END_USER.has(d.category));
    expect(share(customEndUser, (d) => d.presence.servicenow)).toBeCloseTo(0.2, 1);
    expect(share(custom, (d) => d.presence.jira)).toBeCloseTo(0.9, 1);
  });

  test('a realistic mix of categories, makes and people', () => {
    const categories = new Set(fleet.map((d) => d.category));
    expect([...categories].sort()).toEqual([
      'desktop',
      'laptop',
      'mobile',
      'network',
      'peripheral',
      'printer',
      'server',
      'tablet',
    ]);
    const models = new Set(fleet.map((d) => d.model));
    for (const model of [
      'iPhone 14',
      'Latitude 5440',
      'PowerEdge R750',
      'C9300-48P',
      'HP LaserJet Pro M404dn',
    ]) {
      expect(models).toContain(model);
    }
    const withUser = fleet.filter((d) => d.userEmail !== null);
    expect(share(fleet, (d) => d.userEmail !== null)).toBeGreaterThan(0.6);
    for (const d of withUser) expect(d.userEmail).toMatch(/^[a-z0-9.]+@corp\.example\.com$/);
    expect(new Set(fleet.map((d) => d.department)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(fleet.map((d) => d.location)).size).toBeGreaterThanOrEqual(5);
  });

  test('dates are consistent: purchase < warranty end, enrolment after purchase, last seen before asOf', () => {
    const asOf = Date.parse('2026-12-01T00:00:00Z');
    const bad = fleet.filter(
      (d) =>
        !(d.purchaseDate! < d.warrantyEnd!) ||
        Date.parse(d.enrolledAt) < Date.parse(d.purchaseDate!) ||
        Date.parse(d.lastSeenAt) < Date.parse(d.enrolledAt) ||
        Date.parse(d.lastSeenAt) > asOf,
    );
    expect(bad.map((d) => d.key)).toEqual([]);
  });

  test('Unicode user and device names occur (accents, curly apostrophe, CJK or Hangul)', () => {
    const names = fleet.flatMap((d) => [d.name, d.userFullName ?? '']);
    expect(names.some((n) => /’/.test(n))).toBe(true);
    expect(names.some((n) => /[\u00C0-\u017F]/.test(n))).toBe(true);
    expect(names.some((n) => /[\u3040-\u30FF\u4E00-\u9FFF\uAC00-\uD7AF]/.test(n))).toBe(true);
  });

  test('troubleShare 0 gives clean devices', () => {
    const clean = generateFleet({ size: 2000, seed: 5, troubleShare: 0 });
    for (const d of clean) {
      expect(d.variants).toEqual({});
      expect(d.hidden || d.nullSections || d.reEnrolments > 0).toBe(false);
      expect(PLACEHOLDER_SERIALS as readonly string[]).not.toContain(d.serial);
    }
  });

  test('the trouble share is roughly as asked', () => {
    const troubled = (d: FleetDevice) =>
      Object.keys(d.variants).length > 0 ||
      d.hidden ||
      d.nullSections ||
      d.reEnrolments > 0 ||
      /^[^\x20-\x7E]|^(Développement|Équipe|テスト)/.test(d.name);
    const some = generateFleet({ size: 4000, seed: 8, troubleShare: 0.25 });
    expect(share(some, troubled)).toBeGreaterThan(0.18);
    expect(share(some, troubled)).toBeLessThan(0.3);
  });

  test('factsFor applies the per-system variant', () => {
    const d = generateFleet({ size: 3000, seed: 2, troubleShare: 1 }).find(
      (x) => x.variants.jamf?.serial !== undefined,
    );
    expect(d).toBeDefined();
    expect(factsFor(d!, 'jamf').serial).toBe(d!.variants.jamf!.serial);
    expect(factsFor(d!, 'jamf').name).toBe(d!.variants.jamf!.name ?? d!.name);
  });

  test('bad options are rejected with the option named', () => {
    expect(() => generateFleet({ size: -1, seed: 1 })).toThrow(/size must be an integer/);
    expect(() => generateFleet({ size: 1, seed: 1, cmdbShare: 2 })).toThrow(
      /cmdbShare must be in \[0, 1\]/,
    );
    expect(() => generateFleet({ size: 1, seed: 1, asOf: 'yesterday' })).toThrow(
      /asOf "yesterday"/,
    );
  });
});

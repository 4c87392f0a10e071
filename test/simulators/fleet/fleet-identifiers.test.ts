import fc from 'fast-check';
import { Rng } from '../../../simulators/kit/rng';
import {
  IdentifierFactory,
  isValidImei,
  luhnCheckDigit,
} from '../../../simulators/fleet/fleet-identifiers';

describe('fleet identifiers', () => {
  test('luhnCheckDigit matches known IMEIs', () => {
    expect(luhnCheckDigit('49015420323751')).toBe(8);
    expect(isValidImei('490154203237518')).toBe(true);
    expect(isValidImei('490154203237517')).toBe(false);
    expect(isValidImei('49015420323751')).toBe(false);
  });

  test('any single-digit change breaks the IMEI check', () => {
    const ids = new IdentifierFactory(new Rng(4));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 13 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
        const imei = ids.imei('35328911');
        const changed = (Number(imei[pos]) + delta) % 10;
        const broken = `${imei.slice(0, pos)}${changed}${imei.slice(pos + 1)}`;
        return isValidImei(imei) && !isValidImei(broken);
      }),
    );
  });

  test('mac() is unique per index and interface', () => {
    const ids = new IdentifierFactory(new Rng(1));
    const macs = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      macs.add(ids.mac('3C:22:FB', i));
      macs.add(ids.mac('3C:22:FB', i, true));
    }
    expect(macs.size).toBe(40_000);
  });

  test('serials are unique even for short formats', () => {
    const ids = new IdentifierFactory(new Rng(1));
    const serials = new Set<string>();
    for (let i = 0; i < 20_000; i++) serials.add(ids.serial('dell'));
    expect(serials.size).toBe(20_000);
  });
});

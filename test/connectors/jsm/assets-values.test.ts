import {
  desiredWire,
  heldWire,
  sameWire,
  type ValueLookups,
} from '../../../connectors/jsm/assets-values';
import type { AttributeDefWire } from '../../../connectors/jsm/assets-wire';

const def = (over: Partial<AttributeDefWire>): AttributeDefWire =>
  ({
    id: '1',
    name: 'A',
    type: 0,
    defaultType: { id: 0 },
    maximumCardinality: 1,
    ...over,
  }) as AttributeDefWire;

const lookups: ValueLookups = {
  statusId: async (name) => ({ 'in use': '2', retired: '4' })[name.toLowerCase()] ?? null,
  referenceId: async (_def, label) => (label.toLowerCase() === 'berlin hq' ? '77' : null),
  accountIdOf: async (email) => (email === 'a@example.com' ? 'acc-1' : null),
};

describe('Assets typed values', () => {
  test('each attribute type is sent in its wire form', async () => {
    expect(await desiredWire(def({ defaultType: { id: 1 } }), 16384, lookups)).toEqual(['16384']);
    expect(await desiredWire(def({ defaultType: { id: 4 } }), '2024-01-15', lookups)).toEqual([
      '2024-01-15',
    ]);
    expect(await desiredWire(def({ type: 7 }), 'In Use', lookups)).toEqual(['2']);
    expect(
      await desiredWire(def({ type: 1, referenceObjectTypeId: '10' }), 'Berlin HQ', lookups),
    ).toEqual(['77']);
    expect(await desiredWire(def({ type: 2 }), 'a@example.com', lookups)).toEqual(['acc-1']);
    const select = def({ defaultType: { id: 10 }, options: 'IT,Finance' });
    expect(await desiredWire(select, 'finance', lookups)).toEqual(['Finance']);
    const multi = def({ maximumCardinality: -1 });
    expect(await desiredWire(multi, 'B,A', lookups)).toEqual(['A', 'B']);
    expect(await desiredWire(def({}), null, lookups)).toEqual([]);
  });

  test('values Assets cannot take are refused naming the attribute', async () => {
    await expect(
      desiredWire(def({ name: 'RAM', defaultType: { id: 1 } }), '16 GB', lookups),
    ).rejects.toThrow(/RAM: '16 GB' is not a valid integer/);
    await expect(
      desiredWire(def({ type: 2, name: 'Owner' }), 'x@example.com', lookups),
    ).rejects.toMatchObject({
      code: 'RECORD_INVALID',
    });
    const select = def({ name: 'Department', defaultType: { id: 10 }, options: 'IT' });
    await expect(desiredWire(select, 'Space', lookups)).rejects.toThrow(
      /not one of its options \(IT\)/,
    );
  });

  test('held values compare in their typed form', async () => {
    const status = def({ type: 7 });
    const held = heldWire(status, [
      { status: { id: '2', name: 'In Use' }, displayValue: 'In Use' },
    ]);
    expect(sameWire(held, await desiredWire(status, 'in use', lookups))).toBe(true);
    expect(sameWire(held, await desiredWire(status, 'Retired', lookups))).toBe(false);
    const ref = def({ type: 1, referenceObjectTypeId: '10' });
    const heldRef = heldWire(ref, [{ referencedObject: { id: '77', label: 'Berlin HQ' } }]);
    expect(sameWire(heldRef, await desiredWire(ref, 'BERLIN HQ', lookups))).toBe(true);
    const int = def({ defaultType: { id: 1 } });
    expect(sameWire(heldWire(int, [{ value: '016' }]), await desiredWire(int, 16, lookups))).toBe(
      true,
    );
  });
});

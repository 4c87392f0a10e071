import { z } from 'zod';
import { salvage } from '../../../core/mapping/salvage';

const Item = z.strictObject({ name: z.string().min(1), size: z.number().max(10).optional() });
const Doc = z.strictObject({
  version: z.literal(1),
  items: z.array(Item).default([]),
  mode: z.enum(['a', 'b']).default('a'),
  inner: z.strictObject({ when: z.string(), zone: z.string().optional() }).optional(),
});

describe('salvage', () => {
  test('a valid value comes back parsed, defaults applied', () => {
    expect(salvage(Doc, { version: 1 })).toEqual({ version: 1, items: [], mode: 'a' });
  });

  test('keeps every part that fits: keys, list items by index, nested objects key by key', () => {
    const data = {
      version: 2,
      extra: true,
      items: [{ name: 'x' }, { name: '' }, 'nope', { name: 'y', size: 99, more: 1 }],
      inner: { when: 'now', zone: 3, other: 1 },
    };
    expect(salvage(Doc, data)).toEqual({
      mode: 'a',
      items: [{ name: 'x' }, {}, undefined, { name: 'y' }],
      inner: { when: 'now' },
    });
  });

  test('a value of the wrong shape altogether is undefined', () => {
    expect(salvage(Doc, 'text')).toBeUndefined();
    expect(salvage(Doc, [1])).toBeUndefined();
    expect(salvage(Doc, { items: 'x' })).toEqual({ mode: 'a' });
  });
});

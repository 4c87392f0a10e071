import type { IreItem } from './ire-payload';
import { toStoredString } from './record-input';

/** What the Hardware Rule would identify an item by: its serial number, else its name. */
function identityKey(item: IreItem): string | null {
  const serial = toStoredString(item.values.serial_number).trim();
  if (serial) return `serial_number|${serial}`;
  const name = toStoredString(item.values.name).trim();
  return name ? `name|${name}` : null;
}

/** Groups of payload indexes (two or more) that describe the same CI. */
export function duplicateGroups(items: IreItem[]): number[][] {
  const byKey = new Map<string, number[]>();
  items.forEach((item, index) => {
    const key = identityKey(item);
    if (!key) return;
    const group = byKey.get(key);
    if (group) group.push(index);
    else byKey.set(key, [index]);
  });
  return [...byKey.values()].filter((g) => g.length > 1);
}

/** The enhanced API's de-duplication: later items' values win over earlier ones. */
export function mergeGroup(items: IreItem[], group: number[]): IreItem {
  const first = items[group[0]];
  const values = Object.assign({}, ...group.map((i) => items[i].values)) as IreItem['values'];
  const lookup = group.flatMap((i) => items[i].lookup ?? []);
  return { ...first, values, lookup: lookup.length > 0 ? lookup : first.lookup };
}

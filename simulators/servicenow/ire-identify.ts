import type { RecordStore, SnRecord } from './record-store';
import { toStoredString } from './record-input';
import type { AttemptResult, IdentificationAttempt, IreSubItem } from './ire-payload';

/** sys_ids of the "Hardware Rule" identifier entries (the name entry's id is the docs sample's). */
export const HARDWARE_ENTRY_IDS = {
  serialLookup: '2d6e7250c3400200d8d4bea192d3ae8f',
  serial: '4a6eb250c3400200d8d4bea192d3ae90',
  name: '556eb250c3400200d8d4bea192d3ae92',
  macLookup: '9e6eb250c3400200d8d4bea192d3ae94',
} as const;

export interface Identification {
  attempts: IdentificationAttempt[];
  match?: SnRecord;
  /** The identifier entry that matched. */
  entryId?: string;
  multiMatch?: { table: string; attributes: string[] };
  /** Every rule entry was skipped for lack of attributes. */
  allSkipped: boolean;
}

interface RuleEntry {
  id: string;
  attributes: string[];
  table: string;
  /** Candidate CIs, or null when the needed attributes are absent (SKIPPED). */
  search(values: Record<string, string>, lookup: IreSubItem[]): SnRecord[] | null;
}

function lookupValues(lookup: IreSubItem[], className: string): Record<string, string> | null {
  const item = lookup.find((l) => l.className === className);
  if (!item) return null;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(item.values)) out[k] = toStoredString(v);
  return out;
}

function distinctCis(store: RecordStore, ids: string[]): SnRecord[] {
  const out = new Map<string, SnRecord>();
  for (const id of ids) {
    const ci = id ? store.get('cmdb_ci_hardware', id) : undefined;
    if (ci) out.set(ci.sys_id, ci);
  }
  return [...out.values()];
}

function lookupEntry(
  store: RecordStore,
  id: string,
  table: 'cmdb_serial_number' | 'cmdb_ci_network_adapter',
  attributes: [string, string],
): RuleEntry {
  const [key, second] = attributes;
  return {
    id,
    attributes,
    table,
    search: (_values, lookup) => {
      const wanted = lookupValues(lookup, table);
      if (!wanted?.[key] || !wanted[second]) return null;
      const rows = store
        .findBy(table, key, wanted[key])
        .filter((r) => r[second] === wanted[second]);
      return distinctCis(
        store,
        rows.map((r) => r.cmdb_ci),
      );
    },
  };
}

function attributeEntry(store: RecordStore, id: string, field: string): RuleEntry {
  return {
    id,
    attributes: [field],
    table: 'cmdb_ci_hardware',
    search: (values) =>
      values[field] ? store.findBy('cmdb_ci_hardware', field, values[field]) : null,
  };
}

function hardwareRule(store: RecordStore): RuleEntry[] {
  return [
    lookupEntry(store, HARDWARE_ENTRY_IDS.serialLookup, 'cmdb_serial_number', [
      'serial_number',
      'serial_number_type',
    ]),
    attributeEntry(store, HARDWARE_ENTRY_IDS.serial, 'serial_number'),
    attributeEntry(store, HARDWARE_ENTRY_IDS.name, 'name'),
    lookupEntry(store, HARDWARE_ENTRY_IDS.macLookup, 'cmdb_ci_network_adapter', [
      'mac_address',
      'name',
    ]),
  ];
}

/**
 * The "Hardware Rule": serial-number lookup, serial_number, name, then network adapter
 * (mac_address, name), searched across the whole hardware hierarchy. Attempts are listed in order
 * and stop at the first MATCHED or MULTI_MATCH.
 */
export function identifyHardware(
  store: RecordStore,
  values: Record<string, string>,
  lookup: IreSubItem[],
): Identification {
  const attempts: IdentificationAttempt[] = [];
  let allSkipped = true;
  for (const entry of hardwareRule(store)) {
    const found = entry.search(values, lookup);
    let result: AttemptResult = 'SKIPPED';
    if (found) {
      allSkipped = false;
      result = found.length === 0 ? 'NO_MATCH' : found.length === 1 ? 'MATCHED' : 'MULTI_MATCH';
    }
    attempts.push({
      identifierName: 'Hardware Rule',
      attemptResult: result,
      attributes: entry.attributes,
      searchOnTable: entry.table,
      hybridEntryCiAttributes: [],
    });
    if (result === 'MATCHED' && found) {
      return { attempts, match: found[0], entryId: entry.id, allSkipped: false };
    }
    if (result === 'MULTI_MATCH') {
      return {
        attempts,
        multiMatch: { table: entry.table, attributes: entry.attributes },
        allSkipped: false,
      };
    }
  }
  return { attempts, allSkipped };
}

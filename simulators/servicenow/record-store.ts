import type { Rng } from '../kit/rng';
import { TableSchema, type TableInfo } from './table-schema';

/** A stored record: every value a string, as the platform returns it; references are sys_ids. */
export type SnRecord = Record<string, string>;

/** Formats a date as a glide_date_time string (`YYYY-MM-DD HH:mm:ss`, UTC). */
export function glideDateTime(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/** Fields with a value index per hierarchy root (used by the IRE and by `sys_object_source`). */
const INDEXED: Record<string, string[]> = {
  cmdb_ci: ['serial_number', 'name', 'mac_address', 'cmdb_ci'],
  cmdb_serial_number: ['serial_number'],
  sys_object_source: ['id'],
  alm_asset: ['ci', 'asset_tag'],
  sys_choice: ['element'],
  sys_user: ['user_name', 'email'],
  core_company: ['name'],
  cmn_location: ['name'],
  cmn_department: ['name'],
  cmdb_model: ['name'],
  cmdb_rel_type: ['name'],
  cmdb_rel_ci: ['parent'],
};

export interface UpdateOutcome {
  record: SnRecord;
  /** Fields whose stored value changed; empty means nothing was written. */
  changed: string[];
  before: SnRecord;
}

/**
 * The tables: one insertion-ordered Map per hierarchy root (so a GET on `cmdb_ci` sees every
 * child class), value indexes for identification lookups, and a version counter that changes on
 * every write (query result caches key on it).
 */
export class RecordStore {
  readonly schema: TableSchema;
  private readonly stores = new Map<string, Map<string, SnRecord>>();
  private readonly indexes = new Map<string, Map<string, Set<string>>>();
  /** Insertion position of each record, so that index look-ups keep the order of a scan. */
  private readonly positions = new Map<string, number>();
  private positionCounter = 0;
  private readonly numbers = new Map<string, number>();
  private versionCounter = 0;

  constructor(
    private readonly rng: Rng,
    private readonly clock: () => Date,
    schema = new TableSchema(),
  ) {
    this.schema = schema;
  }

  get version(): number {
    return this.versionCounter;
  }

  private lastNow = { ms: Number.NaN, text: '' };

  now(): string {
    const date = this.clock();
    if (date.getTime() !== this.lastNow.ms) {
      this.lastNow = { ms: date.getTime(), text: glideDateTime(date) };
    }
    return this.lastNow.text;
  }

  newSysId(): string {
    return this.rng.hex(32);
  }

  clear(): void {
    this.stores.clear();
    this.indexes.clear();
    this.positions.clear();
    this.numbers.clear();
    this.versionCounter++;
  }

  private store(root: string): Map<string, SnRecord> {
    let s = this.stores.get(root);
    if (!s) {
      s = new Map();
      this.stores.set(root, s);
    }
    return s;
  }

  private info(table: string): TableInfo {
    const info = this.schema.get(table);
    if (!info) throw new Error(`unknown table ${table}`);
    return info;
  }

  /** The record, if it exists and its class is `table` or extends it. */
  get(table: string, sysId: string): SnRecord | undefined {
    const info = this.schema.get(table);
    if (!info) return undefined;
    const record = this.stores.get(info.root)?.get(sysId);
    return record && info.family.has(record.sys_class_name) ? record : undefined;
  }

  /** All records of `table` and its child classes, in insertion order. */
  *scan(table: string): IterableIterator<SnRecord> {
    const info = this.info(table);
    const store = this.stores.get(info.root);
    if (!store) return;
    const all = info.family.size === this.schema.get(info.root)?.family.size;
    for (const record of store.values()) {
      if (all || info.family.has(record.sys_class_name)) yield record;
    }
  }

  count(table: string): number {
    let n = 0;
    for (const _ of this.scan(table)) n++;
    return n;
  }

  /**
   * Records of `table` whose `field` equals `value` exactly, in insertion order (as `scan` gives
   * them), found through the field's index; null when the field has no index.
   */
  indexedEquals(table: string, field: string, values: readonly string[]): SnRecord[] | null {
    const info = this.info(table);
    if (field !== 'sys_id' && !INDEXED[info.root]?.includes(field)) return null;
    const ids = new Set<string>();
    for (const value of values) {
      if (field === 'sys_id') ids.add(value);
      for (const id of field === 'sys_id'
        ? []
        : (this.indexes.get(`${info.root}.${field}`)?.get(value) ?? [])) {
        ids.add(id);
      }
    }
    const out: SnRecord[] = [];
    for (const id of ids) {
      const r = this.get(table, id);
      if (r) out.push(r);
    }
    const position = (r: SnRecord) => this.positions.get(r.sys_id) ?? 0;
    return out.sort((a, b) => position(a) - position(b));
  }

  /** Records of `table` whose indexed `field` equals `value`. */
  findBy(table: string, field: string, value: string): SnRecord[] {
    const info = this.info(table);
    const ids = this.indexes.get(`${info.root}.${field}`)?.get(value);
    if (!ids) {
      if (INDEXED[info.root]?.includes(field)) return [];
      return [...this.scan(table)].filter((r) => r[field] === value);
    }
    const out: SnRecord[] = [];
    for (const id of ids) {
      const r = this.get(table, id);
      if (r) out.push(r);
    }
    return out;
  }

  private index(root: string, record: SnRecord, add: boolean): void {
    for (const field of INDEXED[root] ?? []) {
      const value = record[field];
      if (!value) continue;
      const key = `${root}.${field}`;
      let idx = this.indexes.get(key);
      if (!idx) {
        idx = new Map();
        this.indexes.set(key, idx);
      }
      let ids = idx.get(value);
      if (add) {
        if (!ids) idx.set(value, (ids = new Set()));
        ids.add(record.sys_id);
      } else if (ids) {
        ids.delete(record.sys_id);
        if (ids.size === 0) idx.delete(value);
      }
    }
  }

  /** Inserts with defaults and system fields. `values` must already be column-filtered strings. */
  insert(table: string, values: SnRecord, user: string): SnRecord {
    const info = this.info(table);
    const now = this.now();
    const sysId = values.sys_id && /^[0-9a-f]{32}$/.test(values.sys_id) ? values.sys_id : '';
    const record: SnRecord = {};
    for (const key in info.defaults) record[key] = info.defaults[key];
    for (const key in values) if (info.columns.has(key)) record[key] = values[key];
    record.sys_id = sysId || this.newSysId();
    record.sys_class_name = table;
    if (info.columns.has('sys_class_path')) record.sys_class_path = info.sysClassPath;
    record.sys_created_on = values.sys_created_on || now;
    record.sys_updated_on = values.sys_updated_on || record.sys_created_on;
    record.sys_created_by = values.sys_created_by || user;
    record.sys_updated_by = values.sys_updated_by || user;
    record.sys_mod_count = values.sys_mod_count || '0';
    if (info.numberPrefix && info.columns.has('number') && !record.number) {
      record.number = this.nextNumber(info.numberPrefix);
    }
    if (!info.columns.has('sys_updated_on')) this.dropNonColumns(info, record);
    const store = this.store(info.root);
    const existing = store.get(record.sys_id);
    if (existing) this.index(info.root, existing, false);
    else this.positions.set(record.sys_id, ++this.positionCounter);
    store.set(record.sys_id, record);
    this.index(info.root, record, true);
    this.versionCounter++;
    return record;
  }

  /** Tables without the full set of system columns (sys_journal_field). */
  private dropNonColumns(info: TableInfo, record: SnRecord): void {
    for (const key of Object.keys(record)) {
      if (!info.columns.has(key)) delete record[key];
    }
  }

  private nextNumber(prefix: string): string {
    const n = (this.numbers.get(prefix) ?? 10000) + 1;
    this.numbers.set(prefix, n);
    return `${prefix}${String(n).padStart(7, '0')}`;
  }

  /** Applies changed values only; bumps sys_mod_count/sys_updated_on when something changed. */
  update(table: string, sysId: string, values: SnRecord, user: string): UpdateOutcome | null {
    const record = this.get(table, sysId);
    if (!record) return null;
    const info = this.info(record.sys_class_name);
    const before = { ...record };
    const changed = Object.keys(values).filter(
      (k) => (record[k] ?? '') !== values[k] && this.isWritable(values.sys_class_name, k),
    );
    if (changed.length === 0) return { record, changed, before };
    this.index(info.root, record, false);
    for (const k of changed) record[k] = values[k];
    this.retarget(record);
    record.sys_mod_count = String(Number(record.sys_mod_count || '0') + 1);
    record.sys_updated_on = this.now();
    record.sys_updated_by = user;
    this.index(info.root, record, true);
    this.versionCounter++;
    return { record, changed, before };
  }

  /** Counts an update that changed no column (a journal entry): mod count and time move. */
  touch(table: string, sysId: string, user: string): SnRecord | null {
    const record = this.get(table, sysId);
    if (!record) return null;
    record.sys_mod_count = String(Number(record.sys_mod_count || '0') + 1);
    record.sys_updated_on = this.now();
    record.sys_updated_by = user;
    this.versionCounter++;
    return record;
  }

  private isWritable(newClass: string | undefined, field: string): boolean {
    if (field === 'sys_class_name') return newClass !== undefined && this.schema.has(newClass);
    return !field.startsWith('sys_') || field === 'sys_domain' || field === 'sys_tags';
  }

  /** After a class change: fix the class path and drop columns the new class does not have. */
  private retarget(record: SnRecord): void {
    const info = this.info(record.sys_class_name);
    if (info.columns.has('sys_class_path')) record.sys_class_path = info.sysClassPath;
  }

  delete(table: string, sysId: string): SnRecord | null {
    const record = this.get(table, sysId);
    if (!record) return null;
    const info = this.info(table);
    this.index(info.root, record, false);
    this.stores.get(info.root)?.delete(sysId);
    this.positions.delete(sysId);
    this.versionCounter++;
    return record;
  }
}

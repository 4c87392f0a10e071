import type { IreRunOptions } from './ire-engine';
import type { IreInfo, IreItem, IreItemResult, IreRelatedItem, IreSubItem } from './ire-payload';
import { toStoredString } from './record-input';
import type { SnRecord } from './record-store';
import type { ServiceNowState } from './servicenow-state';

export interface Reclassification {
  /** UPDATE_WITH_UPGRADE / _DOWNGRADE / _SWITCH, or undefined when the class stays. */
  operation?: string;
  newClass?: string;
  info?: IreInfo;
}

/** Fields the IRE maintains itself; a payload value for them is not a "change". */
const IRE_MANAGED = new Set(['discovery_source', 'last_discovered', 'first_discovered']);

/** The writes of an IRE run: CIs, `sys_object_source` rows, serial numbers, network adapters. */
export class IreCommitter {
  constructor(private readonly state: ServiceNowState) {}

  private writable(className: string, values: Record<string, string>): Record<string, string> {
    const { values: kept } = this.state.service.input(className, values, false);
    for (const field of IRE_MANAGED) delete kept[field];
    return kept;
  }

  insert(
    item: IreItem,
    values: Record<string, string>,
    source: string,
    opts: IreRunOptions,
  ): SnRecord {
    const now = this.state.store.now();
    const body = {
      ...this.writable(item.className, values),
      discovery_source: source,
      first_discovered: now,
      last_discovered: now,
    };
    const ci = this.state.service.insert(item.className, body, { user: opts.user, fire: true });
    this.recordSource(item, ci, source, opts);
    return ci;
  }

  reclassification(item: IreItem, ci: SnRecord): Reclassification {
    const schema = this.state.store.schema;
    const from = ci.sys_class_name;
    const to = item.className;
    if (from === to) return {};
    const s = item.settings ?? {};
    const [operation, blocked, code] = schema.isA(to, from)
      ? (['UPDATE_WITH_UPGRADE', s.updateWithoutUpgrade, 'SKIPPED_CLASS_UPGRADE'] as const)
      : schema.isA(from, to)
        ? (['UPDATE_WITH_DOWNGRADE', s.updateWithoutDowngrade, 'SKIPPED_CLASS_DOWNGRADE'] as const)
        : (['UPDATE_WITH_SWITCH', s.updateWithoutSwitch, 'SKIPPED_CLASS_SWITCH'] as const);
    if (blocked) {
      const message = `Reclassification from [${from}] to [${to}] skipped by payload settings`;
      return { info: { code, message, ruleSysId: '' } };
    }
    return { operation, newClass: to };
  }

  /** Writes changed values; returns false (and writes nothing) when nothing differs. */
  update(
    item: IreItem,
    values: Record<string, string>,
    ci: SnRecord,
    change: Reclassification,
    source: string,
    opts: IreRunOptions,
  ): boolean {
    const targetClass = change.newClass ?? ci.sys_class_name;
    const kept = this.writable(targetClass, values);
    const differs = Object.keys(kept).some((k) => (ci[k] ?? '') !== kept[k]);
    if (!opts.commit) return differs;
    const store = this.state.store;
    if (change.newClass)
      store.update('cmdb_ci', ci.sys_id, { sys_class_name: change.newClass }, opts.user);
    if (differs) {
      const body = { ...kept, discovery_source: source, last_discovered: store.now() };
      this.state.service.update('cmdb_ci', ci.sys_id, body, { user: opts.user, fire: true });
    }
    this.recordSource(item, ci, source, opts);
    return differs;
  }

  private recordSource(item: IreItem, ci: SnRecord, source: string, opts: IreRunOptions): void {
    const info = item.sys_object_source_info;
    const key = info?.source_native_key;
    if (!key || !opts.commit) return;
    const store = this.state.store;
    const existing = store.findBy('sys_object_source', 'id', key).find((r) => r.name === source);
    const scan = info.source_recency_timestamp || store.now();
    if (!existing) {
      const row = {
        name: source,
        id: key,
        target_table: ci.sys_class_name,
        target_sys_id: ci.sys_id,
        last_scan: scan,
        source_feed: info.source_feed ?? '',
      };
      store.insert('sys_object_source', row, opts.user);
    } else if (scan > (existing.last_scan ?? '')) {
      store.update('sys_object_source', existing.sys_id, { last_scan: scan }, opts.user);
    }
  }

  /** Lookup items: serial numbers and network adapters of the CI, created when missing. */
  lookups(item: IreItem, result: IreItemResult, opts: IreRunOptions): void {
    const lookup = item.lookup ?? [];
    if (lookup.length === 0) return;
    const mainIndex = result.inputIndices[0] ?? 0;
    const related: IreRelatedItem[] = [];
    const sysIds: (string | null)[] = [];
    lookup.forEach((sub, subIndex) => {
      const row = result.sysId !== 'Unknown' ? this.lookupRow(sub, result.sysId, opts) : null;
      sysIds.push(row?.record.sys_id ?? null);
      const entry: IreRelatedItem = {
        className: sub.className,
        inputIndices: [{ mainIndex, subIndex }],
        markers: [],
        mergedPayloadIds: [],
      };
      if (opts.enhanced && row) {
        entry.sysId = row.record.sys_id;
        entry.operation = row.operation;
      }
      related.push(entry);
    });
    result.relatedSysIds = sysIds;
    result.relatedItems = related;
    result.additionalRelatedItems = [];
  }

  private lookupRow(
    sub: IreSubItem,
    ciSysId: string,
    opts: IreRunOptions,
  ): { record: SnRecord; operation: string } | null {
    const schema = this.state.store.schema;
    if (!opts.commit || !schema.has(sub.className)) return null;
    const values: Record<string, string> = {};
    for (const [k, v] of Object.entries(sub.values)) values[k] = toStoredString(v);
    const key = sub.className === 'cmdb_serial_number' ? 'serial_number' : 'mac_address';
    const existing = this.state.store
      .findBy(sub.className, key, values[key] ?? '')
      .find((r) => r.cmdb_ci === ciSysId && (r.name ?? '') === (values.name ?? r.name ?? ''));
    const body = { ...values, cmdb_ci: ciSysId };
    const write = { user: opts.user, fire: false };
    if (existing) {
      const outcome = this.state.service.update(sub.className, existing.sys_id, body, write);
      const changed = (outcome?.changed.length ?? 0) > 0;
      return { record: existing, operation: changed ? 'UPDATE' : 'NO_CHANGE' };
    }
    return { record: this.state.service.insert(sub.className, body, write), operation: 'INSERT' };
  }
}

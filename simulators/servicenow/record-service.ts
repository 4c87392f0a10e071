import type { OutboundEmitter } from './outbound-events';
import { TICKET_TABLES } from './outbound-events';
import { readRecordInput, type RecordInput } from './record-input';
import type { RecordStore, SnRecord, UpdateOutcome } from './record-store';

/** Fields the asset↔CI business rules copy between a linked pair (asset field → CI field). */
const ASSET_CI_SYNC: Record<string, string> = {
  asset_tag: 'asset_tag',
  assigned: 'assigned',
  assigned_to: 'assigned_to',
  company: 'company',
  cost_center: 'cost_center',
  department: 'department',
  location: 'location',
  managed_by: 'managed_by',
  model: 'model_id',
  owned_by: 'owned_by',
  po_number: 'po_number',
  purchase_date: 'purchase_date',
  serial_number: 'serial_number',
  vendor: 'vendor',
  warranty_expiration: 'warranty_expiration',
};
/** Copied from the asset to the CI only. */
const ASSET_TO_CI_ONLY = new Set(['cost']);

export interface WriteOptions {
  user: string;
  /** Run the outbound business rule (false for seeding). */
  fire: boolean;
}

/**
 * Record writes with the platform's business rules: journal fields, the asset↔CI link kept both
 * ways, the asset display name, and the outbound ticket event.
 */
export class RecordService {
  constructor(
    readonly store: RecordStore,
    private readonly outbound: OutboundEmitter,
  ) {}

  input(table: string, body: Record<string, unknown>, insert: boolean): RecordInput {
    return readRecordInput(this.store.schema, table, body, insert);
  }

  insert(table: string, body: Record<string, unknown>, opts: WriteOptions): SnRecord {
    const { values, journal } = this.input(table, body, true);
    if (this.store.schema.isA(table, 'alm_asset') && !values.display_name) {
      values.display_name = this.assetDisplayName(values);
    }
    const record = this.store.insert(table, values, opts.user);
    for (const entry of journal) this.addJournal(table, record, entry.element, entry.value, opts);
    this.linkOnInsert(table, record, opts.user);
    if (opts.fire && TICKET_TABLES.has(table) && record.cmdb_ci) {
      this.outbound.emit('ticket.created', table, record);
    }
    return record;
  }

  update(
    table: string,
    sysId: string,
    body: Record<string, unknown>,
    opts: WriteOptions,
  ): UpdateOutcome | null {
    const existing = this.store.get(table, sysId);
    if (!existing) return null;
    const { values, journal } = this.input(existing.sys_class_name, body, false);
    const outcome = this.store.update(table, sysId, values, opts.user);
    if (!outcome) return null;
    for (const entry of journal) {
      this.addJournal(table, outcome.record, entry.element, entry.value, opts);
    }
    if (journal.length > 0 && outcome.changed.length === 0) {
      this.store.touch(table, sysId, opts.user);
    }
    this.syncLinked(outcome, opts.user);
    const touched = outcome.changed.length > 0 || journal.length > 0;
    const cls = outcome.record.sys_class_name;
    const ciInvolved = outcome.record.cmdb_ci || outcome.changed.includes('cmdb_ci');
    if (opts.fire && touched && TICKET_TABLES.has(cls) && ciInvolved) {
      this.outbound.emit('ticket.updated', cls, outcome.record);
    }
    return outcome;
  }

  delete(table: string, sysId: string): boolean {
    return this.store.delete(table, sysId) !== null;
  }

  private addJournal(
    table: string,
    record: SnRecord,
    element: string,
    value: string,
    opts: WriteOptions,
  ): void {
    this.store.insert(
      'sys_journal_field',
      { element, element_id: record.sys_id, name: record.sys_class_name || table, value },
      opts.user,
    );
  }

  private assetDisplayName(values: SnRecord): string {
    const model = values.model ? this.store.get('cmdb_model', values.model) : undefined;
    const modelName = model?.display_name || model?.name || '';
    return [values.asset_tag, modelName].filter((s) => s).join(' - ');
  }

  /** "Both point at each other": set the missing back-pointer when one side is created. */
  private linkOnInsert(table: string, record: SnRecord, user: string): void {
    const schema = this.store.schema;
    if (schema.isA(table, 'alm_asset') && record.ci) {
      const ci = this.store.get('cmdb_ci', record.ci);
      if (ci && !ci.asset) this.store.update('cmdb_ci', ci.sys_id, { asset: record.sys_id }, user);
    } else if (schema.isA(table, 'cmdb_ci') && record.asset) {
      const asset = this.store.get('alm_asset', record.asset);
      if (asset && !asset.ci) {
        this.store.update('alm_asset', asset.sys_id, { ci: record.sys_id }, user);
      }
    }
  }

  /** "Update CI fields on change" / "Update Asset fields on change" for a linked pair. */
  private syncLinked(outcome: UpdateOutcome, user: string): void {
    const { record, changed } = outcome;
    if (changed.length === 0) return;
    const schema = this.store.schema;
    if (schema.isA(record.sys_class_name, 'alm_asset') && record.ci) {
      const ci = this.store.get('cmdb_ci', record.ci);
      if (!ci || ci.asset !== record.sys_id) return;
      const values: SnRecord = {};
      for (const f of changed) {
        const target = ASSET_CI_SYNC[f] ?? (ASSET_TO_CI_ONLY.has(f) ? f : undefined);
        if (target) values[target] = record[f];
      }
      this.store.update('cmdb_ci', ci.sys_id, values, user);
    } else if (schema.isA(record.sys_class_name, 'cmdb_ci') && record.asset) {
      const asset = this.store.get('alm_asset', record.asset);
      if (!asset || asset.ci !== record.sys_id) return;
      const values: SnRecord = {};
      for (const [assetField, ciField] of Object.entries(ASSET_CI_SYNC)) {
        if (changed.includes(ciField)) values[assetField] = record[ciField];
      }
      this.store.update('alm_asset', asset.sys_id, values, user);
    }
  }
}

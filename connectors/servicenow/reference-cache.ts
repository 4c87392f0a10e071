import { AssetbridgeError } from '../../core/errors';
import type { TableClient } from './table-client';

/** A reference field: the table it points at and the column people know its records by. */
export interface ReferenceKind {
  table: string;
  key: string;
  /** Created when a write names a record that does not exist (with `createReferences`). */
  creatable: boolean;
}

export const USER: ReferenceKind = { table: 'sys_user', key: 'email', creatable: false };
export const LOCATION: ReferenceKind = { table: 'cmn_location', key: 'name', creatable: true };
export const DEPARTMENT: ReferenceKind = { table: 'cmn_department', key: 'name', creatable: true };
export const COST_CENTER: ReferenceKind = {
  table: 'cmn_cost_center',
  key: 'name',
  creatable: true,
};
export const COMPANY: ReferenceKind = { table: 'core_company', key: 'name', creatable: true };
export const MODEL: ReferenceKind = { table: 'cmdb_model', key: 'display_name', creatable: false };

/** Reference fields of CIs and assets the connector resolves, by field name. */
export const REFERENCES: Readonly<Record<string, ReferenceKind>> = {
  assigned_to: USER,
  location: LOCATION,
  department: DEPARTMENT,
  cost_center: COST_CENTER,
  manufacturer: COMPANY,
  model_id: MODEL,
  model: MODEL,
};

/**
 * Reference sys_ids to the names people use (user email, location name, ...) and back, cached for
 * one run (`reset` at the start of each read): a fleet shares a few hundred users and places, so
 * each is fetched once, in batches.
 */
export class ReferenceCache {
  private readonly names = new Map<string, string>();
  private readonly ids = new Map<string, string | null>();
  private readonly pending = new Map<string, Promise<string>>();

  constructor(
    private readonly table: TableClient,
    private readonly createReferences: boolean,
  ) {}

  reset(): void {
    this.names.clear();
    this.ids.clear();
  }

  /** Loads the names of these sys_ids (one query per table for those not cached). */
  async load(kind: ReferenceKind, sysIds: Iterable<string>): Promise<void> {
    const missing = [...new Set(sysIds)].filter(
      (id) => id !== '' && !this.names.has(`${kind.table}|${id}`),
    );
    if (missing.length === 0) return;
    const rows = await this.table.listIn(kind.table, 'sys_id', missing, ['sys_id', kind.key]);
    for (const id of missing) this.names.set(`${kind.table}|${id}`, '');
    for (const row of rows) {
      const name = row[kind.key] ?? '';
      this.names.set(`${kind.table}|${row.sys_id}`, name);
      if (name !== '') this.ids.set(`${kind.table}|${name}`, row.sys_id ?? null);
    }
  }

  /** The name of a loaded sys_id; '' when empty or unknown. */
  nameOf(kind: ReferenceKind, sysId: string | undefined): string {
    if (sysId === undefined || sysId === '') return '';
    return this.names.get(`${kind.table}|${sysId}`) ?? '';
  }

  /**
   * The sys_id of the record named `name` ('' clears the reference). A name that does not exist is
   * created for creatable kinds (when the instance allows it), otherwise RECORD_INVALID.
   */
  async idOf(kind: ReferenceKind, name: string): Promise<string> {
    if (name === '') return '';
    const memo = `${kind.table}|${name}`;
    // Records written at once share one look-up, so a missing reference is created only once.
    const pending = this.pending.get(memo);
    if (pending !== undefined) return pending;
    const resolving = this.resolve(kind, name, memo).finally(() => this.pending.delete(memo));
    this.pending.set(memo, resolving);
    return resolving;
  }

  private async resolve(kind: ReferenceKind, name: string, memo: string): Promise<string> {
    let id = this.ids.get(memo);
    if (id === undefined) {
      const { rows } = await this.table.list({
        table: kind.table,
        query: `${kind.key}=${name}^ORDERBYsys_created_on`,
        fields: ['sys_id'],
        limit: 1,
      });
      id = rows[0]?.sys_id ?? null;
      this.ids.set(memo, id);
    }
    if (id !== null) return id;
    if (kind.creatable && this.createReferences) {
      const row = await this.table.insert(kind.table, { [kind.key]: name });
      this.ids.set(memo, row.sys_id ?? null);
      if (row.sys_id) return row.sys_id;
    }
    throw new AssetbridgeError(
      'RECORD_INVALID',
      `ServiceNow has no ${kind.table} record with ${kind.key} '${name}'`,
      { details: { table: kind.table, field: kind.key, value: name } },
    );
  }
}

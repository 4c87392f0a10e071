import type { VendorRecord } from '../../core/sync/connector';
import { fromGlide, laterOf } from './glide-time';
import { REFERENCES, type ReferenceCache } from './reference-cache';
import type { ServiceNowOptions } from './servicenow-options';
import type { SnRow, TableClient } from './table-client';

/** CI columns read on the base table (`cmdb_ci_hardware` and what inherits it). */
export const CI_FIELDS = [
  'sys_id',
  'sys_class_name',
  'sys_updated_on',
  'sys_mod_count',
  'name',
  'serial_number',
  'asset_tag',
  'asset',
  'manufacturer',
  'model_id',
  'model_number',
  'ram',
  'disk_space',
  'cpu_type',
  'mac_address',
  'ip_address',
  'install_status',
  'hardware_status',
  'assigned_to',
  'location',
  'department',
  'cost_center',
  'purchase_date',
  'warranty_expiration',
  'po_number',
  'discovery_source',
  'last_discovered',
] as const;

/** Columns only child classes have; read from the child table for the CIs of that class. */
const CLASS_FIELDS: readonly { table: string; fields: readonly string[] }[] = [
  { table: 'cmdb_ci_computer', fields: ['sys_id', 'os', 'os_version', 'cpu_name', 'host_name'] },
  {
    table: 'cmdb_ci_handheld_computing',
    fields: ['sys_id', 'os', 'os_version', 'imei', 'phone_number'],
  },
];

export const ASSET_FIELDS = [
  'sys_id',
  'ci',
  'sys_updated_on',
  'sys_mod_count',
  'asset_tag',
  'serial_number',
  'install_status',
  'substatus',
  'assigned_to',
  'location',
  'department',
  'cost_center',
  'purchase_date',
  'warranty_expiration',
  'po_number',
  'cost',
] as const;

/** The asset part of a record as the mapping reads it (`asset.*`); empty when the CI has none. */
export type AssetView = Record<string, string>;

/**
 * Builds vendor records from CI rows: class-specific columns, the linked `alm_hardware` asset
 * (`asset.*`, with `asset.state` = install_status, or `install_status/substatus` for the
 * substatuses that matter to the lifecycle), and reference fields as the names people know
 * (user email, location name, company name, model display name).
 */
export class CiRecordBuilder {
  constructor(
    private readonly table: TableClient,
    private readonly refs: ReferenceCache,
    private readonly options: ServiceNowOptions,
    private readonly clock: () => Date,
  ) {}

  async build(cis: readonly SnRow[]): Promise<VendorRecord[]> {
    if (cis.length === 0) return [];
    const ids = cis.map((c) => c.sys_id ?? '');
    const extras = new Map<string, SnRow>();
    const needsExtra = cis.some((c) => c.sys_class_name !== this.options.ciTable);
    for (const cls of needsExtra ? CLASS_FIELDS : []) {
      for (const row of await this.table.listIn(cls.table, 'sys_id', ids, cls.fields)) {
        extras.set(row.sys_id ?? '', { ...extras.get(row.sys_id ?? ''), ...row });
      }
    }
    const assets = await this.assetsOf(cis);
    await this.loadReferences([...cis, ...assets.values()]);
    return cis.map((ci) =>
      this.record(ci, extras.get(ci.sys_id ?? ''), assets.get(ci.sys_id ?? '')),
    );
  }

  /** The asset of each CI: the one the CI points at, else one pointing at the CI. */
  private async assetsOf(cis: readonly SnRow[]): Promise<Map<string, SnRow>> {
    const rows = await this.table.listIn(
      'alm_hardware',
      'ci',
      cis.map((c) => c.sys_id ?? ''),
      ASSET_FIELDS,
    );
    const out = new Map<string, SnRow>();
    const pointer = new Map(cis.map((c) => [c.sys_id ?? '', c.asset ?? '']));
    for (const row of rows) {
      const ci = row.ci ?? '';
      if (!out.has(ci) || pointer.get(ci) === row.sys_id) out.set(ci, row);
    }
    return out;
  }

  private async loadReferences(rows: readonly SnRow[]): Promise<void> {
    const byKind = new Map<(typeof REFERENCES)[string], string[]>();
    for (const row of rows) {
      for (const [field, kind] of Object.entries(REFERENCES)) {
        const id = row[field];
        if (id) byKind.set(kind, [...(byKind.get(kind) ?? []), id]);
      }
    }
    for (const [kind, ids] of byKind) await this.refs.load(kind, ids);
  }

  private resolved(row: SnRow): SnRow {
    const out: SnRow = { ...row };
    for (const [field, kind] of Object.entries(REFERENCES)) {
      if (field in row) out[field] = this.refs.nameOf(kind, row[field]);
    }
    return out;
  }

  /** `install_status`, or `install_status/substatus` when the substatus matters to the stage. */
  stateOf(asset: SnRow): string {
    const status = asset.install_status ?? '';
    const sub = asset.substatus ?? '';
    return sub !== '' && this.options.stageSubstatuses.includes(sub) ? `${status}/${sub}` : status;
  }

  record(ci: SnRow, extra: SnRow | undefined, asset: SnRow | undefined): VendorRecord {
    const data: Record<string, unknown> = { ...this.resolved({ ...ci, ...extra }) };
    const assetView: AssetView = asset
      ? { ...this.resolved(asset), state: this.stateOf(asset) }
      : {};
    data.asset = assetView;
    const observedAt =
      laterOf(fromGlide(ci.sys_updated_on), fromGlide(asset?.sys_updated_on)) ??
      this.clock().toISOString();
    return {
      externalId: ci.sys_id ?? '',
      observedAt,
      version: `${ci.sys_mod_count ?? ''}/${asset?.sys_mod_count ?? ''}`,
      data,
    };
  }
}

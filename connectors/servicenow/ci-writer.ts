import type { Logger } from 'pino';
import { AssetbridgeError, isAssetbridgeError } from '../../core/errors';
import type { Asset } from '../../core/model/asset';
import type {
  ConnectorWriter,
  VendorRecord,
  WriteRequest,
  WriteResult,
} from '../../core/sync/connector';
import { CI_FIELDS, type CiRecordBuilder } from './ci-record';
import { toGlide } from './glide-time';
import type { IreClient, IreItem } from './ire-client';
import { REFERENCES, USER, type ReferenceCache, type ReferenceKind } from './reference-cache';
import { ciClassOf, type ServiceNowOptions } from './servicenow-options';
import type { SnRow, TableClient } from './table-client';

type Wire = Record<string, unknown>;

/** CI columns the connector never sends (system, pointers, and what it reads only). */
const NOT_WRITTEN = new Set(['sys_id', 'sys_class_name', 'asset', 'model_id', 'discovery_source']);

export interface CiWriterDeps {
  table: TableClient;
  ire: IreClient;
  refs: ReferenceCache;
  builder: CiRecordBuilder;
  options: ServiceNowOptions;
  logger: Logger;
  clock: () => Date;
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  return Array.isArray(value) ? value.join(',') : String(value);
}

function split(changes: Wire): { ci: Wire; asset: Wire } {
  const { asset, ...ci } = changes;
  for (const key of Object.keys(ci)) if (NOT_WRITTEN.has(key)) delete ci[key];
  const assetPart = typeof asset === 'object' && asset !== null ? (asset as Wire) : {};
  return { ci, asset: assetPart };
}

/**
 * Writes CIs through the IRE with the configured data source (the source key is the core asset
 * id, so a create whose answer was lost is found again) and keeps the `alm_hardware` asset in
 * step through the Table API, creating it (pointing at the CI) when the CI has none.
 */
export class CiWriter implements ConnectorWriter {
  /** CIs this writer created, with their assets: claimed before the engine has bound them. */
  private readonly createdFor = new Map<string, string>();
  /** Creates of items of one name, one after another: the IRE may identify either by it. */
  private readonly byName = new Map<string, Promise<void>>();

  constructor(private readonly d: CiWriterDeps) {}

  /** By serial, then asset tag, then our own `sys_object_source` key (the core asset id). */
  async find(req: WriteRequest): Promise<VendorRecord | null> {
    const { table, options } = this.d;
    const serial = text(req.full.serial_number) || (req.asset.serial ?? '');
    let ci: SnRow | undefined;
    if (serial !== '') {
      const q = `serial_number=${serial}^ORDERBYsys_created_on`;
      ci = (await table.list({ table: options.ciTable, query: q, fields: CI_FIELDS, limit: 1 }))
        .rows[0];
    }
    const tag = req.asset.assetTag ?? '';
    if (ci === undefined && tag !== '') {
      const q = `asset_tag=${tag}^ciISNOTEMPTY`;
      const asset = (
        await table.list({ table: 'alm_hardware', query: q, fields: ['ci'], limit: 1 })
      ).rows[0];
      if (asset?.ci) ci = (await table.get(options.ciTable, asset.ci, CI_FIELDS)) ?? undefined;
    }
    if (ci === undefined) {
      const sysId = await this.sourceTarget(req.asset.id);
      if (sysId !== null) ci = (await table.get(options.ciTable, sysId, CI_FIELDS)) ?? undefined;
    }
    return ci === undefined ? null : ((await this.d.builder.build([ci]))[0] ?? null);
  }

  async create(req: WriteRequest): Promise<WriteResult> {
    return this.oneByName(text(req.full.name), () => this.createNow(req));
  }

  private async createNow(req: WriteRequest): Promise<WriteResult> {
    const { ci, asset } = split(req.full);
    // References first: a user that does not exist fails the record before anything is written.
    const assetValues = await this.assetValues(asset);
    const item = await this.item(req.asset, ci, null);
    const heldBack = await this.nameOfOtherDevices(req, item.values);
    // The Hardware Rule falls back to the name when the serial is new to the CMDB: a name that
    // only other devices (with serials of their own) carry would merge this device into theirs
    // or fail MULTI_MATCH. The CI is created by serial and named once it exists.
    if (heldBack !== null) delete item.values.name;
    const { sysId } = await this.d.ire.commit(item);
    this.createdFor.set(sysId, req.asset.id);
    if (heldBack !== null) await this.d.table.update('cmdb_ci', sysId, { name: heldBack });
    const row = await this.d.table.get(this.d.options.ciTable, sysId, CI_FIELDS);
    if (row === null) {
      throw new AssetbridgeError(
        'VENDOR_HTTP',
        `ServiceNow IRE answered CI ${sysId}, which is not there`,
      );
    }
    await this.writeAsset(row, assetValues);
    return { externalId: sysId, record: (await this.fetch(sysId)) ?? undefined };
  }

  async update(externalId: string, req: WriteRequest): Promise<WriteResult> {
    const row = await this.d.table.get(this.d.options.ciTable, externalId, CI_FIELDS);
    if (row === null) {
      throw new AssetbridgeError('RECORD_INVALID', `ServiceNow has no CI ${externalId} any more`, {
        details: { externalId },
      });
    }
    const { ci, asset } = split(req.changes);
    const assetValues = await this.assetValues(asset);
    if (Object.keys(ci).length > 0) await this.writeCi(row, req.asset, ci);
    await this.writeAsset(row, assetValues);
    return { externalId };
  }

  /**
   * Retired in ServiceNow: the asset to Retired (with its substatus) and the CI to Retired; a CI
   * and an asset already Retired are left as they are.
   */
  async retire(externalId: string, asset: Asset): Promise<void> {
    const { table } = this.d;
    const row = await table.get(this.d.options.ciTable, externalId, CI_FIELDS);
    if (row === null) return;
    if (row.install_status !== '7') await this.writeCi(row, asset, { install_status: '7' });
    const hardware = row.asset
      ? await table.get('alm_hardware', row.asset, ['install_status'])
      : null;
    if (hardware?.install_status === '7') return;
    await this.writeAsset(row, await this.assetValues({ state: '7' }));
  }

  /** A CI update through the IRE, identified by our source key, the serial, or the name. */
  private async writeCi(row: SnRow, asset: Asset, ci: Wire): Promise<void> {
    const known = (row.serial_number ?? '') !== '' || (await this.sourceTarget(asset.id)) !== null;
    const renaming = 'name' in ci && text(ci.name) !== (row.name ?? '');
    if (!known && renaming) {
      // Without a serial or a source key the IRE would identify the CI by its new name and
      // insert a second one; the Table API changes this CI itself.
      const values = await this.ciValues(ci);
      this.d.logger.info(
        { ci: row.sys_id, fields: Object.keys(values) },
        'CI has neither serial nor a source key of ours; renamed through the Table API',
      );
      await this.d.table.update('cmdb_ci', row.sys_id ?? '', values);
      return;
    }
    await this.d.ire.commit(await this.item(asset, ci, row));
  }

  private async item(asset: Asset, ci: Wire, row: SnRow | null): Promise<IreItem> {
    const values = await this.ciValues(ci);
    const serial = values.serial_number || row?.serial_number || '';
    if (serial !== '') values.serial_number = serial;
    if (!values.name && row?.name) values.name = row.name;
    const lookup: IreItem['lookup'] = [];
    if (serial !== '') {
      lookup.push({
        className: 'cmdb_serial_number',
        values: { serial_number: serial, serial_number_type: 'system', valid: 'true' },
      });
    }
    const mac = asset.identifiers.macAddresses[0];
    if (row === null && mac) {
      const wire = mac.toLowerCase();
      lookup.push({
        className: 'cmdb_ci_network_adapter',
        values: { name: wire, mac_address: wire },
      });
    }
    return {
      className: ciClassOf(this.d.options, asset.category),
      values,
      ...(lookup.length > 0 ? { lookup } : {}),
      settings: { updateWithoutDowngrade: true, updateWithoutSwitch: true },
      sys_object_source_info: {
        source_name: this.d.options.dataSource,
        source_native_key: asset.id,
        source_recency_timestamp: toGlide(this.d.clock().toISOString()),
      },
    };
  }

  /** CI values as the platform stores them: strings, references as sys_ids. */
  private async ciValues(ci: Wire): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(ci)) {
      const kind = REFERENCES[key];
      out[key] = kind ? await this.d.refs.idOf(kind, text(value)) : text(value);
    }
    return out;
  }

  /** Asset values (mapping-named) as the platform stores them: state split, references as ids. */
  private async assetValues(asset: Wire): Promise<Record<string, string>> {
    const values: Record<string, string> = {};
    for (const [key, value] of Object.entries(asset)) {
      if (key === 'state') Object.assign(values, this.stateValues(text(value)));
      else if (key === 'sys_id' || key === 'ci') continue;
      else {
        const kind = REFERENCES[key];
        const id = kind ? await this.referenceId(kind, text(value)) : text(value);
        if (id !== null) values[key] = id;
      }
    }
    return values;
  }

  /** The sys_id of a reference; null for an unknown user with `unknownUsers: skip`. */
  private async referenceId(kind: ReferenceKind, name: string): Promise<string | null> {
    try {
      return await this.d.refs.idOf(kind, name);
    } catch (err) {
      const skip = kind === USER && this.d.options.unknownUsers === 'skip';
      if (!skip || !isAssetbridgeError(err, 'RECORD_INVALID')) throw err;
      this.d.logger.warn({ table: kind.table }, 'assigned user unknown to ServiceNow; not written');
      return null;
    }
  }

  /** Creates or updates the CI's `alm_hardware` asset with these values. */
  private async writeAsset(ci: SnRow, values: Record<string, string>): Promise<void> {
    const { table } = this.d;
    if (Object.keys(values).length === 0) return;
    const ciId = ci.sys_id ?? '';
    const existing =
      ci.asset ||
      (
        await table.list({
          table: 'alm_hardware',
          query: `ci=${ciId}`,
          fields: ['sys_id'],
          limit: 1,
        })
      ).rows[0]?.sys_id;
    if (existing) {
      await table.update('alm_hardware', existing, values);
      return;
    }
    await table.insert('alm_hardware', {
      ci: ciId,
      serial_number: ci.serial_number ?? '',
      model: ci.model_id ?? '',
      ...values,
    });
  }

  /** `6` or `8/stolen` to install_status and substatus (a default substatus where one is due). */
  private stateValues(state: string): Record<string, string> {
    const [status = '', sub] = state.split('/');
    if (status === '') return {};
    return {
      install_status: status,
      substatus: sub ?? this.d.options.defaultSubstatus[status] ?? '',
    };
  }

  /**
   * The item's name when the IRE would otherwise identify it by that name as other devices: CIs
   * of that name exist and each has a serial other than the item's or is another asset's record.
   * Null when the name is free or a same-named CI may be this very device (no serial, nobody's).
   * An item without a serial whose name is another asset's CI cannot be created by the IRE
   * without merging the two: refused.
   */
  private async nameOfOtherDevices(
    req: WriteRequest,
    values: Record<string, string>,
  ): Promise<string | null> {
    const name = values.name ?? '';
    const serial = (values.serial_number ?? '').toUpperCase();
    if (name === '' || name.includes('^')) return null;
    const { rows } = await this.d.table.list({
      table: this.d.options.ciTable,
      query: `name=${name}`,
      fields: ['sys_id', 'serial_number'],
      limit: 20,
    });
    if (rows.length === 0) return null;
    const ids = rows.map((r) => r.sys_id ?? '');
    const claimed = new Map((await req.claimedByOthers?.(ids)) ?? []);
    for (const id of ids) {
      const owner = this.createdFor.get(id);
      if (owner !== undefined && owner !== req.asset.id) claimed.set(id, owner);
    }
    const other = (r: SnRow): boolean => {
      const theirs = (r.serial_number ?? '').toUpperCase();
      return claimed.has(r.sys_id ?? '') || (serial !== '' && theirs !== '' && theirs !== serial);
    };
    if (serial !== '') return rows.every(other) ? name : null;
    const taken = rows.find((r) => claimed.has(r.sys_id ?? ''));
    if (taken === undefined) return null;
    throw new AssetbridgeError(
      'IDENTITY_CONFLICT',
      `asset ${req.asset.id} has no serial and its name '${name}' is that of CI ` +
        `${taken.sys_id}, the record of asset ${claimed.get(taken.sys_id ?? '')}: the IRE would ` +
        'identify the two as one device; give the asset its serial or a name of its own',
      { details: { externalId: taken.sys_id, name, owner: claimed.get(taken.sys_id ?? '') } },
    );
  }

  /** Runs `work` after every create of the same name (case aside) that came before it. */
  private async oneByName<T>(name: string, work: () => Promise<T>): Promise<T> {
    const key = name.trim().toLowerCase();
    if (key === '') return work();
    const before = this.byName.get(key) ?? Promise.resolve();
    let release = (): void => undefined;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const turn = before.then(() => mine);
    this.byName.set(key, turn);
    await before;
    try {
      return await work();
    } finally {
      release();
      if (this.byName.get(key) === turn) this.byName.delete(key);
    }
  }

  /** The CI our source key (the core asset id) names in `sys_object_source`, if any. */
  private async sourceTarget(assetId: string): Promise<string | null> {
    const q = `name=${this.d.options.dataSource}^id=${assetId}`;
    const { rows } = await this.d.table.list({
      table: 'sys_object_source',
      query: q,
      fields: ['target_sys_id'],
      limit: 1,
    });
    return rows[0]?.target_sys_id || null;
  }

  /** The record as a read would give it. */
  async fetch(sysId: string): Promise<VendorRecord | null> {
    const row = await this.d.table.get(this.d.options.ciTable, sysId, CI_FIELDS);
    return row === null ? null : ((await this.d.builder.build([row]))[0] ?? null);
  }
}

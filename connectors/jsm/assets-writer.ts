import type { Logger } from 'pino';
import { AssetbridgeError, isAssetbridgeError } from '../../core/errors';
import type { Mapping } from '../../core/mapping/mapping-schema';
import type { Asset } from '../../core/model/asset';
import type {
  ConnectorWriter,
  VendorRecord,
  WriteRequest,
  WriteResult,
} from '../../core/sync/connector';
import { attributeNameOf, type AssetsCatalog, type ObjectTypeInfo } from './assets-catalog';
import type { AssetsClient } from './assets-client';
import { assetsRecord } from './assets-record';
import { aqlString } from './assets-reader';
import { AqlLookupBatch } from './aql-lookup-batch';
import { desiredWire, heldWire, sameWire, type ValueLookups } from './assets-values';
import type { AssetObjectWire, AttributeDefWire, ObjectIn } from './assets-wire';
import type { JiraUsers } from './jira-users';

export interface AssetsWriterDeps {
  client: AssetsClient;
  catalog: AssetsCatalog;
  users: JiraUsers;
  mapping: Mapping;
  logger: Logger;
  /** `options.unresolvedValues`. */
  unresolvedValues: 'skip' | 'fail';
}

type AttributeValues = ObjectIn['attributes'];

/**
 * Creates and updates Assets objects. Every value is sent in the form its attribute type takes
 * (status id, referenced object id, account id, checked integer/date/option) and compared with
 * what the object holds in that same typed form, so an attribute that already holds the value is
 * never sent, and an object with nothing to change is not written at all.
 * TODO(#7): no `retire`; a retired asset shows in Assets only through the mapped Status.
 */
export class AssetsWriter implements ConnectorWriter {
  private readonly references = new Map<string, string | null>();
  /** Unresolved values already logged this run (`attribute value`). */
  private readonly warned = new Set<string>();
  private readonly lookups: ValueLookups;
  private readonly finds: AqlLookupBatch;

  constructor(private readonly d: AssetsWriterDeps) {
    this.finds = new AqlLookupBatch(d.client);
    this.lookups = {
      statusId: (name) => d.catalog.statusId(name),
      referenceId: (def, label) => this.referenceId(def, label),
      accountIdOf: (email) => d.users.accountIdOf(email),
    };
  }

  /** Forgets the referenced objects looked up by label (once per run). */
  reset(): void {
    this.references.clear();
    this.warned.clear();
  }

  /** The object whose serial, else asset tag, is exactly the asset's; null when none is. */
  async find(req: WriteRequest): Promise<VendorRecord | null> {
    const types = await this.d.catalog.types();
    for (const [core, value] of [
      ['serial', req.asset.serial],
      ['assetTag', req.asset.assetTag],
    ] as const) {
      const attribute = this.attributeFor(core);
      if (attribute === null || value === undefined || value === null || value === '') continue;
      const found = await this.findBy(types, attribute, value);
      if (found !== null) return found;
    }
    return null;
  }

  async create(req: WriteRequest): Promise<WriteResult> {
    const type = await this.d.catalog.typeOfCategory(req.asset.category);
    if (type === null) {
      throw new AssetbridgeError(
        'RECORD_INVALID',
        `no Assets object type is configured for category ${req.asset.category} (options.objectTypes)`,
      );
    }
    const attributes = await this.changedAttributes(type, this.withIdentifiers(req), null);
    const label = type.labelAttribute;
    if (label !== null && !attributes.some((a) => a.objectTypeAttributeId === label.id)) {
      const name = nameOf(req.asset);
      attributes.push({
        objectTypeAttributeId: label.id,
        objectAttributeValues: [{ value: name }],
      });
    }
    const created = await this.d.client.create({ objectTypeId: type.id, attributes });
    return { externalId: created.id, record: await this.reread(created.id, type) };
  }

  async update(externalId: string, req: WriteRequest): Promise<WriteResult> {
    const current = await this.d.client.object(externalId);
    if (current === null) {
      throw new AssetbridgeError('RECORD_INVALID', `Assets has no object ${externalId} any more`);
    }
    const type = await this.typeOf(current);
    const attributes = await this.changedAttributes(type, req.changes, current);
    if (attributes.length === 0) {
      this.d.logger.debug({ externalId }, 'Assets object already holds these values; not written');
      const record = await assetsRecord(current, type, this.d.users);
      return { externalId, record, unchanged: true };
    }
    const updated = await this.d.client.update(externalId, { objectTypeId: type.id, attributes });
    return { externalId, record: await assetsRecord(updated, type, this.d.users) };
  }

  /**
   * What a create sends: the outbound view plus the serial and asset tag in the attributes the
   * mapping reads them from, so that `find` finds the object again (a lost create answer, a
   * restored binding) even where the mapping does not write them back.
   */
  private withIdentifiers(req: WriteRequest): Record<string, unknown> {
    const attributes = { ...((req.full.attributes ?? {}) as Record<string, unknown>) };
    for (const [core, value] of [
      ['serial', req.asset.serial],
      ['assetTag', req.asset.assetTag],
    ] as const) {
      const name = this.attributeFor(core);
      if (name !== null && value && attributes[name] === undefined) attributes[name] = value;
    }
    return { ...req.full, attributes };
  }

  /** The attributes whose typed desired values differ from what `current` holds. */
  private async changedAttributes(
    type: ObjectTypeInfo,
    changes: Record<string, unknown>,
    current: AssetObjectWire | null,
  ): Promise<AttributeValues> {
    const wanted = (changes.attributes ?? {}) as Record<string, unknown>;
    const held = new Map((current?.attributes ?? []).map((a) => [a.objectTypeAttributeId, a]));
    const out: AttributeValues = [];
    for (const [name, value] of Object.entries(wanted)) {
      const def = type.attributes.get(name);
      if (value === undefined || def === undefined || def.system === true) continue;
      if (def.editable === false) continue;
      const desired = await this.desired(def, value, current?.id ?? null);
      if (desired === null) continue;
      const before = heldWire(def, held.get(def.id)?.objectAttributeValues ?? []);
      if (sameWire(desired, before)) continue;
      if (current === null && desired.length === 0) continue;
      out.push({
        objectTypeAttributeId: def.id,
        objectAttributeValues: desired.map((v) => ({ value: v })),
      });
    }
    return out;
  }

  /** The typed values to send; null when an unresolved user or reference is to be skipped. */
  private async desired(
    def: AttributeDefWire,
    value: unknown,
    externalId: string | null,
  ): Promise<string[] | null> {
    try {
      return await desiredWire(def, value, this.lookups);
    } catch (err) {
      const skip = this.d.unresolvedValues === 'skip' && isAssetbridgeError(err, 'RECORD_INVALID');
      if (!skip || err.details.unresolved !== true) throw err;
      const key = `${def.name}\u0000${String(err.details.value)}`;
      if (this.warned.has(key)) return null;
      this.warned.add(key);
      this.d.logger.warn(
        { externalId, attribute: def.name, reason: err.message },
        'Assets has no such user or object; attribute left out of writes this run',
      );
      return null;
    }
  }

  private async findBy(types: readonly ObjectTypeInfo[], attribute: string, value: string) {
    const list = types.map((t) => aqlString(t.name)).join(', ');
    const candidates = await this.finds.lookup(`objectType in (${list})`, attribute, value);
    const want = value.trim().toUpperCase();
    const exact: { obj: AssetObjectWire; type: ObjectTypeInfo }[] = [];
    for (const obj of candidates) {
      const type = types.find((t) => t.id === obj.objectType.id);
      const def = type?.attributes.get(attribute);
      if (type === undefined || def === undefined) continue;
      const attr = obj.attributes?.find((a) => a.objectTypeAttributeId === def.id);
      const held = heldWire(def, attr?.objectAttributeValues ?? []);
      if (held.some((h) => h.trim().toUpperCase() === want)) exact.push({ obj, type });
    }
    if (exact.length > 1) {
      const keys = exact.map((e) => e.obj.objectKey).join(', ');
      throw new AssetbridgeError(
        'RECORD_INVALID',
        `Assets objects ${keys} all carry ${attribute} ${value}; merge them in Assets first`,
      );
    }
    const hit = exact[0];
    return hit === undefined ? null : assetsRecord(hit.obj, hit.type, this.d.users);
  }

  /** The attribute name the mapping reads a core field from (`serial` → `Serial Number`). */
  private attributeFor(core: string): string | null {
    for (const field of this.d.mapping.fields) {
      if (field.core !== core || field.source === null) continue;
      const name = attributeNameOf(field.source);
      if (name !== null) return name;
    }
    return null;
  }

  private async referenceId(def: AttributeDefWire, label: string): Promise<string | null> {
    const typeId = def.referenceObjectTypeId;
    if (typeId === undefined) return null;
    const key = `${typeId}\u0000${label.toLowerCase()}`;
    const cached = this.references.get(key);
    if (cached !== undefined) return cached;
    const aql = `objectTypeId = ${typeId} AND label = ${aqlString(label)}`;
    const page = await this.d.client.aql(aql, 0, 25);
    const exact = page.values.filter((o) => (o.label ?? '').toLowerCase() === label.toLowerCase());
    const id = exact.length === 1 ? exact[0]!.id : null;
    this.references.set(key, id);
    return id;
  }

  private async typeOf(obj: AssetObjectWire): Promise<ObjectTypeInfo> {
    const type = await this.d.catalog.typeById(obj.objectType.id);
    if (type === null) {
      throw new AssetbridgeError(
        'RECORD_INVALID',
        `Assets object ${obj.objectKey} is a ${obj.objectType.name}, which options.objectTypes does not list`,
      );
    }
    return type;
  }

  private async reread(id: string, type: ObjectTypeInfo): Promise<VendorRecord | undefined> {
    const obj = await this.d.client.object(id);
    return obj === null ? undefined : assetsRecord(obj, type, this.d.users);
  }
}

function nameOf(asset: Asset): string {
  return asset.name ?? asset.serial ?? asset.assetTag ?? asset.id;
}

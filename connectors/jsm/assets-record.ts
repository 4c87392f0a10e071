import type { VendorRecord } from '../../core/sync/connector';
import { tryParseInstant } from '../../core/time/parse-instant';
import type { ObjectTypeInfo } from './assets-catalog';
import { heldWire, isMulti, kindOf } from './assets-values';
import type { AssetObjectWire, AttributeDefWire, AttributeValueWire } from './assets-wire';
import type { JiraUsers } from './jira-users';

/** What the mapping reads: the object's facts and its attribute values by attribute name. */
export interface AssetsRecordData {
  id: string;
  objectKey: string;
  label: string | null;
  objectType: string;
  category: string;
  created: string;
  updated: string;
  /** Values as people read them: status and referenced object by name, users by e-mail. */
  attributes: Record<string, string | number | null>;
  /** The typed wire values by attribute name (status id, object id, account id). */
  wire: Record<string, string[]>;
}

/**
 * An Assets object as a vendor record; external id is the object id. Users are shown by e-mail,
 * looked up once per account and run. Values are read from the object as the AQL page or GET
 * answered it; attributes the object has no value for are null.
 */
export async function assetsRecord(
  obj: AssetObjectWire,
  type: ObjectTypeInfo,
  users: JiraUsers,
): Promise<VendorRecord> {
  const byId = new Map((obj.attributes ?? []).map((a) => [a.objectTypeAttributeId, a]));
  const attributes: AssetsRecordData['attributes'] = {};
  const wire: AssetsRecordData['wire'] = {};
  for (const [name, def] of type.attributes) {
    const values = byId.get(def.id)?.objectAttributeValues ?? [];
    wire[name] = heldWire(def, values);
    attributes[name] = await readable(def, values, users);
  }
  const updated = tryParseInstant(obj.updated) ?? obj.updated;
  const data: AssetsRecordData = {
    id: obj.id,
    objectKey: obj.objectKey,
    label: obj.label ?? null,
    objectType: type.name,
    category: type.category,
    created: tryParseInstant(obj.created) ?? obj.created,
    updated,
    attributes,
    wire,
  };
  return { externalId: obj.id, observedAt: updated, version: updated, data };
}

async function readable(
  def: AttributeDefWire,
  values: readonly AttributeValueWire[],
  users: JiraUsers,
): Promise<string | number | null> {
  const kind = kindOf(def);
  const out: (string | number)[] = [];
  for (const v of values) {
    if (kind === 'status' && v.status) out.push(v.status.name);
    else if (kind === 'reference' && v.referencedObject) {
      out.push(v.referencedObject.label ?? String(v.displayValue ?? v.referencedObject.id));
    } else if (kind === 'user' && v.user?.key) {
      const email = await users.emailOf(v.user.key);
      if (email !== null) out.push(email);
    } else if (v.value !== undefined && v.value !== '') {
      const text = String(v.value);
      if (kind === 'integer' || kind === 'double') out.push(Number(text));
      else if (kind === 'date') out.push(text.slice(0, 10));
      else out.push(text);
    }
  }
  if (out.length === 0) return null;
  if (isMulti(def)) return out.map(String).join(',');
  return out[0] ?? null;
}

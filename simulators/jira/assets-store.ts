/**
 * In-memory Assets objects. Ids are sequential, so the Map's insertion order is id order; a small
 * cache keeps the matching ids of recent AQL queries until the next change, so that paging through
 * a large result costs one evaluation.
 */
import type { AssetsSchema } from './assets-schema';
import { AssetsValidationError, parseAttributeInputs } from './assets-values';
import type { AttributeInput, ValueLookups } from './assets-values';

export interface AssetObject {
  id: string;
  objectTypeId: string;
  createdMs: number;
  updatedMs: number;
  /** Non-system attribute values by attribute id (stored form: text, ids, yyyy-MM-dd, ...). */
  values: Map<string, string[]>;
}

export interface ObjectInput {
  objectTypeId: string;
  attributes: AttributeInput[];
}

export class AssetsStore {
  readonly objects = new Map<string, AssetObject>();
  private readonly byKey = new Map<string, string>();
  private readonly countsByType = new Map<string, number>();
  private nextId = 1;
  private version = 0;
  private readonly queryCache = new Map<string, { version: number; ids: string[] }>();

  constructor(
    private readonly schema: AssetsSchema,
    private readonly now: () => number,
    private readonly userExists: (accountId: string) => boolean,
  ) {}

  get changeVersion(): number {
    return this.version;
  }

  clear(): void {
    this.objects.clear();
    this.byKey.clear();
    this.countsByType.clear();
    this.queryCache.clear();
    this.nextId = 1;
    this.version += 1;
  }

  keyOf(obj: AssetObject): string {
    return `${this.schema.schema.objectSchemaKey}-${obj.id}`;
  }

  labelOf(obj: AssetObject): string {
    return obj.values.get('2')?.[0] ?? obj.values.get('19')?.[0] ?? '';
  }

  countOfType(typeId: string): number {
    return this.countsByType.get(typeId) ?? 0;
  }

  /** By numeric id or by object key. */
  find(idOrKey: string): AssetObject | undefined {
    const id = this.byKey.get(idOrKey.toUpperCase()) ?? idOrKey;
    return this.objects.get(id);
  }

  lookups(): ValueLookups {
    return {
      userExists: this.userExists,
      resolveReference: (ref, typeIds) => {
        const obj = this.find(ref);
        return obj && typeIds.has(obj.objectTypeId) ? obj.id : undefined;
      },
    };
  }

  create(input: ObjectInput, atMs = this.now()): AssetObject {
    const type = this.schema.types.get(input.objectTypeId);
    if (!type || type.abstractObjectType) {
      const why = type ? 'is abstract' : 'does not exist';
      throw new AssetsValidationError([], {
        objectTypeId: `Object type ${input.objectTypeId} ${why}`,
      });
    }
    const values = parseAttributeInputs(this.schema, type.id, input.attributes, this.lookups());
    const label = values.get(this.labelAttrId(type.id))?.[0];
    if (!label || !label.trim()) {
      throw new AssetsValidationError([], {
        [`rlabs-insight-attribute-${this.labelAttrId(type.id)}`]: 'Name: a value is required',
      });
    }
    for (const [k, v] of values) if (v.length === 0) values.delete(k);
    const obj: AssetObject = {
      id: String(this.nextId++),
      objectTypeId: type.id,
      createdMs: atMs,
      updatedMs: atMs,
      values,
    };
    this.insert(obj);
    return obj;
  }

  /** The next free object id (for objects built outside `create`). */
  allocateId(): string {
    return String(this.nextId++);
  }

  /** Inserts a fully formed object (wire-format seeding); keeps ids increasing. */
  insert(obj: AssetObject): void {
    if (this.objects.has(obj.id)) throw new Error(`Assets object id ${obj.id} already exists`);
    this.objects.set(obj.id, obj);
    this.byKey.set(this.keyOf(obj), obj.id);
    this.countsByType.set(obj.objectTypeId, this.countOfType(obj.objectTypeId) + 1);
    this.nextId = Math.max(this.nextId, Number(obj.id) + 1);
    this.version += 1;
  }

  /** Applies the listed attributes; returns the names of attributes whose values changed. */
  update(obj: AssetObject, input: ObjectInput, atMs = this.now()): string[] {
    if (input.objectTypeId !== obj.objectTypeId) {
      throw new AssetsValidationError([], {
        objectTypeId: `Object ${this.keyOf(obj)} is of object type ${obj.objectTypeId}, not ${input.objectTypeId}`,
      });
    }
    const values = parseAttributeInputs(
      this.schema,
      obj.objectTypeId,
      input.attributes,
      this.lookups(),
    );
    const labelId = this.labelAttrId(obj.objectTypeId);
    if (values.has(labelId) && !(values.get(labelId)?.[0] ?? '').trim()) {
      throw new AssetsValidationError([], {
        [`rlabs-insight-attribute-${labelId}`]: 'Name: a value is required',
      });
    }
    const changed: string[] = [];
    for (const [attrId, next] of values) {
      const before = obj.values.get(attrId) ?? [];
      if (before.length === next.length && before.every((v, i) => v === next[i])) continue;
      changed.push(this.schema.attrs.get(attrId)?.name ?? attrId);
      if (next.length === 0) obj.values.delete(attrId);
      else obj.values.set(attrId, next);
    }
    if (changed.length > 0) {
      obj.updatedMs = Math.max(atMs, obj.updatedMs + 1);
      this.version += 1;
    }
    return changed;
  }

  delete(obj: AssetObject): void {
    this.objects.delete(obj.id);
    this.byKey.delete(this.keyOf(obj));
    this.countsByType.set(obj.objectTypeId, Math.max(0, this.countOfType(obj.objectTypeId) - 1));
    this.version += 1;
  }

  /** Cached ids of the objects matching `cacheKey`, computed by `compute` after any change. */
  cachedQuery(cacheKey: string, compute: () => string[]): string[] {
    const hit = this.queryCache.get(cacheKey);
    if (hit && hit.version === this.version) return hit.ids;
    const ids = compute();
    if (this.queryCache.size >= 16) this.queryCache.clear();
    this.queryCache.set(cacheKey, { version: this.version, ids });
    return ids;
  }

  private labelAttrId(typeId: string): string {
    return this.schema.attributesOf(typeId).find((a) => a.label)?.id ?? '2';
  }
}

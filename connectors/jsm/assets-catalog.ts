import { AssetbridgeError } from '../../core/errors';
import type { Mapping } from '../../core/mapping/mapping-schema';
import type { SourceRef } from '../../core/mapping/transform-schema';
import { throwIssues, type FileIssue } from '../../core/mapping/yaml-document';
import type { Category } from '../../core/model/asset';
import type { AssetsClient } from './assets-client';
import type { AttributeDefWire } from './assets-wire';
import type { JsmOptions } from './jsm-options';

/** One configured object type with its attributes by name (as Assets spells them). */
export interface ObjectTypeInfo {
  id: string;
  name: string;
  category: Category;
  attributes: ReadonlyMap<string, AttributeDefWire>;
  /** The label attribute (Name). */
  labelAttribute: AttributeDefWire | null;
}

/** The first segment of every record path the mapping reads or writes under `attributes`. */
export const ATTRIBUTES_KEY = 'attributes';

/**
 * The object schema and the attributes of the configured object types, read once per run, and the
 * check that every attribute the mapping names exists on every configured type.
 */
export class AssetsCatalog {
  private loaded: Promise<ObjectTypeInfo[]> | null = null;
  private statuses = new Map<string, string>();

  constructor(
    private readonly client: AssetsClient,
    private readonly options: JsmOptions,
    private readonly mapping: Mapping,
  ) {}

  /**
   * Forgets what was read, so that the next call reads the schema again (once per run).
   * TODO(#7): under `serve`, webhooks between two scheduled reads use what the last read loaded.
   */
  reset(): void {
    this.loaded = null;
  }

  types(): Promise<ObjectTypeInfo[]> {
    this.loaded ??= this.load().catch((err: unknown) => {
      this.loaded = null;
      throw err;
    });
    return this.loaded;
  }

  async typeOfCategory(category: string): Promise<ObjectTypeInfo | null> {
    return (await this.types()).find((t) => t.category === category) ?? null;
  }

  async typeById(id: string): Promise<ObjectTypeInfo | null> {
    return (await this.types()).find((t) => t.id === id) ?? null;
  }

  /** The id of a status by its name (case-insensitive), or null. */
  async statusId(name: string): Promise<string | null> {
    await this.types();
    return this.statuses.get(name.trim().toLowerCase()) ?? null;
  }

  private async load(): Promise<ObjectTypeInfo[]> {
    const wanted = this.options.objectSchema.toLowerCase();
    const schema = (await this.client.schemas()).find(
      (s) => s.name.toLowerCase() === wanted || s.objectSchemaKey?.toLowerCase() === wanted,
    );
    if (schema === undefined) {
      throw new AssetbridgeError(
        'CONFIG_INVALID',
        `Assets has no object schema named '${this.options.objectSchema}' (options.objectSchema)`,
      );
    }
    const statuses = await this.client.statusTypes(schema.id);
    this.statuses = new Map(statuses.map((st) => [st.name.toLowerCase(), st.id]));
    const all = await this.client.objectTypes(schema.id);
    const types: ObjectTypeInfo[] = [];
    for (const [category, name] of Object.entries(this.options.objectTypes)) {
      const type = all.find((t) => t.name.toLowerCase() === name.toLowerCase());
      if (type === undefined) {
        const known = all.map((t) => t.name).join(', ');
        throw new AssetbridgeError(
          'CONFIG_INVALID',
          `object schema '${schema.name}' has no object type '${name}' (options.objectTypes.${category}); it has: ${known}`,
        );
      }
      const defs = await this.client.attributesOf(type.id);
      types.push({
        id: type.id,
        name: type.name,
        category: category as Category,
        attributes: new Map(defs.map((d) => [d.name, d])),
        labelAttribute: defs.find((d) => d.label === true) ?? null,
      });
    }
    checkMapping(this.mapping, types);
    return types;
  }
}

/** The attribute name a path names, when it is `attributes.<name>`. */
export function attributeNameOf(ref: SourceRef): string | null {
  const [head, name] = ref.segments;
  return head === ATTRIBUTES_KEY && typeof name === 'string' ? name : null;
}

/**
 * Every attribute the mapping names (in `source` or in a transform's sources) must exist on every
 * configured object type; otherwise MAPPING_INVALID naming file, line, type and its attributes.
 */
export function checkMapping(mapping: Mapping, types: readonly ObjectTypeInfo[]): void {
  const issues: FileIssue[] = [];
  for (const field of mapping.fields) {
    const base = `fields.${field.core}`;
    const refs = field.source === null ? [] : [{ ref: field.source, at: `${base}.source` }];
    field.transforms.forEach((t, j) => {
      if (t.kind !== 'concat' && t.kind !== 'firstNonEmpty') return;
      refs.push(...t.sources.map((ref) => ({ ref, at: `${base}.transforms[${j}].${t.kind}` })));
    });
    for (const { ref, at } of refs) {
      const name = attributeNameOf(ref);
      if (name === null) continue;
      for (const type of types) {
        if (type.attributes.has(name)) continue;
        const names = [...type.attributes.keys()].join(', ');
        issues.push({
          file: mapping.file,
          line: field.line,
          field: at,
          message: `object type ${type.name} has no attribute '${name}'; its attributes: ${names}`,
        });
      }
    }
  }
  if (issues.length > 0) throwIssues('MAPPING_INVALID', `mapping ${mapping.file}`, issues);
}

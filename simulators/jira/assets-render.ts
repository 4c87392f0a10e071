/**
 * Renders Assets entities in the wire format of the Assets Cloud REST API: objects with their
 * typed attribute values, object types, object type attributes and the object schema.
 */
import { DEFAULT_TYPE_NAMES } from './assets-schema';
import type { AssetsSchema, AttrDef, ObjectTypeDef } from './assets-schema';
import type { AssetObject, AssetsStore } from './assets-store';
import type { JiraUsers } from './jira-users';
import { displayDate, displayDateTime, isoUtc } from './jira-time';

export interface AssetsRenderContext {
  baseUrl: string;
  workspaceId: string;
  schema: AssetsSchema;
  store: AssetsStore;
  users: JiraUsers;
  /** Rendered object types, reused within one response. */
  typeCache?: Map<string, Json>;
}

type Json = Record<string, unknown>;

export function assetsApiBase(ctx: AssetsRenderContext): string {
  return `${ctx.baseUrl}/jsm/assets/workspace/${ctx.workspaceId}/v1`;
}

function icon(ctx: AssetsRenderContext, def: ObjectTypeDef): Json {
  const url = `${assetsApiBase(ctx)}/icon/${def.iconId}/icon.png`;
  return { id: def.iconId, name: def.name, url16: `${url}?size=16`, url48: `${url}?size=48` };
}

export function renderObjectType(ctx: AssetsRenderContext, def: ObjectTypeDef): Json {
  const cached = ctx.typeCache?.get(def.id);
  if (cached) return cached;
  const rendered = buildObjectType(ctx, def);
  ctx.typeCache?.set(def.id, rendered);
  return rendered;
}

function buildObjectType(ctx: AssetsRenderContext, def: ObjectTypeDef): Json {
  const created = isoUtc(ctx.schema.schema.createdMs);
  const parent = def.parentObjectTypeId ? ctx.schema.types.get(def.parentObjectTypeId) : undefined;
  return {
    workspaceId: ctx.workspaceId,
    globalId: `${ctx.workspaceId}:${def.id}`,
    id: def.id,
    name: def.name,
    description: def.description,
    icon: icon(ctx, def),
    position: def.position,
    created,
    updated: created,
    objectCount: ctx.store.countOfType(def.id),
    ...(parent ? { parentObjectTypeId: Number(parent.id) } : {}),
    objectSchemaId: ctx.schema.schema.id,
    inherited: def.inherited,
    abstractObjectType: def.abstractObjectType,
    parentObjectTypeInherited: parent?.inherited ?? false,
  };
}

export function renderAttrDef(
  ctx: AssetsRenderContext,
  def: AttrDef,
  typeId = def.objectTypeId,
): Json {
  const type = ctx.schema.types.get(typeId) as ObjectTypeDef;
  const refType = def.referenceObjectTypeId
    ? ctx.schema.types.get(def.referenceObjectTypeId)
    : undefined;
  return {
    workspaceId: ctx.workspaceId,
    globalId: `${ctx.workspaceId}:${def.id}`,
    id: def.id,
    objectType: renderObjectType(ctx, type),
    name: def.name,
    label: def.label,
    type: def.kind,
    ...(def.defaultTypeId !== null
      ? { defaultType: { id: def.defaultTypeId, name: DEFAULT_TYPE_NAMES[def.defaultTypeId] } }
      : {}),
    ...(def.kind === 7 ? { typeValueMulti: [...def.statusIds] } : {}),
    ...(refType
      ? {
          typeValue: refType.id,
          referenceType: {
            workspaceId: ctx.workspaceId,
            globalId: `${ctx.workspaceId}:1`,
            id: '1',
            name: 'Reference',
            description: '',
            color: '#2684FF',
            url16: `${assetsApiBase(ctx)}/config/referencetype/1/icon.png`,
            removable: false,
            objectSchemaId: ctx.schema.schema.id,
          },
          referenceObjectTypeId: refType.id,
          referenceObjectType: renderObjectType(ctx, refType),
        }
      : {}),
    editable: def.editable,
    system: def.system,
    sortable: true,
    summable: def.defaultTypeId === 1,
    indexed: true,
    minimumCardinality: def.minimumCardinality,
    maximumCardinality: def.maximumCardinality,
    suffix: def.suffix,
    removable: !def.system && !def.label,
    hidden: false,
    includeChildObjectTypes: false,
    uniqueAttribute: def.uniqueAttribute,
    options: def.options.join(','),
    position: def.position,
  };
}

export function renderSchema(ctx: AssetsRenderContext): Json {
  const s = ctx.schema.schema;
  return {
    workspaceId: ctx.workspaceId,
    globalId: `${ctx.workspaceId}:${s.id}`,
    id: s.id,
    name: s.name,
    objectSchemaKey: s.objectSchemaKey,
    description: s.description,
    status: 'Ok',
    created: isoUtc(s.createdMs),
    updated: isoUtc(s.createdMs),
    objectCount: ctx.store.objects.size,
    objectTypeCount: ctx.schema.types.size,
  };
}

export interface RenderObjectOptions {
  attributes: boolean;
  /** Nest each attribute's definition (`GET object/{id}/attributes`). */
  withDefinitions?: boolean;
}

export function renderObject(
  ctx: AssetsRenderContext,
  obj: AssetObject,
  opts: RenderObjectOptions,
): Json {
  const ws = ctx.workspaceId;
  const type = ctx.schema.types.get(obj.objectTypeId) as ObjectTypeDef;
  const avatarBase = `${assetsApiBase(ctx)}/object/${obj.id}/avatar.png`;
  return {
    workspaceId: ws,
    globalId: `${ws}:${obj.id}`,
    id: obj.id,
    label: ctx.store.labelOf(obj),
    objectKey: ctx.store.keyOf(obj),
    avatar: {
      workspaceId: ws,
      globalId: `${ws}:${obj.id}`,
      url16: `${avatarBase}?size=16`,
      url48: `${avatarBase}?size=48`,
      url72: `${avatarBase}?size=72`,
      url144: `${avatarBase}?size=144`,
      url288: `${avatarBase}?size=288`,
      objectId: obj.id,
    },
    objectType: renderObjectType(ctx, type),
    created: isoUtc(obj.createdMs),
    updated: isoUtc(obj.updatedMs),
    hasAvatar: false,
    timestamp: obj.updatedMs,
    ...(opts.attributes
      ? { attributes: renderAttributes(ctx, obj, opts.withDefinitions ?? false) }
      : {}),
    _links: { self: `${assetsApiBase(ctx)}/object/${obj.id}` },
  };
}

export function renderAttributes(
  ctx: AssetsRenderContext,
  obj: AssetObject,
  withDefs: boolean,
): Json[] {
  const out: Json[] = [];
  for (const def of ctx.schema.attributesOf(obj.objectTypeId)) {
    const values = storedValues(ctx, obj, def);
    if (values.length === 0) continue;
    const attrId = String(Number(obj.id) * 32 + Number(def.id));
    out.push({
      workspaceId: ctx.workspaceId,
      globalId: `${ctx.workspaceId}:${attrId}`,
      id: attrId,
      ...(withDefs ? { objectTypeAttribute: renderAttrDef(ctx, def, obj.objectTypeId) } : {}),
      objectTypeAttributeId: def.id,
      objectAttributeValues: values.map((v) => renderValue(ctx, def, v)),
    });
  }
  return out;
}

function storedValues(ctx: AssetsRenderContext, obj: AssetObject, def: AttrDef): string[] {
  if (!def.system) return obj.values.get(def.id) ?? [];
  if (def.name === 'Key') return [ctx.store.keyOf(obj)];
  if (def.name === 'Created') return [isoUtc(obj.createdMs)];
  return [isoUtc(obj.updatedMs)];
}

function renderValue(ctx: AssetsRenderContext, def: AttrDef, raw: string): Json {
  switch (def.kind) {
    case 1: {
      const target = ctx.store.find(raw);
      if (!target) return { displayValue: raw, searchValue: raw };
      return {
        referencedObject: renderObject(ctx, target, { attributes: false }),
        displayValue: ctx.store.labelOf(target),
        searchValue: ctx.store.keyOf(target),
      };
    }
    case 2: {
      const user = ctx.users.get(raw);
      const name = user?.displayName ?? raw;
      return {
        user: {
          avatarUrl: `${ctx.baseUrl}/secure/useravatar?accountId=${encodeURIComponent(raw)}`,
          displayName: name,
          name,
          key: raw,
          isDeleted: !user,
        },
        displayValue: name,
        searchValue: raw,
      };
    }
    case 7: {
      const status = ctx.schema.statuses.get(raw);
      return {
        status: {
          id: raw,
          name: status?.name ?? raw,
          category: status?.category ?? 0,
          objectSchemaId: ctx.schema.schema.id,
        },
        displayValue: status?.name ?? raw,
        searchValue: raw,
      };
    }
    default:
      return renderDefaultValue(def, raw);
  }
}

function renderDefaultValue(def: AttrDef, raw: string): Json {
  if (def.defaultTypeId === 4)
    return { value: raw, displayValue: displayDate(raw), searchValue: raw };
  if (def.defaultTypeId === 6) {
    return { value: raw, displayValue: displayDateTime(Date.parse(raw)), searchValue: raw };
  }
  return { value: raw, displayValue: raw, searchValue: raw };
}

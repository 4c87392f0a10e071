/**
 * Turns OpenAPI 3.0 schemas into JSON Schema (draft 2019-09) that Ajv can compile:
 * - `$ref: '#/components/schemas/X'` becomes an absolute reference into the registered document;
 * - `nullable: true` becomes a `null` type (or enum member, or an `anyOf` with null);
 * - boolean `exclusiveMinimum`/`exclusiveMaximum` become the numeric form;
 * - when closing is on, every object schema in a value position (response root, property value,
 *   array item) that declares `properties` (directly or through allOf/oneOf/anyOf) and does not
 *   set additionalProperties gets `unevaluatedProperties: false`, so invented fields fail while
 *   allOf compositions still work.
 */

export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

const SCHEMA_REF_PREFIX = '#/components/schemas/';

export interface TransformContext {
  /** `$id` of the registered document that holds the converted component schemas under `$defs`. */
  docId: string;
  /** The original OpenAPI document, for following references. */
  document: JsonObject;
  /** Add `unevaluatedProperties: false` to object schemas in value positions. */
  close: boolean;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Resolves a local JSON pointer such as `#/components/responses/NotFound`. */
export function resolvePointer(document: JsonObject, ref: string): Json | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let node: Json | undefined = document;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isJsonObject(node) && !Array.isArray(node)) return undefined;
    node = Array.isArray(node) ? node[Number(key)] : node[key];
  }
  return node;
}

/** The absolute reference Ajv resolves for a local schema reference. */
export function absoluteRef(ctx: TransformContext, ref: string): string {
  if (!ref.startsWith(SCHEMA_REF_PREFIX)) {
    throw new Error(
      `unsupported $ref "${ref}": only ${SCHEMA_REF_PREFIX}... is resolved in schemas`,
    );
  }
  return `${ctx.docId}#/$defs/${ref.slice(SCHEMA_REF_PREFIX.length)}`;
}

/** True when the schema declares `properties`, directly, through $ref or through composition. */
export function declaresProperties(
  document: JsonObject,
  schema: Json | undefined,
  seen = new Set<string>(),
): boolean {
  if (!isJsonObject(schema)) return false;
  if (typeof schema.$ref === 'string') {
    if (seen.has(schema.$ref)) return false;
    seen.add(schema.$ref);
    return declaresProperties(document, resolvePointer(document, schema.$ref), seen);
  }
  if (isJsonObject(schema.properties)) return true;
  return ['allOf', 'oneOf', 'anyOf'].some((keyword) => {
    const members = schema[keyword];
    return Array.isArray(members) && members.some((m) => declaresProperties(document, m, seen));
  });
}

/** Converts a schema found in a value position (a response body, a property value, an item). */
export function convertValueSchema(ctx: TransformContext, schema: Json): Json {
  return convert(ctx, schema, true);
}

/** Converts a component schema for the registered document (closing happens at use sites). */
export function convertComponentSchema(ctx: TransformContext, schema: Json): Json {
  return convert(ctx, schema, false);
}

function convert(ctx: TransformContext, schema: Json, valuePosition: boolean): Json {
  if (!isJsonObject(schema)) return schema;
  const nullable = schema.nullable === true;
  let out: JsonObject;
  if (typeof schema.$ref === 'string') {
    out = { $ref: absoluteRef(ctx, schema.$ref) };
    if (valuePosition && ctx.close && declaresProperties(ctx.document, schema)) {
      out = { allOf: [out], unevaluatedProperties: false };
    }
  } else {
    out = convertKeywords(ctx, schema);
    const open = 'additionalProperties' in schema || 'unevaluatedProperties' in schema;
    if (valuePosition && ctx.close && !open && declaresProperties(ctx.document, schema)) {
      out.unevaluatedProperties = false;
    }
  }
  return nullable ? makeNullable(out) : out;
}

function convertKeywords(ctx: TransformContext, schema: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'nullable') continue;
    if (key === 'properties' && isJsonObject(value)) {
      out.properties = mapValues(value, (v) => convert(ctx, v, true));
    } else if ((key === 'items' || key === 'additionalProperties') && isJsonObject(value)) {
      out[key] = convert(ctx, value, true);
    } else if ((key === 'allOf' || key === 'oneOf' || key === 'anyOf') && Array.isArray(value)) {
      out[key] = value.map((member) => convert(ctx, member, false));
    } else if (key === 'not' && isJsonObject(value)) {
      out.not = convert(ctx, value, false);
    } else {
      out[key] = value;
    }
  }
  fixExclusiveBounds(out);
  return out;
}

function makeNullable(schema: JsonObject): JsonObject {
  if (typeof schema.type === 'string') {
    const enumValues = schema.enum;
    const out: JsonObject = { ...schema, type: [schema.type, 'null'] };
    if (Array.isArray(enumValues) && !enumValues.includes(null)) out.enum = [...enumValues, null];
    return out;
  }
  return { anyOf: [schema, { type: 'null' }] };
}

function fixExclusiveBounds(schema: JsonObject): void {
  for (const [exclusive, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (schema[exclusive] === true && typeof schema[bound] === 'number') {
      schema[exclusive] = schema[bound];
      delete schema[bound];
    } else if (typeof schema[exclusive] === 'boolean') {
      delete schema[exclusive];
    }
  }
}

function mapValues(object: JsonObject, fn: (value: Json) => Json): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(object)) out[key] = fn(value);
  return out;
}

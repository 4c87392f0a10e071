/**
 * Turns the `attributes` of an Assets create/update body into stored values, checking each value
 * against its attribute's type the way Assets does; problems are collected per attribute.
 */
import type { AssetsSchema, AttrDef } from './assets-schema';
import { isIsoDate, parseDateLiteral } from './jira-time';

export interface AttributeInput {
  objectTypeAttributeId: string;
  objectAttributeValues: Array<{ value: string }>;
}

export interface ValueLookups {
  userExists(accountId: string): boolean;
  /** The id of the referenced object (by key `ITA-12` or id), if it exists with the right type. */
  resolveReference(ref: string, typeIds: Set<string>): string | undefined;
}

/** A 400 with the Assets error body: `errorMessages` and an `errors` map. */
export class AssetsValidationError extends Error {
  constructor(
    readonly errorMessages: string[],
    readonly errors: Record<string, string>,
  ) {
    super([...errorMessages, ...Object.values(errors)].join('; '));
  }
}

/** The key Assets uses for an attribute in the `errors` map. */
export function errorKey(attrId: string): string {
  return `rlabs-insight-attribute-${attrId}`;
}

export function parseAttributeInputs(
  schema: AssetsSchema,
  typeId: string,
  inputs: AttributeInput[],
  lookups: ValueLookups,
): Map<string, string[]> {
  const allowed = new Map(schema.attributesOf(typeId).map((a) => [a.id, a]));
  const errors: Record<string, string> = {};
  const out = new Map<string, string[]>();
  for (const input of inputs) {
    const def = allowed.get(input.objectTypeAttributeId);
    if (!def) {
      errors[errorKey(input.objectTypeAttributeId)] =
        `Object type attribute with id ${input.objectTypeAttributeId} does not exist on object type ${typeId}`;
      continue;
    }
    if (def.system) {
      errors[errorKey(def.id)] =
        `${def.name}: the attribute is a system attribute and cannot be set`;
      continue;
    }
    const values = input.objectAttributeValues.map((v) => v.value);
    if (def.maximumCardinality !== -1 && values.length > def.maximumCardinality) {
      errors[errorKey(def.id)] =
        `${def.name}: at most ${def.maximumCardinality} value(s) allowed, got ${values.length}`;
      continue;
    }
    const converted: string[] = [];
    for (const raw of values) {
      const result = convertValue(schema, def, raw, lookups);
      if (typeof result === 'object') {
        errors[errorKey(def.id)] = `${def.name}: ${result.error}`;
        break;
      }
      converted.push(result);
    }
    if (!errors[errorKey(def.id)]) out.set(def.id, converted);
  }
  if (Object.keys(errors).length > 0) throw new AssetsValidationError([], errors);
  return out;
}

type Converted = string | { error: string };

function convertValue(
  schema: AssetsSchema,
  def: AttrDef,
  raw: string,
  lookups: ValueLookups,
): Converted {
  if (typeof raw !== 'string') return { error: `the value must be a string, got ${typeof raw}` };
  switch (def.kind) {
    case 1: {
      const types = schema.typeAndChildren(def.referenceObjectTypeId ?? '');
      const id = lookups.resolveReference(raw.trim(), types);
      return id ?? { error: `no object "${raw}" of the referenced object type exists` };
    }
    case 2:
      return lookups.userExists(raw) ? raw : { error: `no user with account id "${raw}"` };
    case 7:
      return def.statusIds.includes(raw.trim())
        ? raw.trim()
        : { error: `"${raw}" is not the id of a status allowed for this attribute` };
    default:
      return convertDefault(def, raw);
  }
}

function convertDefault(def: AttrDef, raw: string): Converted {
  switch (def.defaultTypeId) {
    case 1:
      return /^[-+]?\d+$/.test(raw.trim())
        ? String(Number(raw.trim()))
        : { error: `"${raw}" is not a valid integer` };
    case 4:
      return isIsoDate(raw.trim())
        ? raw.trim()
        : { error: `"${raw}" is not a valid date (yyyy-MM-dd)` };
    case 6: {
      const ms = parseDateLiteral(raw, 0);
      return ms === null || /^[+-]?\d+\s*[wdhm]$/i.test(raw.trim())
        ? { error: `"${raw}" is not a valid ISO-8601 date-time` }
        : new Date(ms).toISOString();
    }
    case 10: {
      const option = def.options.find((o) => o.toLowerCase() === raw.trim().toLowerCase());
      return option ?? { error: `"${raw}" is not one of the options ${def.options.join(', ')}` };
    }
    default:
      return raw;
  }
}

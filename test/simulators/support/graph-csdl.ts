/**
 * Microsoft Graph conformance from the CSDL summary (`specs/msgraph-v1.0-managedDevice.summary.json`):
 * property names of an entity including its base types, and a structural check of a JSON body
 * against the EDM types (unknown properties, wrong JSON types, non-nullable nulls, enum members).
 */
import fs from 'node:fs';
import path from 'node:path';
import { sharedDir } from './shared-dir';

export interface GraphProperty {
  name: string;
  kind: 'Property' | 'NavigationProperty';
  type: string;
  nullable: boolean;
}

interface GraphStructuredType {
  baseType: string | null;
  properties: GraphProperty[];
}

export interface GraphSummary {
  entityTypes: Record<string, GraphStructuredType>;
  complexTypes: Record<string, GraphStructuredType>;
  enumTypes: Record<string, { isFlags: boolean; members: { name: string }[] }>;
}

export const GRAPH_SUMMARY_FILE = 'msgraph-v1.0-managedDevice.summary.json';

const cache = new Map<string, GraphSummary>();

/** The summary from ../shared/specs; null when ../shared is absent. */
export function loadGraphSummary(): GraphSummary | null {
  const dir = sharedDir();
  if (!dir) return null;
  const file = path.join(dir, 'specs', GRAPH_SUMMARY_FILE);
  const hit = cache.get(file);
  if (hit) return hit;
  if (!fs.existsSync(file)) throw new Error(`loadGraphSummary: ${file} does not exist`);
  const summary = JSON.parse(fs.readFileSync(file, 'utf8')) as GraphSummary;
  cache.set(file, summary);
  return summary;
}

/** All properties of an entity or complex type, base types first. */
export function graphProperties(summary: GraphSummary, typeName: string): GraphProperty[] {
  const name = stripNamespace(typeName);
  const type = summary.entityTypes[name] ?? summary.complexTypes[name];
  if (!type) throw new Error(`Graph summary has no entity or complex type "${name}"`);
  const base = type.baseType ? graphProperties(summary, type.baseType) : [];
  return [...base, ...type.properties];
}

/**
 * Property names of `entity` including base types (`id` from `entity`); navigation properties
 * only when asked. Null when ../shared is absent (or pass a summary).
 */
export function graphPropertyNames(
  entity = 'managedDevice',
  options: { navigation?: boolean; summary?: GraphSummary } = {},
): Set<string> | null {
  const summary = options.summary ?? loadGraphSummary();
  if (!summary) return null;
  const props = graphProperties(summary, entity).filter(
    (p) => options.navigation || p.kind === 'Property',
  );
  return new Set(props.map((p) => p.name));
}

export interface GraphValidateOptions {
  summary?: GraphSummary;
  /** Accept navigation properties (as after `$expand`). Default false. */
  allowNavigation?: boolean;
}

/** Checks `body` against `entity` (default managedDevice); returns error messages. */
export function validateGraphEntity(
  body: unknown,
  entity = 'managedDevice',
  options: GraphValidateOptions = {},
): string[] {
  const summary = options.summary ?? loadGraphSummary();
  if (!summary)
    throw new Error(`validateGraphEntity: ../shared/specs/${GRAPH_SUMMARY_FILE} is absent`);
  const errors: string[] = [];
  checkStructured(summary, entity, body, '', errors, options.allowNavigation ?? false);
  return errors;
}

function checkStructured(
  summary: GraphSummary,
  typeName: string,
  value: unknown,
  where: string,
  errors: string[],
  allowNavigation: boolean,
): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    errors.push(`${where || '/'}: must be a JSON object (${stripNamespace(typeName)})`);
    return;
  }
  const declared = derivedType(summary, typeName, value);
  const props = new Map(graphProperties(summary, declared.type).map((p) => [p.name, p]));
  for (const [key, item] of Object.entries(value)) {
    if (key.startsWith('@odata.') || key.includes('@odata.')) continue;
    const prop = props.get(key);
    const at = `${where}/${key}`;
    if (!prop) {
      if (declared.known)
        errors.push(`${at}: ${stripNamespace(declared.type)} has no property "${key}"`);
    } else if (prop.kind === 'NavigationProperty') {
      if (!allowNavigation) errors.push(`${at}: navigation property is only returned with $expand`);
    } else {
      checkValue(summary, prop.type, prop.nullable, item, at, errors, allowNavigation);
    }
  }
}

function checkValue(
  summary: GraphSummary,
  type: string,
  nullable: boolean,
  value: unknown,
  at: string,
  errors: string[],
  allowNavigation: boolean,
): void {
  if (value === null) {
    if (!nullable) errors.push(`${at}: is null but ${type} is not nullable`);
    return;
  }
  const collection = /^Collection\((.+)\)$/.exec(type);
  if (collection) {
    if (!Array.isArray(value)) errors.push(`${at}: must be an array of ${collection[1]}`);
    else
      value.forEach((v, i) =>
        checkValue(
          summary,
          collection[1] as string,
          false,
          v,
          `${at}/${i}`,
          errors,
          allowNavigation,
        ),
      );
    return;
  }
  const problem = primitiveProblem(summary, type, value);
  if (problem === undefined) {
    checkStructured(summary, type, value, at, errors, allowNavigation);
  } else if (problem) {
    errors.push(`${at}: ${problem}`);
  }
}

/**
 * The type to check an object against: its `@odata.type` when the summary describes it; else the
 * declared type, with `known: false` when `@odata.type` names a derived type the summary lacks
 * (its extra properties cannot be checked, so they are not reported).
 */
function derivedType(
  summary: GraphSummary,
  declared: string,
  value: object,
): { type: string; known: boolean } {
  const odataType = (value as Record<string, unknown>)['@odata.type'];
  if (typeof odataType !== 'string') return { type: declared, known: true };
  const name = stripNamespace(odataType.replace(/^#/, ''));
  if (name === stripNamespace(declared)) return { type: declared, known: true };
  if (summary.entityTypes[name] ?? summary.complexTypes[name]) return { type: name, known: true };
  return { type: declared, known: false };
}

/** '' when valid, a message when invalid, undefined when `type` is structured. */
function primitiveProblem(summary: GraphSummary, type: string, value: unknown): string | undefined {
  switch (type) {
    case 'Edm.String':
      return typeof value === 'string' ? '' : 'must be a string';
    case 'Edm.Boolean':
      return typeof value === 'boolean' ? '' : 'must be a boolean';
    case 'Edm.Int32':
    case 'Edm.Int64':
    case 'Edm.Int16':
    case 'Edm.Byte':
      return Number.isInteger(value) ? '' : 'must be an integer number';
    case 'Edm.Double':
    case 'Edm.Single':
    case 'Edm.Decimal':
      return typeof value === 'number' ? '' : 'must be a number';
    case 'Edm.DateTimeOffset':
      return typeof value === 'string' && ISO_INSTANT.test(value)
        ? ''
        : 'must be an ISO-8601 instant';
    case 'Edm.Guid':
      return typeof value === 'string' && GUID.test(value) ? '' : 'must be a GUID string';
    case 'Edm.Binary':
      return typeof value === 'string' && BASE64.test(value) ? '' : 'must be a base64 string';
  }
  const name = stripNamespace(type);
  const enumType = summary.enumTypes[name];
  if (enumType) return enumProblem(name, enumType, value);
  if (summary.complexTypes[name] || summary.entityTypes[name]) return undefined;
  return `has type ${type} that the summary does not describe`;
}

function enumProblem(
  name: string,
  enumType: GraphSummary['enumTypes'][string],
  value: unknown,
): string {
  if (typeof value !== 'string') return `must be a ${name} member name (string)`;
  const members = new Set(enumType.members.map((m) => m.name));
  const parts = enumType.isFlags ? value.split(',').map((p) => p.trim()) : [value];
  const bad = parts.filter((p) => !members.has(p));
  return bad.length === 0 ? '' : `"${value}" is not a ${name} member (${[...members].join(', ')})`;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?(Z|[+-]\d{2}:\d{2})$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function stripNamespace(type: string): string {
  return type.replace(/^(microsoft\.)?graph\./, '');
}

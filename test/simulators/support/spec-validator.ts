/**
 * Conformance helpers: validate simulator responses against the vendors' OpenAPI descriptions in
 * ../shared/specs (and, through graph-csdl.ts, the Microsoft Graph CSDL summary). Invented fields
 * fail: object schemas that declare `properties` are closed unless the vendor leaves them open.
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import {
  convertComponentSchema,
  convertValueSchema,
  isJsonObject,
  resolvePointer,
  type Json,
  type JsonObject,
  type TransformContext,
} from './openapi-schema-transform';
import { findOperation, type OperationTarget } from './openapi-operations';
import { requireShared, sharedDir } from './shared-dir';

export { describeConformance, requireShared, sharedDir } from './shared-dir';
export { graphPropertyNames, loadGraphSummary, validateGraphEntity } from './graph-csdl';

export interface OpenApiSpec {
  /** File name under specs/ (or a label for inline specs). */
  file: string;
  document: JsonObject;
  /** Validators by target and closing mode. */
  readonly cache: Map<string, ValidateFunction>;
  ajv: Ajv2019;
  /** `$id`s of the registered component documents: closed (default) and open. */
  docIds: { closed: string; open: string };
}

export interface ValidateOptions {
  /** Leave object schemas open (unknown properties allowed). Default false. */
  allowAdditionalProperties?: boolean;
}

/**
 * A target: a component schema name (`ComputerInventory`) or ref (`#/components/schemas/X`); an
 * operation `METHOD PATH` (the 200 response), optionally with a status: `POST /v1/auth/token 201`;
 * or an object form.
 */
export type SchemaTarget = string | OperationTarget | { schema: string };

let specCounter = 0;

/** Loads `../shared/specs/<file>`; null when ../shared is absent. Throws if the file is missing. */
export function loadOpenApi(file: string): OpenApiSpec | null {
  const dir = sharedDir();
  if (!dir) return null;
  const full = path.join(dir, 'specs', file);
  if (!fs.existsSync(full)) {
    throw new Error(`loadOpenApi: ${full} does not exist (files: ${listSpecs(dir)})`);
  }
  const document: unknown = JSON.parse(fs.readFileSync(full, 'utf8'));
  return openApiFromDocument(document, file);
}

/** Like loadOpenApi, but throws unless ASSETBRIDGE_NO_SHARED=1 when ../shared is absent. */
export function requireOpenApi(file: string): OpenApiSpec | null {
  return requireShared() === null ? null : loadOpenApi(file);
}

/** Wraps an already parsed OpenAPI 3.0 document (tests use small inline specs). */
export function openApiFromDocument(document: unknown, file = 'inline'): OpenApiSpec {
  if (!isJsonObject(document) || typeof document.openapi !== 'string') {
    throw new Error(`${file} is not an OpenAPI 3 document (no "openapi" field)`);
  }
  specCounter += 1;
  const base = `https://assetbridge.invalid/specs/${specCounter}/${encodeURIComponent(file)}`;
  const docIds = { closed: `${base}/closed`, open: `${base}/open` };
  const ajv = new Ajv2019({ allErrors: true, strict: false, logger: false });
  addFormats(ajv);
  const components = isJsonObject(document.components) ? document.components : {};
  const schemas = isJsonObject(components.schemas) ? components.schemas : {};
  for (const close of [true, false]) {
    const docId = close ? docIds.closed : docIds.open;
    const ctx: TransformContext = { docId, document, close };
    const defs: JsonObject = {};
    for (const [name, schema] of Object.entries(schemas)) {
      defs[name] = convertComponentSchema(ctx, schema);
    }
    ajv.addSchema({ $id: docId, $defs: defs });
  }
  return { file, document, ajv, docIds, cache: new Map() };
}

/** Validates `body`; returns readable error messages (empty when valid). */
export function validateAgainstSchema(
  spec: OpenApiSpec,
  target: SchemaTarget,
  body: unknown,
  options: ValidateOptions = {},
): string[] {
  const validate = validatorFor(spec, target, options);
  if (validate(body)) return [];
  return (validate.errors ?? []).map(formatError);
}

/** The names of the component schemas. */
export function componentSchemaNames(spec: OpenApiSpec): string[] {
  const components = spec.document.components;
  const schemas = isJsonObject(components) ? components.schemas : undefined;
  return isJsonObject(schemas) ? Object.keys(schemas) : [];
}

function validatorFor(spec: OpenApiSpec, target: SchemaTarget, options: ValidateOptions) {
  const close = !options.allowAdditionalProperties;
  const key = `${close ? 'closed' : 'open'} ${JSON.stringify(target)}`;
  const cached = spec.cache.get(key);
  if (cached) return cached;
  const docId = close ? spec.docIds.closed : spec.docIds.open;
  const ctx: TransformContext = { docId, document: spec.document, close };
  const schema = convertValueSchema(ctx, rawSchemaFor(spec, target));
  const root: JsonObject = isJsonObject(schema) ? schema : { allOf: [schema] };
  let validate: ValidateFunction;
  try {
    validate = spec.ajv.compile(root);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${spec.file}: cannot compile the schema of ${targetLabel(target)}: ${reason}`);
  }
  spec.cache.set(key, validate);
  return validate;
}

function rawSchemaFor(spec: OpenApiSpec, target: SchemaTarget): Json {
  if (typeof target === 'object' && 'schema' in target) return componentRef(spec, target.schema);
  if (typeof target === 'string' && !/^[A-Za-z]+ \//.test(target)) {
    return componentRef(spec, target);
  }
  return findOperation(spec.document, target, spec.file).schema;
}

function componentRef(spec: OpenApiSpec, nameOrRef: string): Json {
  const ref = nameOrRef.startsWith('#/') ? nameOrRef : `#/components/schemas/${nameOrRef}`;
  if (resolvePointer(spec.document, ref) === undefined) {
    throw new Error(`${spec.file}: no schema at ${ref}`);
  }
  return { $ref: ref };
}

function targetLabel(target: SchemaTarget): string {
  return typeof target === 'string' ? target : JSON.stringify(target);
}

function formatError(error: ErrorObject): string {
  const where = error.instancePath || '/';
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'unevaluatedProperties' || error.keyword === 'additionalProperties') {
    const name = params.unevaluatedProperty ?? params.additionalProperty;
    return `${where}: has property "${String(name)}" that the vendor schema does not declare`;
  }
  if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    return `${where}: must be one of ${JSON.stringify(params.allowedValues)}`;
  }
  return `${where}: ${error.message ?? error.keyword}`;
}

function listSpecs(dir: string): string {
  try {
    return fs.readdirSync(path.join(dir, 'specs')).join(', ');
  } catch {
    return 'none';
  }
}

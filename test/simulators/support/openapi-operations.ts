/**
 * Finds the response schema of an OpenAPI operation: `METHOD PATH [STATUS]`, where PATH is the
 * spec's path template (`/v1/computers-inventory/{id}`) or a concrete request path, with or
 * without the server base path (`/api/v1/computers-inventory/12`).
 */
import {
  isJsonObject,
  resolvePointer,
  type Json,
  type JsonObject,
} from './openapi-schema-transform';

export interface OperationTarget {
  method: string;
  path: string;
  /** Default 200. */
  status?: number | string;
  /** Default: application/json, else the first JSON-like media type, else the only one. */
  contentType?: string;
}

export interface FoundOperation {
  specPath: string;
  schema: Json;
}

const METHOD_PATH = /^([A-Za-z]+) (\S+)(?: (\d{3}|default))?$/;

export function parseOperation(target: string | OperationTarget): OperationTarget {
  if (typeof target !== 'string') return target;
  const match = METHOD_PATH.exec(target.trim());
  if (!match) throw new Error(`"${target}" is not "METHOD /path [status]"`);
  return { method: match[1] as string, path: match[2] as string, status: match[3] ?? 200 };
}

export function findOperation(
  document: JsonObject,
  target: string | OperationTarget,
  file: string,
): FoundOperation {
  const op = parseOperation(target);
  const label = `${op.method.toUpperCase()} ${op.path}`;
  const paths = isJsonObject(document.paths) ? document.paths : {};
  const specPath = matchPath(document, Object.keys(paths), op.path);
  if (!specPath) throw new Error(`${file}: no path matches ${op.path}`);
  const operation = (paths[specPath] as JsonObject)[op.method.toLowerCase()];
  if (!isJsonObject(operation)) throw new Error(`${file}: ${label} has no operation`);
  const responses = isJsonObject(operation.responses) ? operation.responses : {};
  const status = String(op.status ?? 200);
  let response: Json | undefined = responses[status];
  if (isJsonObject(response) && typeof response.$ref === 'string') {
    response = resolvePointer(document, response.$ref);
  }
  if (!isJsonObject(response)) {
    const known = Object.keys(responses).join(', ');
    throw new Error(`${file}: ${label} has no ${status} response (it has: ${known})`);
  }
  const schema = mediaSchema(response, op.contentType);
  if (schema === undefined) throw new Error(`${file}: ${label} ${status} has no JSON body schema`);
  return { specPath, schema };
}

function mediaSchema(response: JsonObject, contentType?: string): Json | undefined {
  const content = isJsonObject(response.content) ? response.content : {};
  const types = Object.keys(content);
  const chosen =
    (contentType && types.includes(contentType) ? contentType : undefined) ??
    types.find((t) => t === 'application/json') ??
    types.find((t) => /json/i.test(t)) ??
    (types.length === 1 ? types[0] : undefined);
  const media = chosen ? content[chosen] : undefined;
  return isJsonObject(media) ? media.schema : undefined;
}

function matchPath(document: JsonObject, specPaths: string[], requested: string): string | null {
  const path = requested.split('?')[0] as string;
  if (specPaths.includes(path)) return path;
  for (const candidate of [path, ...withoutServerBase(document, path)]) {
    const found = specPaths
      .filter((template) => templateMatches(template, candidate))
      .sort((x, y) => paramCount(x) - paramCount(y));
    if (found[0]) return found[0];
  }
  return null;
}

function withoutServerBase(document: JsonObject, path: string): string[] {
  const servers = Array.isArray(document.servers) ? document.servers : [];
  const bases = servers
    .map((server) => (isJsonObject(server) && typeof server.url === 'string' ? server.url : ''))
    .map((url) => url.replace(/^[a-z]+:\/\/[^/]+/i, '').replace(/\/$/, ''))
    .filter((base) => base.startsWith('/') && path.startsWith(`${base}/`));
  return bases.map((base) => path.slice(base.length));
}

function templateMatches(template: string, path: string): boolean {
  const a = template.split('/');
  const b = path.split('/');
  if (a.length !== b.length) return false;
  return a.every((segment, i) => segment === b[i] || (/^\{[^}]+\}$/.test(segment) && b[i] !== ''));
}

function paramCount(template: string): number {
  return (template.match(/\{[^}]+\}/g) ?? []).length;
}

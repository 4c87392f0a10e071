import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { AssetbridgeError, type ErrorCode } from '../errors';
import { didYouMean } from './did-you-mean';
import { keysAt } from './schema-keys';

/** One problem in a file, located by line. */
export interface FileIssue {
  /** The file as it was given (relative when given relative). */
  file: string;
  /** 1-based line number; 1 when no better place is known. */
  line: number;
  /** What the problem is about: a core field, a config path such as `connectors[jamf-prod].auth`. */
  field: string;
  message: string;
}

export type IssuePath = readonly (string | number)[];

/** A parsed YAML file that can tell the line of any path in it. */
export interface YamlSource {
  file: string;
  /** The plain data (null for an empty document). */
  data: unknown;
  /** YAML syntax errors; when any, `data` must not be trusted. */
  syntaxIssues: FileIssue[];
  lineOf(path: IssuePath): number;
}

function childOf(node: unknown, key: string | number): { keyNode?: Node; value: unknown } | null {
  if (isMap(node)) {
    const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
    if (pair === undefined) return null;
    return { keyNode: isScalar(pair.key) ? pair.key : undefined, value: pair.value };
  }
  if (isSeq(node) && typeof key === 'number') {
    return key < node.items.length ? { value: node.items[key] } : null;
  }
  return null;
}

function startOf(node: unknown): number | null {
  const range = (node as Node | null)?.range;
  return Array.isArray(range) ? range[0] : null;
}

/** Offset of the deepest node on the path; a map key's own position wins over its value's. */
function offsetOf(doc: Document, path: IssuePath): number {
  let node: unknown = doc.contents;
  let offset = startOf(node) ?? 0;
  for (const key of path) {
    const child = childOf(node, key);
    if (child === null) break;
    offset = startOf(child.keyNode) ?? startOf(child.value) ?? offset;
    node = child.value;
  }
  return offset;
}

export function parseYamlSource(text: string, file: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line;
  const syntaxIssues = doc.errors.map((err) => ({
    file,
    line: lineAt(err.pos[0]),
    field: '(yaml)',
    message: err.message,
  }));
  let data: unknown = null;
  if (syntaxIssues.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: 50 });
    } catch (err) {
      syntaxIssues.push({ file, line: 1, field: '(yaml)', message: (err as Error).message });
    }
  }
  return { file, data, syntaxIssues, lineOf: (path) => lineAt(offsetOf(doc, path)) };
}

export function formatIssue(issue: FileIssue): string {
  return `${issue.file}:${issue.line} field ${issue.field}: ${issue.message}`;
}

/** Throws one error listing every issue, one per line, with the issues in `details.issues`. */
export function throwIssues(code: ErrorCode, what: string, issues: FileIssue[]): never {
  const sorted = [...issues].sort((a, b) =>
    a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1,
  );
  const lines = sorted.map(formatIssue);
  const noun = sorted.length === 1 ? 'problem' : 'problems';
  throw new AssetbridgeError(code, `${what}: ${sorted.length} ${noun}\n${lines.join('\n')}`, {
    details: { issues: sorted },
  });
}

function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value).slice(0, 60)}`;
}

function valueAt(data: unknown, path: IssuePath): unknown {
  let node = data;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

function missingKey(path: readonly PropertyKey[], expected: string): string {
  return `missing key '${String(path[path.length - 1])}' (expected ${expected})`;
}

/** A readable message for a zod issue; unknown keys get a did-you-mean over the known keys. */
export function describeZodIssue(issue: z.core.$ZodIssue, data: unknown): string {
  const actual = valueAt(data, issue.path as IssuePath);
  switch (issue.code) {
    case 'invalid_type':
      if (actual === undefined) return missingKey(issue.path, issue.expected);
      if (issue.expected === 'int' && typeof actual === 'number') {
        return `must be a whole number, got ${actual}`;
      }
      return `expected ${issue.expected}, got ${kindOf(actual)}`;
    case 'invalid_value':
      return describeChoice(issue.path, issue.values.map(String), actual);
    case 'invalid_union': {
      const options = (issue as { options?: unknown }).options;
      if (!Array.isArray(options)) return issue.message;
      return describeChoice(issue.path, options.map(String), actual);
    }
    default:
      return issue.message;
  }
}

function describeChoice(path: readonly PropertyKey[], allowed: string[], actual: unknown): string {
  if (actual === undefined) return missingKey(path, allowed.join(' or '));
  if (allowed.length === 1) return `expected ${allowed[0]}, got ${kindOf(actual)}`;
  const hint = typeof actual === 'string' ? didYouMean(actual, allowed) : '';
  return `expected one of ${allowed.join(', ')}, got ${kindOf(actual)}${hint}`;
}

/** Names the field an issue path is about, for the `field <name>` part of a message. */
export type FieldNamer = (path: IssuePath) => string;

/**
 * zod issues as file issues; each unknown key becomes its own issue on the key's line, with a
 * did-you-mean over the keys `schema` (the one that was parsed) allows at that place.
 */
export function zodToFileIssues(
  error: z.ZodError,
  source: YamlSource,
  fieldOf: FieldNamer,
  schema: z.ZodType,
  base: IssuePath = [],
): FileIssue[] {
  const out: FileIssue[] = [];
  for (const raw of error.issues) {
    const issue = { ...raw, path: [...base, ...raw.path] } as z.core.$ZodIssue;
    const path = issue.path as IssuePath;
    if (issue.code === 'unrecognized_keys') {
      const known = keysAt(schema, raw.path);
      for (const key of issue.keys) {
        const at = [...path, key];
        const message = `unknown key '${key}'${didYouMean(key, known)}`;
        out.push({ file: source.file, line: source.lineOf(at), field: fieldOf(at), message });
      }
      continue;
    }
    const message = describeZodIssue(issue, source.data);
    out.push({ file: source.file, line: source.lineOf(path), field: fieldOf(path), message });
  }
  return out;
}

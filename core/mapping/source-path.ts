/**
 * Paths into vendor records: `hardware.serialNumber`, `a.b[0].c`, and quoted keys for names that
 * hold dots or brackets: `['P.O. Number']` or `["x.y"]`. A CSV column such as `RAM (GB)` is a path
 * of one key. Leading and trailing spaces of a key are kept.
 */
export type PathSegment = string | number;

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
const QUOTED = /^\[(['"])(.*?)\1\]/;
const INDEX = /^\[(\d+)\]/;
const KEY = /^[^.[\]]+/;

/** The segments of a path, or an error message saying what is wrong with it. */
export function parseSourcePath(path: string): PathSegment[] | string {
  if (path.trim() === '') return 'is empty';
  const segments: PathSegment[] = [];
  let rest = path;
  let expectKey = true;
  while (rest.length > 0) {
    const quoted = QUOTED.exec(rest);
    const index = quoted === null ? INDEX.exec(rest) : null;
    const key = expectKey && quoted === null && index === null ? KEY.exec(rest) : null;
    const match = quoted ?? index ?? key;
    if (match === null)
      return `has an unexpected '${rest[0]}' at position ${path.length - rest.length + 1}`;
    const segment = quoted !== null ? quoted[2] : index !== null ? Number(index[1]) : match[0];
    if (typeof segment === 'string' && FORBIDDEN.has(segment))
      return `uses the reserved key '${segment}'`;
    segments.push(segment);
    rest = rest.slice(match[0].length);
    expectKey = false;
    if (rest.startsWith('.')) {
      rest = rest.slice(1);
      if (rest === '' || rest.startsWith('.')) return 'has an empty segment';
      expectKey = true;
    }
  }
  return segments;
}

function segmentsOf(path: string | readonly PathSegment[]): readonly PathSegment[] {
  if (typeof path !== 'string') return path;
  const parsed = parseSourcePath(path);
  if (typeof parsed === 'string') throw new Error(`source path '${path}' ${parsed}`);
  return parsed;
}

/** The value at a path, or undefined when any step is missing. */
export function readPath(record: unknown, path: string | readonly PathSegment[]): unknown {
  let node = record;
  for (const segment of segmentsOf(path)) {
    if (node === null || typeof node !== 'object') return undefined;
    if (typeof segment === 'number' && !Array.isArray(node)) return undefined;
    if (!Object.prototype.hasOwnProperty.call(node, segment)) return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

/** Writes a value at a path, creating objects (and arrays before numeric segments) on the way. */
export function writePath(
  target: Record<string, unknown>,
  path: string | readonly PathSegment[],
  value: unknown,
): void {
  const segments = segmentsOf(path);
  let node: Record<string | number, unknown> = target;
  segments.forEach((segment, i) => {
    if (typeof segment === 'string' && FORBIDDEN.has(segment)) {
      throw new Error(`source path segment '${segment}' is not allowed`);
    }
    if (i === segments.length - 1) {
      node[segment] = value;
      return;
    }
    const next = node[segment];
    if (next === null || typeof next !== 'object') {
      node[segment] = typeof segments[i + 1] === 'number' ? [] : {};
    }
    node = node[segment] as Record<string | number, unknown>;
  });
}

import { CATEGORIES, COMPLIANCE_STATES, LIFECYCLE_STAGES, type Asset } from './asset';

/** How a core field's value is typed, checked and compared. */
export type FieldKind = 'string' | 'number' | 'date' | 'instant' | 'enum' | 'list';

/** Authority groups: an authority rule may name a group (`assignment.*`) instead of a field. */
export type FieldGroup =
  | 'identity'
  | 'naming'
  | 'hardware'
  | 'os'
  | 'lifecycle'
  | 'assignment'
  | 'financial'
  | 'compliance'
  | 'presence';

export interface CoreFieldDef {
  /** Dotted path inside `Asset`, for example `assignment.userEmail`. */
  path: string;
  kind: FieldKind;
  group: FieldGroup;
  values?: readonly string[];
  /**
   * `union`: lists are merged as the union of what every source reports, not by authority.
   * `max`: the greatest value wins whatever its source (last seen).
   */
  merge?: 'union' | 'max';
}

const f = (path: string, kind: FieldKind, group: FieldGroup, extra: Partial<CoreFieldDef> = {}) =>
  ({ path, kind, group, ...extra }) as CoreFieldDef;

/** Every field that mappings may write and that reconciliation merges field by field. */
export const CORE_FIELDS: readonly CoreFieldDef[] = [
  f('assetTag', 'string', 'identity'),
  f('serial', 'string', 'identity'),
  f('name', 'string', 'naming'),
  f('category', 'enum', 'hardware', { values: CATEGORIES }),
  f('manufacturer', 'string', 'hardware'),
  f('model', 'string', 'hardware'),
  f('os.name', 'string', 'os'),
  f('os.version', 'string', 'os'),
  f('hardware.cpu', 'string', 'hardware'),
  f('hardware.memoryGb', 'number', 'hardware'),
  f('hardware.storageGb', 'number', 'hardware'),
  f('lifecycle.stage', 'enum', 'lifecycle', { values: LIFECYCLE_STAGES }),
  f('assignment.userEmail', 'string', 'assignment'),
  f('assignment.department', 'string', 'assignment'),
  f('assignment.location', 'string', 'assignment'),
  f('assignment.costCenter', 'string', 'assignment'),
  f('purchase.date', 'date', 'financial'),
  f('purchase.cost', 'number', 'financial'),
  f('purchase.currency', 'string', 'financial'),
  f('purchase.vendor', 'string', 'financial'),
  f('purchase.poNumber', 'string', 'financial'),
  f('warranty.start', 'date', 'financial'),
  f('warranty.end', 'date', 'financial'),
  f('warranty.contract', 'string', 'financial'),
  f('identifiers.macAddresses', 'list', 'identity', { merge: 'union' }),
  f('identifiers.udid', 'string', 'identity'),
  f('identifiers.imeis', 'list', 'identity', { merge: 'union' }),
  f('identifiers.hostnames', 'list', 'naming', { merge: 'union' }),
  f('lastSeen.at', 'instant', 'presence', { merge: 'max' }),
  f('compliance.state', 'enum', 'compliance', { values: COMPLIANCE_STATES }),
];

const BY_PATH = new Map(CORE_FIELDS.map((d) => [d.path, d]));

export const CORE_FIELD_PATHS: readonly string[] = CORE_FIELDS.map((d) => d.path);

export function coreField(path: string): CoreFieldDef | undefined {
  return BY_PATH.get(path);
}

/** A core field value: scalars, sorted string lists, or null for "no value". */
export type FieldValue = string | number | string[] | null;

export function getField(asset: Asset, path: string): FieldValue {
  let node: unknown = asset;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') return null;
    node = (node as Record<string, unknown>)[part];
  }
  if (node === undefined || node === null) return null;
  if (Array.isArray(node)) return node.map(String);
  return typeof node === 'number' ? node : String(node);
}

export function setField(asset: Asset, path: string, value: FieldValue): void {
  const parts = path.split('.');
  let node = asset as unknown as Record<string, unknown>;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (next === null || typeof next !== 'object') node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  const leaf = parts[parts.length - 1];
  const def = BY_PATH.get(path);
  if (value === null) {
    if (def?.kind === 'list') node[leaf] = [];
    else delete node[leaf];
    return;
  }
  node[leaf] = Array.isArray(value) ? [...value] : value;
}

/** Equality of two field values in their canonical form (lists compared as sets). */
export function sameValue(a: FieldValue, b: FieldValue): boolean {
  if (a === null || b === null) return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    const sa = [...a].sort();
    const sb = [...b].sort();
    return sa.every((v, i) => v === sb[i]);
  }
  return a === b;
}

/** Authority patterns: an exact path, a group prefix (`assignment.*`) or `*`. */
export function fieldMatchesPattern(path: string, pattern: string): boolean {
  if (pattern === '*' || pattern === path) return true;
  if (pattern.endsWith('.*')) return path.startsWith(pattern.slice(0, -1));
  if (pattern.startsWith('@')) return BY_PATH.get(path)?.group === pattern.slice(1);
  return false;
}

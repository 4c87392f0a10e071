import { AssetbridgeError } from '../../core/errors';
import type { AttributeDefWire, AttributeValueWire } from './assets-wire';

/** How an attribute's values are sent and compared. */
export type ValueKind =
  | 'text'
  | 'integer'
  | 'double'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'select'
  | 'reference'
  | 'user'
  | 'group'
  | 'status';

const DEFAULT_KINDS: Readonly<Record<number, ValueKind>> = {
  1: 'integer',
  2: 'boolean',
  3: 'double',
  4: 'date',
  6: 'datetime',
  10: 'select',
};

export function kindOf(def: AttributeDefWire): ValueKind {
  switch (def.type) {
    case 1:
      return 'reference';
    case 2:
      return 'user';
    case 4:
      return 'group';
    case 7:
      return 'status';
    default:
      return DEFAULT_KINDS[def.defaultType?.id ?? 0] ?? 'text';
  }
}

/** Whether the attribute holds several values (MAC addresses). */
export function isMulti(def: AttributeDefWire): boolean {
  return def.maximumCardinality !== undefined && def.maximumCardinality !== 1;
}

/** Turns the names people and the core use (status, referenced label, e-mail) into ids. */
export interface ValueLookups {
  statusId(name: string): Promise<string | null>;
  referenceId(def: AttributeDefWire, label: string): Promise<string | null>;
  accountIdOf(email: string): Promise<string | null>;
}

/** The typed wire form of stored values: status id, referenced object id, account id, value. */
export function heldWire(def: AttributeDefWire, values: readonly AttributeValueWire[]): string[] {
  const kind = kindOf(def);
  const out: string[] = [];
  for (const v of values) {
    const raw =
      kind === 'status'
        ? v.status?.id
        : kind === 'reference'
          ? v.referencedObject?.id
          : kind === 'user'
            ? v.user?.key
            : v.value === undefined
              ? undefined
              : String(v.value);
    if (raw !== undefined && raw !== '') out.push(normalize(kind, raw) ?? raw);
  }
  return kind === 'text' && !isMulti(def) ? out : out.sort();
}

/**
 * The typed wire form of a value the core sends: a status name becomes its id, a referenced
 * object's label its id, an e-mail its account id; numbers, dates and select options are checked.
 * Null, `''` and `[]` clear the attribute. A value Assets cannot take is RECORD_INVALID.
 */
export async function desiredWire(
  def: AttributeDefWire,
  value: unknown,
  lookups: ValueLookups,
): Promise<string[]> {
  const kind = kindOf(def);
  const items = (Array.isArray(value) ? value : isMulti(def) ? splitList(value) : [value])
    .filter((v) => v !== null && v !== undefined && String(v).trim() !== '')
    .map((v) => String(v).trim());
  const out: string[] = [];
  for (const item of items) out.push(await oneValue(def, kind, item, lookups));
  return kind === 'text' && !isMulti(def) ? out : out.sort();
}

async function oneValue(
  def: AttributeDefWire,
  kind: ValueKind,
  item: string,
  lookups: ValueLookups,
): Promise<string> {
  const refuse = (why: string, unresolved = false): never => {
    throw new AssetbridgeError('RECORD_INVALID', `Assets attribute ${def.name}: ${why}`, {
      details: { attribute: def.name, value: item, unresolved },
    });
  };
  switch (kind) {
    case 'status':
      return (await lookups.statusId(item)) ?? refuse(`no status named '${item}'`);
    case 'reference':
      return (
        (await lookups.referenceId(def, item)) ??
        refuse(`no referenced object labelled '${item}'`, true)
      );
    case 'user':
      return (
        (await lookups.accountIdOf(item)) ??
        refuse(`no Atlassian account with e-mail ${item}`, true)
      );
    case 'select': {
      const options = (def.options ?? '').split(',').map((o) => o.trim());
      const option = options.find((o) => o.toLowerCase() === item.toLowerCase());
      return option ?? refuse(`'${item}' is not one of its options (${options.join(', ')})`);
    }
    default:
      return normalize(kind, item) ?? refuse(`'${item}' is not a valid ${kind}`);
  }
}

/** The canonical text of a scalar of a kind, or null when it is not one. */
function normalize(kind: ValueKind, raw: string): string | null {
  const text = raw.trim();
  switch (kind) {
    case 'integer':
      return /^[-+]?\d+(\.0+)?$/.test(text) ? String(Math.trunc(Number(text))) : null;
    case 'double':
      return Number.isFinite(Number(text)) && text !== '' ? String(Number(text)) : null;
    case 'boolean':
      return /^(true|false)$/i.test(text) ? text.toLowerCase() : null;
    case 'date': {
      const day = /^(\d{4}-\d{2}-\d{2})/.exec(text)?.[1];
      return day !== undefined && !Number.isNaN(Date.parse(day)) ? day : null;
    }
    case 'datetime': {
      const ms = Date.parse(text);
      return Number.isNaN(ms) ? null : new Date(ms).toISOString();
    }
    default:
      return text;
  }
}

function splitList(value: unknown): unknown[] {
  return typeof value === 'string' ? value.split(',') : [value];
}

/** Two wire forms hold the same values (order matters only for single text values). */
export function sameWire(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

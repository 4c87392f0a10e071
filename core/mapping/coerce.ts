import type { CoreFieldDef, FieldValue } from '../model/core-fields';
import { fieldValueProblem } from '../model/field-value-problem';
import { parseOptionalDate, parseOptionalInstant } from '../time/parse-instant';
import { describeValue, isBlank } from './describe-value';
import { toNumber } from './transforms';

function asText(value: unknown, def: CoreFieldDef): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  throw new Error(`${describeValue(value)} is not text, as ${def.path} needs`);
}

function asEnum(value: unknown, def: CoreFieldDef): string {
  const allowed = def.values ?? [];
  const text = asText(value, def).trim().toLowerCase();
  if (!allowed.includes(text)) {
    throw new Error(
      `${describeValue(value)} is not a valid ${def.path}; expected one of ${allowed.join(', ')}`,
    );
  }
  return text;
}

function asList(value: unknown, def: CoreFieldDef): string[] | null {
  const items = Array.isArray(value) ? value : [value];
  const texts = items.filter((v) => !isBlank(v)).map((v) => asText(v, def));
  const unique = [...new Set(texts)].sort();
  return unique.length === 0 ? null : unique;
}

/**
 * A vendor value in the canonical form of a core field; null when blank (blank means absent).
 * Throws an Error naming the value when it does not fit the field's kind, or when the asset could
 * not hold it (a negative memory size): such a record is rejected alone, not at the store.
 */
export function coerceToField(value: unknown, def: CoreFieldDef): FieldValue {
  const out = coerceKind(value, def);
  const problem = fieldValueProblem(def.path, out);
  if (problem !== null) throw new Error(`${describeValue(out)} is not allowed (${problem})`);
  return out;
}

function coerceKind(value: unknown, def: CoreFieldDef): FieldValue {
  if (isBlank(value)) return null;
  switch (def.kind) {
    case 'string':
      return asText(value, def);
    case 'number': {
      const n = toNumber(value);
      if (n === null) return null;
      return n;
    }
    case 'date':
      return parseOptionalDate(value);
    case 'instant':
      return parseOptionalInstant(value);
    case 'enum':
      return asEnum(value, def);
    case 'list':
      return asList(value, def);
  }
}

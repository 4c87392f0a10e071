import { imeiDefect, macDefect } from '../identity/normalize';
import { describeValue } from '../mapping/describe-value';
import { sourceLabel } from '../mapping/mapper';
import type { Mapping } from '../mapping/mapping-schema';
import type { FieldValue } from '../model/core-fields';

/** Local part, `@`, a domain with at least one dot; no spaces. */
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

interface ValueCheck {
  field: string;
  /** What the value should be, for the warning (`a MAC address`). */
  expected: string;
  /** True when the value is not one at all; placeholders (an all-zero MAC) are left to identity. */
  malformed: (value: string) => boolean;
}

const CHECKS: readonly ValueCheck[] = [
  {
    field: 'identifiers.macAddresses',
    expected: 'a MAC address',
    malformed: (v) => macDefect(v) === 'malformed',
  },
  {
    field: 'identifiers.imeis',
    expected: 'an IMEI (14 to 16 digits)',
    malformed: (v) => imeiDefect(v) === 'malformed',
  },
  {
    field: 'assignment.userEmail',
    expected: 'an e-mail address',
    malformed: (v) => !EMAIL.test(v.trim()),
  },
];

export interface CheckedValues {
  values: Record<string, FieldValue>;
  /** One per value left out: its column, the value and what it should have been. */
  warnings: string[];
}

/**
 * Leaves out of an imported row the identifiers and e-mail addresses that are not one at all
 * (`not a mac`), each with a warning naming its column and value; the rest of the row is kept,
 * as with a placeholder serial. Without a usable identifier left, the ingestor rejects the row.
 */
export function checkImportValues(
  mapping: Mapping,
  values: Record<string, FieldValue>,
): CheckedValues {
  const out = { ...values };
  const warnings: string[] = [];
  for (const check of CHECKS) {
    const value = out[check.field];
    if (value === undefined || value === null) continue;
    const items = Array.isArray(value) ? value : [String(value)];
    const bad = items.filter(check.malformed);
    if (bad.length === 0) continue;
    const column = columnOf(mapping, check.field);
    for (const item of bad) {
      warnings.push(
        `column '${column}' value ${describeValue(item)} left out: not ${check.expected}`,
      );
    }
    const kept = items.filter((v) => !bad.includes(v));
    if (kept.length === 0) delete out[check.field];
    else out[check.field] = Array.isArray(value) ? kept : kept[0];
  }
  return { values: out, warnings };
}

/** The column (source path) of the inbound mapping field writing `core`; the last of several. */
function columnOf(mapping: Mapping, core: string): string {
  const fields = mapping.fields.filter((f) => f.core === core && f.direction !== 'out');
  const field = fields[fields.length - 1];
  return field === undefined ? core : sourceLabel(field);
}

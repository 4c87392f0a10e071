import type { SnRecord } from './record-store';
import type { TableSchema } from './table-schema';

/** Journal fields: written through the record, stored in `sys_journal_field`, read back empty. */
export const JOURNAL_FIELDS = ['work_notes', 'comments'] as const;
export type JournalField = (typeof JOURNAL_FIELDS)[number];

export interface RecordInput {
  /** Known, writable columns as stored strings. */
  values: SnRecord;
  /** Journal entries to append (task tables only). */
  journal: { element: JournalField; value: string }[];
}

/** How the platform stores a JSON value sent in a request body. */
export function toStoredString(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object' && 'value' in value) {
    return toStoredString((value as { value: unknown }).value);
  }
  return JSON.stringify(value);
}

/**
 * Keeps the fields that exist on `table` (others are silently ignored, as the Table API does)
 * and that are not system fields, except a client-supplied `sys_id` on insert.
 */
export function readRecordInput(
  schema: TableSchema,
  table: string,
  body: Record<string, unknown>,
  insert: boolean,
): RecordInput {
  const info = schema.get(table);
  const values: SnRecord = {};
  const journal: RecordInput['journal'] = [];
  if (!info) return { values, journal };
  const isTask = schema.isA(table, 'task');
  for (const [field, raw] of Object.entries(body)) {
    if (!info.columns.has(field)) continue;
    const value = toStoredString(raw);
    if (isTask && (JOURNAL_FIELDS as readonly string[]).includes(field)) {
      if (value.trim() !== '') journal.push({ element: field as JournalField, value });
      continue;
    }
    if (field === 'sys_id' && insert) {
      values.sys_id = value;
      continue;
    }
    if (field.startsWith('sys_') && field !== 'sys_domain' && field !== 'sys_tags') continue;
    values[field] = value;
  }
  return { values, journal };
}

import { z } from 'zod';
import { Asset } from './asset';
import { CORE_FIELD_PATHS, type FieldValue } from './core-fields';

/** The part of the `Asset` schema at a dotted path (`hardware.memoryGb`), if there is one. */
function schemaAt(path: string): z.ZodType | undefined {
  let node: z.ZodType = Asset;
  for (const part of path.split('.')) {
    if (!(node instanceof z.ZodObject)) return undefined;
    const next = (node.shape as Record<string, z.ZodType | undefined>)[part];
    if (next === undefined) return undefined;
    node = next;
  }
  return node;
}

const SCHEMAS = new Map(CORE_FIELD_PATHS.map((p) => [p, schemaAt(p)] as const));

/**
 * Why a value cannot be stored in a core field of an asset (`Too small: expected number to be
 * >=0`), checked against the same schema the store checks a whole asset against; null when it can.
 */
export function fieldValueProblem(path: string, value: FieldValue): string | null {
  const schema = SCHEMAS.get(path);
  if (schema === undefined || value === null) return null;
  const result = schema.safeParse(value);
  if (result.success) return null;
  return result.error.issues.map(issueText).join('; ');
}

/** One zod issue as text, with the path inside the field when there is one (`[2]`). */
export function issueText(issue: z.core.$ZodIssue): string {
  const at = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  return at === '' ? issue.message : `${at.replace(/^\./, '')}: ${issue.message}`;
}

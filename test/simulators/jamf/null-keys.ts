/**
 * Jamf Pro sends `null` for values it does not have, also where its OpenAPI schema does not say
 * `nullable` (and unrequested sections are `null`). Conformance tests therefore validate a copy
 * without null-valued keys, and check separately that every null-valued key is declared.
 */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Doc = Record<string, unknown>;

export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (item !== null) out[key] = withoutNulls(item);
  return out;
}

function resolve(doc: Doc, schema: unknown): Record<string, unknown> {
  let current = schema as Record<string, unknown> | undefined;
  while (current && typeof current.$ref === 'string') {
    const name = current.$ref.replace('#/components/schemas/', '');
    current = ((doc.components as Doc).schemas as Doc)[name] as Record<string, unknown>;
  }
  return current ?? {};
}

/** Every property schema the (possibly composed) schema declares, by name. */
function declared(doc: Doc, schema: unknown): Map<string, unknown> {
  const resolved = resolve(doc, schema);
  const out = new Map<string, unknown>(
    Object.entries((resolved.properties as Doc | undefined) ?? {}),
  );
  for (const keyword of ['allOf', 'oneOf', 'anyOf']) {
    for (const member of (resolved[keyword] as unknown[] | undefined) ?? []) {
      for (const [name, sub] of declared(doc, member)) if (!out.has(name)) out.set(name, sub);
    }
  }
  return out;
}

/** Paths of keys (null-valued or not) that the schema does not declare. */
export function undeclaredKeys(doc: Doc, schema: unknown, value: unknown, at = ''): string[] {
  if (Array.isArray(value)) {
    const items = resolve(doc, schema).items;
    return value.flatMap((item, i) => undeclaredKeys(doc, items, item, `${at}/${i}`));
  }
  if (typeof value !== 'object' || value === null) return [];
  const props = declared(doc, schema);
  if (props.size === 0) return [];
  const problems: string[] = [];
  for (const [key, item] of Object.entries(value as Record<string, Json>)) {
    if (!props.has(key)) problems.push(`${at}/${key}`);
    else problems.push(...undeclaredKeys(doc, props.get(key), item, `${at}/${key}`));
  }
  return problems;
}

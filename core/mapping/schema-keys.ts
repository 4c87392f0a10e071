import { z } from 'zod';

type Walkable = z.ZodType;

/** The schema under optional, nullable, default and pipe wrappers. */
function unwrap(schema: Walkable): Walkable {
  let s = schema;
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) {
      s = s.unwrap() as Walkable;
    } else if (s instanceof z.ZodPipe) s = s.in as Walkable;
    else return s;
  }
}

/** The object schemas a value at this level may be (each option of a union). */
function objectOptions(schema: Walkable): z.ZodObject[] {
  const s = unwrap(schema);
  if (s instanceof z.ZodObject) return [s];
  if (s instanceof z.ZodUnion) return (s.options as Walkable[]).flatMap(objectOptions);
  return [];
}

/** The schemas that describe the child `key` of a value of `schema`. */
function childSchemas(schema: Walkable, key: string | number): Walkable[] {
  const s = unwrap(schema);
  if (s instanceof z.ZodArray) return typeof key === 'number' ? [s.element as Walkable] : [];
  if (s instanceof z.ZodRecord) return [s.valueType as Walkable];
  return objectOptions(s).flatMap((o) => {
    const child = (o.shape as Record<string, Walkable | undefined>)[String(key)];
    return child === undefined ? [] : [child];
  });
}

/**
 * The keys an object at `path` may have by `schema` (every option's keys for a union): the
 * candidates for a did-you-mean on an unknown key found there. Empty when the path leads
 * nowhere the schema describes.
 */
export function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let level: Walkable[] = [schema];
  for (const key of path) {
    if (typeof key === 'symbol') return [];
    level = level.flatMap((s) => childSchemas(s, key));
  }
  return [...new Set(level.flatMap(objectOptions).flatMap((o) => Object.keys(o.shape)))];
}

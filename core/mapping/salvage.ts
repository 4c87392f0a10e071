import { z } from 'zod';

/**
 * What `salvage` keeps of a value: every part that fits its schema. An object keeps the keys
 * whose values fit (with their defaults), a list keeps its length with `undefined` for each item
 * that fits nowhere, so that indices still point into the file.
 */
export type Salvaged<T> = T extends readonly (infer U)[]
  ? (Salvaged<U> | undefined)[]
  : T extends object
    ? { [K in keyof T]?: Salvaged<T[K]> }
    : T;

const FAILED = Symbol('failed');

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodDefault) s = s.unwrap() as z.ZodType;
  return s;
}

function salvageAny(schema: z.ZodType, data: unknown): unknown {
  const whole = schema.safeParse(data);
  if (whole.success) return whole.data;
  const inner = unwrap(schema);
  if (inner instanceof z.ZodObject && data !== null && typeof data === 'object') {
    if (Array.isArray(data)) return FAILED;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(inner.shape as Record<string, z.ZodType>)) {
      const value = salvageAny(child, (data as Record<string, unknown>)[key]);
      if (value !== FAILED && value !== undefined) out[key] = value;
    }
    return out;
  }
  if (inner instanceof z.ZodArray && Array.isArray(data)) {
    return data.map((item) => {
      const value = salvageAny(inner.element as z.ZodType, item);
      return value === FAILED ? undefined : value;
    });
  }
  return FAILED;
}

/**
 * The parts of `data` that fit `schema`, for checks that should still run when another part of
 * a file is invalid (schema errors then never hide a problem elsewhere). Objects and lists are
 * kept part by part; any other value is kept whole or not at all. Undefined when nothing fits.
 */
export function salvage<S extends z.ZodType>(
  schema: S,
  data: unknown,
): Salvaged<z.output<S>> | undefined {
  const value = salvageAny(schema, data);
  return value === FAILED ? undefined : (value as Salvaged<z.output<S>>);
}

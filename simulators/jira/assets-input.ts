/** zod schemas of the Assets request bodies, and paging parameter parsing. */
import { z } from 'zod';
import { VendorError } from './jira-errors';
import type { ObjectInput } from './assets-store';

const idLike = z.union([z.string().min(1), z.number().int()]).transform((v) => String(v));

const objectInSchema = z.object({
  objectTypeId: idLike,
  attributes: z.array(
    z.object({
      objectTypeAttributeId: idLike,
      objectAttributeValues: z.array(
        z.object({ value: z.union([z.string(), z.number()]).transform((v) => String(v)) }),
      ),
    }),
  ),
  hasAvatar: z.boolean().optional(),
  avatarUUID: z.string().optional(),
});

const aqlSchema = z.object({
  qlQuery: z.string(),
  startAt: z.number().int().min(0).optional(),
  maxResults: z.number().int().min(1).optional(),
});

export function describeZod(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'body'}: ${issue.message}`)
    .join('; ');
}

export function parseObjectIn(body: unknown): ObjectInput {
  const parsed = objectInSchema.safeParse(body);
  if (!parsed.success)
    throw new VendorError(400, `The object body is not valid: ${describeZod(parsed.error)}`);
  return { objectTypeId: parsed.data.objectTypeId, attributes: parsed.data.attributes };
}

export function parseAqlBody(body: unknown): z.infer<typeof aqlSchema> {
  const parsed = aqlSchema.safeParse(body);
  if (!parsed.success)
    throw new VendorError(400, `The AQL body is not valid: ${describeZod(parsed.error)}`);
  return parsed.data;
}

/** A non-negative integer query parameter, `fallback` when absent; 400 when malformed. */
export function intParam(value: unknown, name: string, fallback: number, min = 0): number {
  if (value === undefined || value === '') return fallback;
  if (typeof value !== 'string' || !/^-?\d+$/.test(value) || Number(value) < min) {
    throw new VendorError(
      400,
      `The parameter ${name} must be an integer >= ${min}, got ${JSON.stringify(value)}`,
    );
  }
  return Number(value);
}

export function boolParam(value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return String(value).toLowerCase() === 'true';
}

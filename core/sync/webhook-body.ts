import type { z } from 'zod';
import { AssetbridgeError } from '../errors';

/**
 * Parses a verified webhook body as JSON and checks it with `schema`. A body that is not JSON or
 * does not fit is `RECORD_INVALID`, naming `what` (`Jamf webhook body`) and the first bad field.
 */
export function parseWebhookBody<T>(raw: Buffer, schema: z.ZodType<T>, what: string): T {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new AssetbridgeError('RECORD_INVALID', `${what} is not JSON`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AssetbridgeError(
      'RECORD_INVALID',
      `${what}: ${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return parsed.data;
}

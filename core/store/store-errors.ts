import { AssetbridgeError, isAssetbridgeError } from '../errors';

/** A STORE error naming the operation and what it worked on. */
export function storeError(
  message: string,
  details: Record<string, unknown> = {},
  cause?: unknown,
): AssetbridgeError {
  return new AssetbridgeError('STORE', message, { details, cause });
}

/**
 * Runs one store operation; a database error becomes a STORE error that names the operation and
 * its subject (for example the asset id). AssetbridgeErrors pass through unchanged.
 */
export async function guard<T>(
  operation: string,
  subject: Record<string, unknown>,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isAssetbridgeError(err)) throw err;
    const reason = describeError(err);
    const about = describeSubject(subject);
    throw storeError(
      `store ${operation}${about} failed: ${reason}`,
      { operation, ...subject },
      err,
    );
  }
}

function describeSubject(subject: Record<string, unknown>): string {
  const parts = Object.entries(subject)
    .filter(([, v]) => typeof v === 'string' || typeof v === 'number')
    .map(([k, v]) => `${k} ${JSON.stringify(v)}`);
  return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}

/** A readable reason for any thrown value (AggregateErrors from `connect` have no message). */
export function describeError(err: unknown): string {
  if (err instanceof AggregateError && err.message === '') {
    return err.errors.map(describeError).join('; ') || 'unknown error';
  }
  if (err instanceof Error) {
    const code = (err as Error & { code?: unknown }).code;
    if (err.message !== '') return err.message;
    return typeof code === 'string' ? code : err.name;
  }
  return String(err);
}

/** Helpers for vendor error handlers: recognise express body-parser failures. */

/** True when `error` is express.json()'s "malformed JSON body" error (answer with a vendor 400). */
export function isJsonParseError(error: unknown): boolean {
  return hasType(error, 'entity.parse.failed');
}

/** True when the body exceeded the body-parser limit (413). */
export function isBodyTooLargeError(error: unknown): boolean {
  return hasType(error, 'entity.too.large');
}

function hasType(error: unknown, type: string): boolean {
  return typeof error === 'object' && error !== null && (error as { type?: unknown }).type === type;
}

import type { AxiosResponse } from 'axios';
import type { HttpRequest } from './http-client';

/** The encoded request body: form or JSON. */
export function requestBody(req: HttpRequest): string | undefined {
  if (req.form !== undefined) return new URLSearchParams(req.form).toString();
  if (req.body !== undefined) return JSON.stringify(req.body);
  return undefined;
}

/** Response headers as a plain object with lower-case names. */
export function plainHeaders(raw: AxiosResponse['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined || value === null) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

export const INVALID_JSON = Symbol('invalid JSON');

/** JSON when the body is JSON, the text otherwise, null when empty. */
export function parseBody(text: string, contentType: string | undefined): unknown {
  if (text === '') return null;
  const saysJson = contentType !== undefined && /[/+]json\b/i.test(contentType);
  if (!saysJson && !/^\s*[[{]/.test(text)) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return saysJson ? INVALID_JSON : text;
  }
}

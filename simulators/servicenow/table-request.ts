import type { Request, Response } from 'express';
import type { DisplayMode, RenderOptions } from './record-renderer';
import { sendSnError } from './sn-errors';

/** Reading Table API request parameters. */

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function flag(req: Request, name: string): boolean {
  return str(req.query[name])?.toLowerCase() === 'true';
}

export function nonNegativeInt(value: unknown, fallback: number): number {
  const n = Number.parseInt(str(value) ?? '', 10);
  return Number.isFinite(n) && n >= 0 ? n : fallback;
}

/** `v1`, `v2`, or undefined for the unversioned path. */
export function apiVersion(req: Request): string | undefined {
  return str((req.params as Record<string, unknown>).api_version);
}

export function origin(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? ''}`;
}

export function renderOptionsOf(req: Request, emptyChoiceDisplayNull: boolean): RenderOptions {
  const dv = str(req.query.sysparm_display_value)?.toLowerCase();
  const fields = str(req.query.sysparm_fields)
    ?.split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '');
  const version = apiVersion(req);
  return {
    displayValue: (dv === 'true' || dv === 'all' ? dv : 'false') as DisplayMode,
    excludeReferenceLink: flag(req, 'sysparm_exclude_reference_link'),
    fields: fields && fields.length > 0 ? fields : undefined,
    apiBase: `${origin(req)}/api/now${version ? `/${version}` : ''}`,
    emptyChoiceDisplayNull,
  };
}

/** The record body; an array means "only the first element is processed". */
export function recordBody(req: Request, res: Response): Record<string, unknown> | null {
  let body: unknown = req.body ?? {};
  if (Array.isArray(body)) body = body[0] ?? {};
  if (typeof body !== 'object' || body === null) {
    sendSnError(res, 400, 'Exception while reading request', 'The payload is not a JSON object.');
    return null;
  }
  return body as Record<string, unknown>;
}

/** `&active=true&name=x` as an alternative to sysparm_query (mutually exclusive with it). */
export function encodedQueryOf(req: Request): string {
  const query = str(req.query.sysparm_query);
  if (query !== undefined) return query;
  const parts: string[] = [];
  for (const [key, value] of Object.entries(req.query)) {
    if (!key.startsWith('sysparm_') && typeof value === 'string') parts.push(`${key}=${value}`);
  }
  return parts.join('^');
}

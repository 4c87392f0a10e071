import { AssetbridgeError } from '../errors';
import type { HttpRequest, QueryValue } from './http-client';

/** Where a request goes: what axios is given, and the full URL for errors. */
export interface RequestTarget {
  /** Path (relative to the base URL) or absolute URL, with the query string. */
  target: string;
  /** Absolute URL with the query string (unredacted: redact before showing). */
  fullUrl: string;
}

function queryString(query: Readonly<Record<string, QueryValue>> | undefined): string {
  if (query === undefined) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
    else params.append(key, String(value));
  }
  return params.toString();
}

function withQuery(url: string, query: string): string {
  if (query === '') return url;
  return `${url}${url.includes('?') ? '&' : '?'}${query}`;
}

function joinUrl(baseUrl: string, path: string): string {
  if (baseUrl === '') return path;
  return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * Resolves a request's path or absolute URL and query. An absolute URL must have the base URL's
 * origin, so that credentials never go to another host (a `nextLink` pointing elsewhere).
 */
export function resolveTarget(system: string, baseUrl: string, req: HttpRequest): RequestTarget {
  const query = queryString(req.query);
  if (req.url !== undefined) {
    const baseOrigin = baseUrl === '' ? null : originOf(baseUrl);
    if (baseOrigin !== null && originOf(req.url) !== baseOrigin) {
      throw new AssetbridgeError(
        'VENDOR_HTTP',
        `${system}: refusing to send a request to ${originOf(req.url) ?? 'an invalid URL'}, ` +
          `which is not the connector's base URL origin ${baseOrigin}`,
      );
    }
    const target = withQuery(req.url, query);
    return { target, fullUrl: target };
  }
  if (req.path === undefined) {
    throw new AssetbridgeError('VENDOR_HTTP', `${system}: a request needs a path or a url`);
  }
  const target = withQuery(req.path, query);
  return { target, fullUrl: joinUrl(baseUrl, target) };
}

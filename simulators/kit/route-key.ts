/**
 * Turns a concrete request path into a route key for statistics: segments that look like ids
 * (digits, 32-hex sys_ids, UUIDs, Jira keys such as `ABC-123`) become `:id`. A number right after
 * an `api` segment is an API version (`/rest/api/3/issue`) and stays.
 */
const ID_PATTERNS: readonly RegExp[] = [
  /^\d+$/,
  /^[0-9a-f]{32}$/i,
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  /^[A-Z][A-Z0-9_]*-\d+$/,
];

export function isIdSegment(segment: string): boolean {
  return ID_PATTERNS.some((pattern) => pattern.test(segment));
}

export function routeKey(method: string, path: string): string {
  const parts = path.split('/');
  const segments = parts.map((segment, index) => {
    if (index > 0 && parts[index - 1] === 'api' && /^\d{1,2}$/.test(segment)) return segment;
    let decoded = segment;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      // keep the raw segment when it is not valid percent-encoding
    }
    return isIdSegment(decoded) ? ':id' : segment;
  });
  return `${method.toUpperCase()} ${segments.join('/')}`;
}

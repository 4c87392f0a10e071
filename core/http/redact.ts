/** Query keys whose values are credentials (`access_token`, `client_secret`, `api_key`, ...). */
const SENSITIVE_KEY =
  /(token|secret|passw|pwd|api[-_]?key|apikey|signature|^sig$|^code$|auth|credential|session|jwt|assertion)/i;

export const REDACTED = '[redacted]';

export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEY.test(key);
}

/** Replaces the values of sensitive query keys in a query string (without the leading `?`). */
function redactQuery(query: string): string {
  return query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      const key = safeDecode(pair.slice(0, eq));
      return isSensitiveKey(key) ? `${pair.slice(0, eq)}=${REDACTED}` : pair;
    })
    .join('&');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/**
 * A URL or path fit for logs and error messages: user info and the values of sensitive query
 * keys are replaced by `[redacted]`; the fragment is dropped.
 */
export function redactUrl(url: string): string {
  const noFragment = url.split('#')[0] ?? '';
  const q = noFragment.indexOf('?');
  const base = q < 0 ? noFragment : noFragment.slice(0, q);
  const withoutUser = base.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, `$1${REDACTED}@`);
  return q < 0 ? withoutUser : `${withoutUser}?${redactQuery(noFragment.slice(q + 1))}`;
}

/** The URL's path alone (no scheme, host or query), for log lines. */
export function pathOf(url: string): string {
  const noQuery = (url.split('#')[0] ?? '').split('?')[0] ?? '';
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/]*(\/.*)?$/i.exec(noQuery);
  return m === null ? noQuery : (m[1] ?? '/');
}

/** Replaces every occurrence of the given secrets in a text (for vendor messages that echo them). */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out;
}

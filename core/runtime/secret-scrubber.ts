import type { DestinationStream } from 'pino';
import type { ResolvedSecrets } from '../config/secrets';

/** Shorter values are not scrubbed: they would blank out ordinary words. */
const MIN_SECRET_LENGTH = 4;
const CENSOR = '[redacted]';

/**
 * Every secret value the runtime knows: connector credentials, the store URL and its password,
 * and any extra (the read API token). Non-secret parts of the auth block (`kind`, `tokenUrl`,
 * user names) are left out.
 */
export function secretValues(
  resolved: ResolvedSecrets | null,
  extra: readonly (string | null | undefined)[] = [],
): string[] {
  const values: string[] = [];
  for (const secrets of resolved?.connectors.values() ?? []) {
    for (const [key, value] of Object.entries(secrets)) {
      if (/secret|password|token$/i.test(key) && key !== 'tokenUrl') values.push(value);
    }
  }
  const storeUrl = resolved?.storeUrl ?? null;
  if (storeUrl !== null) values.push(storeUrl, urlPassword(storeUrl));
  values.push(...extra.filter((v): v is string => typeof v === 'string'));
  return [...new Set(values.filter((v) => v.length >= MIN_SECRET_LENGTH))];
}

function urlPassword(url: string): string {
  try {
    return decodeURIComponent(new URL(url).password);
  } catch {
    return '';
  }
}

/**
 * A log destination that replaces known secret values (raw and JSON-escaped) in every line
 * before it is written: the last guard behind pino's key-based redaction, for a secret that
 * ends up in a message or an error text.
 */
export function scrubbingDestination(
  secrets: readonly string[],
  destination: DestinationStream,
): DestinationStream {
  const forms = [...new Set(secrets.flatMap((s) => [s, JSON.stringify(s).slice(1, -1)]))]
    .filter((s) => s.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
  if (forms.length === 0) return destination;
  return {
    write(line: string) {
      let out = line;
      for (const form of forms) out = out.split(form).join(CENSOR);
      destination.write(out);
    },
  };
}

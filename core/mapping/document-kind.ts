/** Top-level keys only a configuration file has. */
const CONFIG_ONLY = ['connectors', 'sources', 'store', 'identity', 'sync'];
/** Top-level keys only a mapping file has. */
const MAPPING_ONLY = ['connector', 'fields', 'externalId', 'object'];

export type DocumentKind = 'config' | 'mapping' | 'unknown';

/**
 * What a parsed YAML file is by its shape: a configuration file (`connectors`, `sources`,
 * `store`, an `authority` block), a mapping file (`connector`, `fields`, a number as
 * `authority`), or unknown when it has the marks of neither or of both.
 */
export function documentKind(data: unknown): DocumentKind {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return 'unknown';
  const keys = Object.keys(data);
  const authority = (data as { authority?: unknown }).authority;
  const config =
    keys.some((k) => CONFIG_ONLY.includes(k)) ||
    (authority !== null && typeof authority === 'object');
  const mapping = keys.some((k) => MAPPING_ONLY.includes(k)) || typeof authority === 'number';
  if (config === mapping) return 'unknown';
  return config ? 'config' : 'mapping';
}

import { fieldMatchesPattern } from '../model/core-fields';
import type { Mapping } from '../mapping/mapping-schema';
import type { AssetbridgeConfig } from './config-schema';

import type { AuthorityTable } from '../reconcile/authority';

export type { AuthorityTable };

/** Used when neither the config nor a mapping says anything. */
export const DEFAULT_AUTHORITY = 50;

/**
 * Authority lookup. Order: the last config rule matching the source (or `*`) and the field; else
 * the authority of the field in the source's mapping (inward fields); else the mapping's default;
 * else the config default (50 when there is no config).
 */
export function buildAuthority(
  config: AssetbridgeConfig | null,
  mappings: Map<string, Mapping>,
  sourceMappings: Map<string, string>,
): AuthorityTable {
  const rules = config?.authority.rules ?? [];
  const fallback = config?.authority.default ?? DEFAULT_AUTHORITY;
  const cache = new Map<string, number>();

  const compute = (source: string, field: string): number => {
    for (let i = rules.length - 1; i >= 0; i--) {
      const rule = rules[i];
      const sourceMatches = rule.source === '*' || rule.source === source;
      if (sourceMatches && rule.fields.some((p) => fieldMatchesPattern(field, p))) {
        return rule.authority;
      }
    }
    const key = sourceMappings.get(source);
    const mapping = key === undefined ? undefined : mappings.get(key);
    if (mapping === undefined) return fallback;
    const mapped = mapping.fields.find(
      (f) => f.core === field && f.direction !== 'out' && f.authority !== null,
    );
    return mapped?.authority ?? mapping.authority ?? fallback;
  };

  return {
    of(source, field) {
      const key = `${source}\u0000${field}`;
      let value = cache.get(key);
      if (value === undefined) {
        value = compute(source, field);
        cache.set(key, value);
      }
      return value;
    },
  };
}

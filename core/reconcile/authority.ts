/**
 * How much a source is trusted for a field, 0..100; higher wins and between equal authorities the
 * newest observation wins. Built from the config and mappings by `core/config/authority.ts`.
 */
export interface AuthorityTable {
  of(source: string, field: string): number;
}

/** Every source equally trusted: the newest observation wins. */
export const EQUAL_AUTHORITY: AuthorityTable = { of: () => 50 };

import { sql } from 'kysely';
import type { KyselyStore } from '../store/kysely-store';
import { describeError } from '../store/store-errors';
import { StoreMigrationProvider } from '../store/migrations/migration-provider';

export type Readiness = { ok: true } | { ok: false; reason: string };

/**
 * Ready when the store answers and every migration this program knows has been applied. The
 * migration table is found through the connection's search path (the store's schema).
 */
export function storeReadiness(
  store: Pick<KyselyStore, 'kysely' | 'dialect'>,
): () => Promise<Readiness> {
  return async () => {
    let applied: Set<string>;
    try {
      const result = await sql<{ name: string }>`select name from kysely_migration`.execute(
        store.kysely,
      );
      applied = new Set(result.rows.map((r) => r.name));
    } catch (err) {
      return { ok: false, reason: `store not reachable or not migrated: ${describeError(err)}` };
    }
    const known = Object.keys(await new StoreMigrationProvider(store.dialect).getMigrations());
    const missing = known.filter((name) => !applied.has(name));
    if (missing.length > 0) {
      return { ok: false, reason: `store migrations not applied: ${missing.join(', ')}` };
    }
    return { ok: true };
  };
}

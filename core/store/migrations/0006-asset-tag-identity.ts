import type { Kysely, Migration } from 'kysely';
import { matchableAssetTag } from '../../identity/normalize';

interface TagDb {
  assets: { id: string; asset_tag: string | null };
  asset_identifiers: { kind: string; value: string; asset_id: string };
}

/**
 * Asset tags join the identity index (kind `asset_tag`): the tags of the assets stored before are
 * indexed here, as the ingestor indexes them from now on (with the default placeholders).
 */
export function assetTagIdentityMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const tdb = db as unknown as Kysely<TagDb>;
      const rows = await tdb
        .selectFrom('assets')
        .select(['id', 'asset_tag'])
        .where('asset_tag', 'is not', null)
        .execute();
      const values = rows.flatMap((r) => {
        const value = matchableAssetTag(r.asset_tag);
        return value === null ? [] : [{ kind: 'asset_tag', value, asset_id: r.id }];
      });
      for (let i = 0; i < values.length; i += 500) {
        await tdb
          .insertInto('asset_identifiers')
          .values(values.slice(i, i + 500))
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
    },
  };
}

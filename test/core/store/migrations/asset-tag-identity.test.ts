import { sql } from 'kysely';
import { assetTagIdentityMigration } from '../../../../core/store/migrations/0006-asset-tag-identity';
import type { KyselyStore } from '../../../../core/store/kysely-store';
import { ingestHarness, obs, type Harness } from '../../../support/ingest-harness';

let h: Harness;
beforeEach(async () => (h = await ingestHarness()));
afterEach(async () => h.close());

describe('migration 0006: asset tags in the identity index', () => {
  test('indexes the tags of assets stored before it, so that a serial-less record joins them', async () => {
    await h.ingestor.ingest(
      [
        obs({ source: 'cmdb', externalId: 'ci1', values: { assetTag: 'AT-100147', name: 'a' } }),
        obs({ source: 'cmdb', externalId: 'ci2', values: { assetTag: 'TBD', name: 'b' } }),
      ],
      'run-1',
    );
    const db = (h.store as KyselyStore).kysely;
    // A store from before the migration: no asset_tag rows.
    await sql`delete from asset_identifiers where kind = 'asset_tag'`.execute(db);
    expect(await h.store.findByIdentifiers('asset_tag', ['AT-100147'])).toEqual([]);

    await assetTagIdentityMigration().up(db);
    await assetTagIdentityMigration().up(db);
    const rows = await h.store.findByIdentifiers('asset_tag', ['AT-100147', 'TBD']);
    expect(rows.map((r) => r.value)).toEqual(['AT-100147']);

    const [outcome] = await h.ingestor.ingest(
      [obs({ source: 'mdm', externalId: 'm1', values: { assetTag: 'at-100147 ' } })],
      'run-2',
    );
    expect(outcome).toMatchObject({ status: 'updated', assetId: rows[0]!.assetId });
    expect(await h.store.countAssets()).toBe(2);
  });
});

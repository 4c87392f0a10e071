import { AssetbridgeError } from '../core/errors';
import type { Asset } from '../core/model/asset';
import type { Store } from '../core/store/store';

/**
 * The one asset an operator's reference names (asset id, asset tag or serial). None is
 * STORE_NOT_FOUND (exit 1); a reference that names several assets, such as a serial two devices
 * share, is USAGE (exit 2) listing the candidate ids, so that the operator picks one.
 */
export async function resolveOneAsset(store: Store, ref: string): Promise<Asset> {
  const found = await store.findAssets(ref);
  if (found.length === 0) {
    throw new AssetbridgeError('STORE_NOT_FOUND', `no asset has id, asset tag or serial '${ref}'`, {
      details: { ref },
    });
  }
  if (found.length > 1) {
    const ids = found.map((a) => a.id);
    throw new AssetbridgeError(
      'USAGE',
      `'${ref}' names ${found.length} assets (${ids.join(', ')}); use an id`,
      { details: { ref, candidates: ids } },
    );
  }
  return found[0]!;
}

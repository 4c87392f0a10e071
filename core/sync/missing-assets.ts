import { checkTransition } from '../model/lifecycle';
import type { Store } from '../store/store';
import type { Binding } from './sync-state-store';

/**
 * Retires the asset of a record that complete reads have missed too often, when its lifecycle
 * allows it; records the change in the history under `<connector>:missing`.
 */
export async function retireMissingAsset(
  store: Store,
  binding: Binding,
  runId: string,
  now: string,
) {
  await store.transaction(async (tx) => {
    const stored = (await tx.getAssets([binding.assetId])).get(binding.assetId);
    if (!stored) return;
    const { asset, version } = stored;
    const from = asset.lifecycle.stage;
    if (from === 'retired' || !checkTransition(from, 'retired', asset).ok) return;
    const next = { ...asset, lifecycle: { stage: 'retired' as const }, updatedAt: now };
    await tx.updateAsset(next, version);
    await tx.appendHistory([
      {
        assetId: asset.id,
        field: 'lifecycle.stage',
        oldValue: from,
        newValue: 'retired',
        source: `${binding.connector}:missing`,
        observedAt: now,
        runId,
        recordedAt: now,
      },
    ]);
  });
}

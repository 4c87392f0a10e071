import type { Asset, LifecycleStage } from '../model/asset';
import { checkTransition } from '../model/lifecycle';
import type { Store } from '../store/store';
import type { Binding } from './sync-state-store';

/** The asset retired at `now`, or null when it is retired already or its lifecycle forbids it. */
export function retiredAsset(asset: Asset, now: string): Asset | null {
  const from = asset.lifecycle.stage;
  if (from === 'retired' || !checkTransition(from, 'retired', asset).ok) return null;
  return { ...asset, lifecycle: { stage: 'retired' }, updatedAt: now };
}

/**
 * Retires the asset of a record that complete reads have missed too often, when its lifecycle
 * allows it (returning the stage it left; null when it did not); records the change in the history under `<connector>:missing`.
 */
export async function retireMissingAsset(
  store: Store,
  binding: Binding,
  runId: string,
  now: string,
): Promise<LifecycleStage | null> {
  return store.transaction(async (tx) => {
    const stored = (await tx.getAssets([binding.assetId])).get(binding.assetId);
    if (!stored) return null;
    const { asset, version } = stored;
    const from = asset.lifecycle.stage;
    const next = retiredAsset(asset, now);
    if (next === null) return null;
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
    return from;
  });
}

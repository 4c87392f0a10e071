import { AssetbridgeError } from '../errors';
import type { Asset, LifecycleStage } from './asset';

/**
 * Allowed lifecycle moves. Any stage may move to `lost` or `stolen`, and a lost or stolen device
 * that turns up again goes back to `in_stock` or `in_maintenance`.
 */
const ALLOWED: Record<LifecycleStage, readonly LifecycleStage[]> = {
  planned: ['ordered', 'in_stock', 'retired'],
  ordered: ['in_stock', 'deployed', 'planned', 'retired'],
  in_stock: ['deployed', 'in_maintenance', 'retired'],
  deployed: ['in_stock', 'in_maintenance', 'retired'],
  in_maintenance: ['in_stock', 'deployed', 'retired'],
  retired: ['in_stock', 'disposed'],
  disposed: [],
  lost: ['in_stock', 'in_maintenance', 'retired', 'disposed'],
  stolen: ['in_stock', 'in_maintenance', 'retired', 'disposed'],
};

export interface TransitionCheck {
  ok: boolean;
  /** What stops the move, in words a person can act on. Empty when ok. */
  missing: string[];
}

/** What a move to `to` still needs, given the asset as it will be after the move. */
export function checkTransition(
  from: LifecycleStage,
  to: LifecycleStage,
  asset: Asset,
): TransitionCheck {
  if (from === to) return { ok: true, missing: [] };
  const missing: string[] = [];
  const reachable = isReachable(from, to);
  if (from === 'disposed') missing.push('a disposed asset is final and cannot change stage');
  else if (!reachable) {
    missing.push(`'${to}' is not reachable from '${from}' (allowed: ${ALLOWED[from].join(', ')})`);
  }
  if (to === 'disposed') missing.push(...disposalGaps(asset));
  return { ok: missing.length === 0, missing };
}

/** True when the lifecycle allows a direct move from `from` to `to` (any stage may be lost). */
export function isReachable(from: LifecycleStage, to: LifecycleStage): boolean {
  return from === to || to === 'lost' || to === 'stolen' || ALLOWED[from].includes(to);
}

function disposalGaps(asset: Asset): string[] {
  const d = asset.disposal;
  const gaps: string[] = [];
  if (!d) return ['a disposal record (wipe method, wipe proof, approval)'];
  if (!d.wipeMethod) gaps.push('disposal.wipeMethod');
  if (!d.wipeProofRef) gaps.push('disposal.wipeProofRef (data wipe proof)');
  if (!d.approvedBy || !d.approvedAt) gaps.push('disposal.approvedBy and disposal.approvedAt');
  if (d.custody.length === 0) gaps.push('at least one chain-of-custody entry');
  return gaps;
}

/** Throws LIFECYCLE_TRANSITION naming both stages and what is missing. */
export function assertTransition(from: LifecycleStage, to: LifecycleStage, asset: Asset): void {
  const check = checkTransition(from, to, asset);
  if (check.ok) return;
  throw new AssetbridgeError(
    'LIFECYCLE_TRANSITION',
    `cannot move asset ${asset.id} from '${from}' to '${to}': missing ${check.missing.join('; ')}`,
    { details: { assetId: asset.id, from, to, missing: check.missing } },
  );
}

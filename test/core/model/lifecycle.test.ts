import { Asset, emptyAsset } from '../../../core/model/asset';
import { assertTransition, checkTransition, isReachable } from '../../../core/model/lifecycle';
import { isAssetbridgeError } from '../../../core/errors';

const NOW = '2026-12-01T10:00:00.000Z';

describe('lifecycle transitions', () => {
  test('ordinary moves are allowed', () => {
    const a = emptyAsset('a1', NOW);
    expect(checkTransition('ordered', 'in_stock', a).ok).toBe(true);
    expect(checkTransition('in_stock', 'deployed', a).ok).toBe(true);
    expect(checkTransition('deployed', 'stolen', a).ok).toBe(true);
  });

  test('disposed needs wipe proof, approval and custody; the error names both stages', () => {
    const a = emptyAsset('a1', NOW);
    try {
      assertTransition('retired', 'disposed', a);
      throw new Error('expected a throw');
    } catch (err) {
      expect(isAssetbridgeError(err, 'LIFECYCLE_TRANSITION')).toBe(true);
      expect((err as Error).message).toMatch(/from 'retired' to 'disposed'/);
      expect((err as Error).message).toMatch(/disposal record/);
    }
    const partial: Asset = { ...a, disposal: { wipeMethod: 'crypto_erase', custody: [] } };
    const check = checkTransition('retired', 'disposed', partial);
    expect(check.missing.join(' ')).toMatch(/wipeProofRef/);
    expect(check.missing.join(' ')).toMatch(/approvedBy/);
    const complete: Asset = {
      ...a,
      disposal: {
        wipeMethod: 'nist_800_88_purge',
        wipeProofRef: 'CERT-2026-0042',
        approvedBy: 'ravi.patel@example.com',
        approvedAt: NOW,
        custody: [{ at: NOW, from: 'IT store room', to: 'Recycler Ltd' }],
      },
    };
    expect(checkTransition('retired', 'disposed', complete).ok).toBe(true);
  });

  test('isReachable: disposal straight from retired, lost or stolen only', () => {
    expect(isReachable('retired', 'disposed')).toBe(true);
    expect(isReachable('stolen', 'disposed')).toBe(true);
    expect(isReachable('deployed', 'disposed')).toBe(false);
    expect(isReachable('in_stock', 'disposed')).toBe(false);
    expect(isReachable('deployed', 'lost')).toBe(true);
  });

  test('unreachable stages and leaving disposed are refused', () => {
    const a = emptyAsset('a1', NOW);
    expect(checkTransition('planned', 'deployed', a).missing[0]).toMatch(
      /not reachable from 'planned'/,
    );
    expect(checkTransition('disposed', 'in_stock', a).ok).toBe(false);
  });

  test('the asset schema accepts a fresh asset and rejects a bad stage', () => {
    expect(Asset.safeParse(emptyAsset('a1', NOW)).success).toBe(true);
    const bad = { ...emptyAsset('a1', NOW), lifecycle: { stage: 'broken' } };
    expect(Asset.safeParse(bad).success).toBe(false);
  });
});

import type { Binding, SyncState, SyncStateView } from './sync-state-store';

const key = (connector: string, externalId: string) => JSON.stringify([connector, externalId]);

/**
 * The sync state as a dry run sees it: what the run would have stored (bindings with the values
 * each vendor now holds, states, the records seen) lives in memory over the stored state, which is
 * never written. The missing sweep and the write diffs of a dry run read through it, so that the
 * plan is what a real run would do.
 */
export class DryRunState implements SyncStateView {
  private readonly states = new Map<string, SyncState>();
  private readonly kept = new Map<string, Binding>();
  /** The stored binding each kept one replaces (null when the store had none). */
  private readonly stored = new Map<string, Binding | null>();
  /** `[connector, assetId]` → keys of the kept bindings of that asset. */
  private readonly ofAsset = new Map<string, Set<string>>();

  constructor(private readonly base: SyncStateView) {}

  async state(connector: string): Promise<SyncState> {
    const kept = this.states.get(connector);
    return kept ? { ...kept } : this.base.state(connector);
  }

  async saveState(state: SyncState): Promise<void> {
    this.states.set(state.connector, { ...state });
  }

  async bindings(connector: string, externalIds: readonly string[]): Promise<Map<string, Binding>> {
    const unknown = externalIds.filter((id) => !this.kept.has(key(connector, id)));
    const out = await this.base.bindings(connector, unknown);
    for (const id of externalIds) {
      const kept = this.kept.get(key(connector, id));
      if (kept) out.set(id, copy(kept));
    }
    return out;
  }

  async bindingsOfAssets(connector: string, assetIds: readonly string[]): Promise<Binding[]> {
    const wanted = new Set(assetIds);
    const stored = await this.base.bindingsOfAssets(connector, assetIds);
    const out = stored.filter((b) => !this.kept.has(key(connector, b.externalId)));
    for (const assetId of wanted) {
      for (const k of this.ofAsset.get(key(connector, assetId)) ?? [])
        out.push(copy(this.kept.get(k)!));
    }
    return out;
  }

  async upsertBindings(bindings: readonly Binding[]): Promise<void> {
    const byConnector = new Map<string, string[]>();
    for (const b of bindings) {
      if (this.stored.has(key(b.connector, b.externalId))) continue;
      byConnector.set(b.connector, [...(byConnector.get(b.connector) ?? []), b.externalId]);
    }
    for (const [connector, ids] of byConnector) {
      const found = await this.base.bindings(connector, ids);
      for (const id of ids) this.stored.set(key(connector, id), found.get(id) ?? null);
    }
    for (const b of bindings) this.keep(b);
  }

  private keep(b: Binding): void {
    const k = key(b.connector, b.externalId);
    const before = this.kept.get(k);
    if (before) this.ofAsset.get(key(before.connector, before.assetId))?.delete(k);
    this.kept.set(k, copy(b));
    const assetKey = key(b.connector, b.assetId);
    this.ofAsset.set(assetKey, (this.ofAsset.get(assetKey) ?? new Set()).add(k));
  }

  async unseen(connector: string, runId: string): Promise<Binding[]> {
    const stored = await this.base.unseen(connector, runId);
    const out = stored.filter((b) => !this.kept.has(key(connector, b.externalId)));
    for (const b of this.keptOf(connector)) {
      if (b.status !== 'retired' && b.lastSeenRun !== runId) out.push(copy(b));
    }
    return out;
  }

  async countSeen(connector: string, runId: string): Promise<number> {
    return this.count(connector, await this.base.countSeen(connector, runId), (b) => {
      return b.lastSeenRun === runId;
    });
  }

  async countActive(connector: string): Promise<number> {
    return this.count(connector, await this.base.countActive(connector), (b) => {
      return b.status !== 'retired';
    });
  }

  /** A stored count with the kept bindings in place of the stored ones they replace. */
  private count(connector: string, storedCount: number, counts: (b: Binding) => boolean): number {
    let n = storedCount;
    for (const [k, before] of this.stored) {
      const kept = this.kept.get(k)!;
      if (kept.connector !== connector) continue;
      if (before !== null && counts(before)) n -= 1;
      if (counts(kept)) n += 1;
    }
    return n;
  }

  private keptOf(connector: string): Binding[] {
    return [...this.kept.values()].filter((b) => b.connector === connector);
  }
}

function copy(b: Binding): Binding {
  return { ...b, held: { ...b.held } };
}

import { createHash } from 'node:crypto';
import type { Mapping } from '../mapping/mapping-schema';
import type { Store } from '../store/store';
import type { VendorRecord } from './connector';
import { desiredView, heldView, sameVendorValue } from './outbound-view';
import type { Binding } from './sync-state-store';

export interface FieldConflict {
  externalId: string;
  assetId: string;
  path: string;
  held: unknown;
  vendor: unknown;
  core: unknown;
}

/**
 * Fields that both the vendor and the core changed since the last sync, to different values. The
 * configured authority decides which wins (reconciliation); this only finds them, so that they can
 * be recorded and listed by `assetbridge conflicts`.
 */
export async function findFieldConflicts(
  store: Store,
  mapping: Mapping,
  records: readonly VendorRecord[],
  previous: ReadonlyMap<string, Binding>,
): Promise<FieldConflict[]> {
  const bound = records.filter((r) => previous.has(r.externalId));
  if (bound.length === 0) return [];
  const assets = await store.transaction((tx) =>
    tx.getAssets([...new Set(bound.map((r) => previous.get(r.externalId)!.assetId))]),
  );
  const out: FieldConflict[] = [];
  for (const record of bound) {
    const binding = previous.get(record.externalId)!;
    const stored = assets.get(binding.assetId);
    if (!stored) continue;
    const vendor = heldView(mapping, record.data, binding.held);
    const core = desiredView(mapping, stored.asset);
    for (const [path, coreValue] of Object.entries(core)) {
      const held = binding.held[path] ?? null;
      const vendorChanged = !sameVendorValue(vendor[path], held);
      const coreChanged = !sameVendorValue(coreValue, held);
      if (vendorChanged && coreChanged && !sameVendorValue(vendor[path], coreValue)) {
        const base = { externalId: record.externalId, assetId: binding.assetId, path };
        out.push({ ...base, held, vendor: vendor[path], core: coreValue });
      }
    }
  }
  return out;
}

/** Records each conflict once (the same conflict seen again bumps its count). */
export async function recordFieldConflicts(
  store: Store,
  connector: string,
  conflicts: readonly FieldConflict[],
  runId: string,
  now: string,
): Promise<void> {
  if (conflicts.length === 0) return;
  await store.transaction(async (tx) => {
    for (const c of conflicts) {
      const subject = [connector, c.externalId, c.path, c.vendor, c.core];
      await tx.recordConflict({
        kind: 'field_conflict',
        fingerprint: createHash('sha256').update(JSON.stringify(subject)).digest('hex'),
        source: connector,
        externalId: c.externalId,
        assetIds: [c.assetId],
        summary:
          `${connector} and the core both changed ${c.path} since the last sync ` +
          `(${JSON.stringify(c.held)} → ${connector}: ${JSON.stringify(c.vendor)}, ` +
          `core: ${JSON.stringify(c.core)}); the configured authority decides`,
        details: { path: c.path, held: c.held, vendor: c.vendor, core: c.core },
        runId,
        createdAt: now,
      });
    }
  });
}

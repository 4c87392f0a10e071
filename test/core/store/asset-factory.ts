import { emptyAsset, type Asset } from '../../../core/model/asset';
import type { HistoryEntry } from '../../../core/store/store-types';

export const T0 = '2024-05-01T10:00:00.000Z';
export const T1 = '2024-05-02T11:30:00.000Z';
export const T2 = '2024-05-03T08:15:00.000Z';

/** A valid asset with every section present; `patch` overrides top-level keys. */
export function makeAsset(id: string, patch: Partial<Asset> = {}): Asset {
  return { ...emptyAsset(id, T0), ...patch };
}

/** A history row with sensible defaults. */
export function historyRow(assetId: string, patch: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    assetId,
    field: 'name',
    oldValue: null,
    newValue: 'x',
    source: 'jamf-prod',
    observedAt: T1,
    runId: 'run-1',
    recordedAt: T2,
    ...patch,
  };
}

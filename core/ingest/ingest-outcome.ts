import type { ConflictKind } from '../store/store-types';

export type RowStatus = 'created' | 'updated' | 'unchanged' | 'conflict' | 'rejected';

export const ROW_STATUSES: readonly RowStatus[] = [
  'created',
  'updated',
  'unchanged',
  'conflict',
  'rejected',
];

/** A conflict recorded about a record: the record may still have been applied (kept apart). */
export interface OutcomeConflict {
  /** Id of the open conflict (`assetbridge conflicts`), new or seen again. */
  id: number;
  kind: ConflictKind;
  summary: string;
}

/** What became of one incoming record. */
export interface IngestOutcome {
  /** Position in the batch given to the ingestor. */
  index: number;
  ref: string;
  status: RowStatus;
  assetId: string | null;
  /** Why a record was rejected or conflicted; warnings for applied records. */
  reasons: string[];
  changedFields: string[];
  /** Conflicts recorded about this record, whatever its status. */
  conflicts: OutcomeConflict[];
}

export function countOutcomes(outcomes: readonly IngestOutcome[]): Record<RowStatus, number> {
  const counts = Object.fromEntries(ROW_STATUSES.map((s) => [s, 0])) as Record<RowStatus, number>;
  for (const o of outcomes) counts[o.status] += 1;
  return counts;
}

/** The distinct conflicts recorded about `outcomes`, each with the refs of its records. */
export function collectConflicts(
  outcomes: readonly IngestOutcome[],
): (OutcomeConflict & { refs: string[] })[] {
  const byId = new Map<number, OutcomeConflict & { refs: string[] }>();
  for (const o of outcomes) {
    for (const c of o.conflicts) {
      const entry = byId.get(c.id) ?? { ...c, refs: [] };
      if (!entry.refs.includes(o.ref)) entry.refs.push(o.ref);
      byId.set(c.id, entry);
    }
  }
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

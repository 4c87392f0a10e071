export type RowStatus = 'created' | 'updated' | 'unchanged' | 'conflict' | 'rejected';

export const ROW_STATUSES: readonly RowStatus[] = [
  'created',
  'updated',
  'unchanged',
  'conflict',
  'rejected',
];

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
}

export function countOutcomes(outcomes: readonly IngestOutcome[]): Record<RowStatus, number> {
  const counts = Object.fromEntries(ROW_STATUSES.map((s) => [s, 0])) as Record<RowStatus, number>;
  for (const o of outcomes) counts[o.status] += 1;
  return counts;
}

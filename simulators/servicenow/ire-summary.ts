import type { IreItemResult, IreSummaryEntry } from './ire-payload';

function empty(): IreSummaryEntry {
  return {
    inserted: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    partial: 0,
    incomplete: 0,
    warnings: 0,
    errors: 0,
    additionalInserted: 0,
    mergedPartialPayloads: 0,
  };
}

/** The enhanced API's `summary`, keyed by class (`options=generate_summary:true`). */
export function summarize(items: IreItemResult[]): Record<string, IreSummaryEntry> {
  const summary: Record<string, IreSummaryEntry> = {};
  const entry = (cls: string): IreSummaryEntry => (summary[cls] ??= empty());
  for (const item of items) {
    const e = entry(item.className);
    if (item.operation === 'INSERT') e.inserted++;
    else if (item.operation.startsWith('UPDATE')) e.updated++;
    else if (item.operation === 'NO_CHANGE') e.unchanged++;
    else if (item.operation === 'INSERT_AS_PARTIAL') e.partial++;
    else if (item.operation === 'INSERT_AS_INCOMPLETE') e.incomplete++;
    e.errors += item.errorCount;
    e.warnings += item.warningCount ?? 0;
    e.mergedPartialPayloads += item.mergedPayloadIds.length;
    for (const related of item.relatedItems ?? []) {
      const r = entry(related.className);
      if (related.operation === 'INSERT') r.inserted++;
      else if (related.operation === 'UPDATE') r.updated++;
      else if (related.operation === 'NO_CHANGE') r.unchanged++;
    }
  }
  return summary;
}

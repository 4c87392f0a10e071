import { z } from 'zod';
import { parseReadCheckpoint } from '../../core/sync/read-checkpoint';
import type { ReadPage, ReadRequest, VendorRecord } from '../../core/sync/connector';
import { ASSET_FIELDS, CI_FIELDS, type CiRecordBuilder } from './ci-record';
import { toGlide } from './glide-time';
import type { ReferenceCache } from './reference-cache';
import type { ServiceNowOptions } from './servicenow-options';
import type { SnRow, TableClient } from './table-client';

/**
 * Where a read stands. Full reads go by sys_id (keyset: `sys_id>after^ORDERBYsys_id`), so inserts
 * during the read shift nothing; `seen` counts what came before for the expected total.
 * Incremental reads go by `sys_updated_on>=since` ordered by date then sys_id, first the CIs, then
 * the assets changed in the window (an asset's state does not touch its CI).
 */
const Checkpoint = z.object({
  phase: z.enum(['ci', 'asset']),
  after: z.string().optional(),
  seen: z.number().int().min(0).default(0),
  since: z.string().optional(),
  offset: z.number().int().min(0).default(0),
});
type Checkpoint = z.infer<typeof Checkpoint>;

export interface CiReaderDeps {
  table: TableClient;
  refs: ReferenceCache;
  builder: CiRecordBuilder;
  options: ServiceNowOptions;
}

function and(...parts: string[]): string {
  return parts.filter((p) => p !== '').join('^');
}

/**
 * Paged reads of hardware CIs with their assets. Every page is ordered, records are deduplicated
 * by sys_id (a record read again at the inclusive bound is dropped unless it changed), and full
 * reads report `X-Total-Count` as the expected total.
 */
export class CiReader {
  constructor(private readonly d: CiReaderDeps) {}

  async *read(req: ReadRequest): AsyncIterable<ReadPage> {
    this.d.refs.reset();
    const incremental = req.mode === 'incremental' && req.watermark !== null;
    let at = startOf(req.checkpoint);
    const seen = new Map<string, string>();
    while (at !== null) {
      const page = incremental
        ? await this.incrementalPage(at, req)
        : await this.fullPage(at, req.signal);
      const fresh = page.records.filter((r) => {
        const known = seen.get(r.externalId);
        if (known === r.version) return false;
        seen.set(r.externalId, r.version ?? '');
        return true;
      });
      const next = page.next;
      yield {
        records: fresh,
        checkpoint: JSON.stringify(next ?? { done: true }),
        expectedTotal: page.expectedTotal,
      };
      at = next;
    }
  }

  private async fullPage(at: Checkpoint, signal?: AbortSignal) {
    const { options, table, builder } = this.d;
    const query = and(options.ciQuery, at.after ? `sys_id>${at.after}` : '', 'ORDERBYsys_id');
    const { rows, total } = await table.list({
      table: options.ciTable,
      query,
      fields: CI_FIELDS,
      limit: options.pageSize,
      count: true,
      signal,
    });
    const records = await builder.build(rows);
    const expectedTotal = total === null ? undefined : at.seen + total;
    const last = rows.at(-1)?.sys_id;
    const next: Checkpoint | null =
      rows.length < options.pageSize || last === undefined
        ? null
        : { phase: 'ci', after: last, seen: at.seen + rows.length, offset: 0 };
    return { records, next, expectedTotal };
  }

  private async incrementalPage(at: Checkpoint, req: ReadRequest) {
    const { options, table, builder } = this.d;
    const since = at.since ?? toGlide(req.watermark!);
    const window = and(`sys_updated_on>=${since}`, 'ORDERBYsys_updated_on', 'ORDERBYsys_id');
    let rows: SnRow[];
    let records: VendorRecord[];
    if (at.phase === 'ci') {
      ({ rows } = await table.list({
        table: options.ciTable,
        query: and(options.ciQuery, window),
        fields: CI_FIELDS,
        limit: options.pageSize,
        offset: at.offset,
        signal: req.signal,
      }));
      records = await builder.build(rows);
    } else {
      ({ rows } = await table.list({
        table: 'alm_hardware',
        query: and('ciISNOTEMPTY', window),
        fields: ASSET_FIELDS,
        limit: options.pageSize,
        offset: at.offset,
        signal: req.signal,
      }));
      const ciIds = rows.map((r) => r.ci ?? '');
      const cis = await table.listIn(options.ciTable, 'sys_id', ciIds, CI_FIELDS, options.ciQuery);
      records = await builder.build(cis);
    }
    return { records, next: this.nextWindow(at, rows, since), expectedTotal: undefined };
  }

  /**
   * After a full page the next query starts at the last date seen (inclusive; what was read is
   * dropped as a duplicate) so that records changing during the read cannot shift a page past one;
   * within one date it goes on by offset. A short page ends the phase.
   */
  private nextWindow(at: Checkpoint, rows: SnRow[], since: string): Checkpoint | null {
    if (rows.length < this.d.options.pageSize) {
      return at.phase === 'ci' ? { phase: 'asset', seen: 0, offset: 0 } : null;
    }
    const lastDate = rows.at(-1)?.sys_updated_on ?? since;
    if (lastDate > since) return { ...at, since: lastDate, offset: 0 };
    return { ...at, since, offset: at.offset + rows.length };
  }
}

function startOf(checkpoint: string | null): Checkpoint | null {
  if (checkpoint === null) return { phase: 'ci', seen: 0, offset: 0 };
  return parseReadCheckpoint(checkpoint, Checkpoint, 'ServiceNow');
}

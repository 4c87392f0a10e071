import { z } from 'zod';
import { AssetbridgeError } from '../../core/errors';
import { parseReadCheckpoint } from '../../core/sync/read-checkpoint';
import type { HttpClient } from '../../core/http/http-client';
import type { Mapping } from '../../core/mapping/mapping-schema';
import type { ReadPage, ReadRequest, VendorRecord } from '../../core/sync/connector';
import type { JamfDeviceKind, JamfOptions } from './jamf-options';
import { computerRecord, mobileRecord } from './jamf-record';
import type { JamfReferenceNames } from './jamf-reference-names';
import { sectionsFor } from './jamf-sections';

const InventoryPage = z.object({
  totalCount: z.number().int().min(0),
  results: z.array(z.unknown()),
});

/**
 * Where a read stands: the next page of a kind, how many records the kinds before it hold, and
 * (incremental reads) the report date the next query starts from.
 */
const Checkpoint = z.object({
  kind: z.enum(['computer', 'mobile']),
  page: z.number().int().min(0),
  before: z.number().int().min(0),
  since: z.string().optional(),
});
type Checkpoint = z.infer<typeof Checkpoint>;

/** How each kind is listed: path, id and report-date field names for sort and filter. */
interface KindQuery {
  path: string;
  idField: string;
  dateField: string;
}

export interface JamfReaderDeps {
  http: HttpClient;
  options: JamfOptions;
  mapping: Mapping;
  names: JamfReferenceNames;
}

/**
 * Paged reads of computers and mobile devices. Full reads are sorted by id and report the vendor's
 * `totalCount` (summed over the kinds) as the expected total; incremental reads filter on the
 * report date with an inclusive bound and sort by report date then id. The checkpoint after each
 * page names the next page, so an interrupted read resumes there.
 */
export class JamfReader {
  constructor(private readonly d: JamfReaderDeps) {}

  kindQuery(kind: JamfDeviceKind): KindQuery {
    return kind === 'computer'
      ? {
          path: `/api/${this.d.options.apiVersion}/computers-inventory`,
          idField: 'id',
          dateField: 'general.reportDate',
        }
      : {
          path: '/api/v2/mobile-devices/detail',
          idField: 'mobileDeviceId',
          dateField: 'lastInventoryUpdateDate',
        };
  }

  async *read(req: ReadRequest): AsyncIterable<ReadPage> {
    this.d.names.reset();
    const kinds = this.d.options.deviceKinds;
    let at = startOf(req.checkpoint, kinds);
    const seen = new Set<string>();
    while (at !== null) {
      const { records, total, last } = await this.fetchPage(at, req);
      const key = (r: VendorRecord) => `${r.externalId}@${r.observedAt}`;
      const fresh = records.filter((r) => !seen.has(key(r)));
      fresh.forEach((r) => seen.add(key(r)));
      const next = last ? nextKind(at, kinds, total) : nextPage(at, req, records);
      const expectedTotal = req.mode === 'full' ? at.before + total : undefined;
      yield {
        records: fresh,
        checkpoint: JSON.stringify(next ?? { ...at, done: true }),
        expectedTotal,
      };
      at = next;
    }
  }

  private async fetchPage(at: Checkpoint, req: ReadRequest) {
    const q = this.kindQuery(at.kind);
    const incremental = req.mode === 'incremental' && req.watermark !== null;
    const pageSize = this.d.options.pageSize;
    const res = await this.d.http.request<unknown>({
      method: 'GET',
      path: q.path,
      query: {
        section: sectionsFor(this.d.mapping, at.kind),
        page: at.page,
        'page-size': pageSize,
        sort: incremental ? `${q.dateField}:asc,${q.idField}:asc` : `${q.idField}:asc`,
        filter: incremental ? `${q.dateField}>="${at.since ?? req.watermark}"` : undefined,
      },
      signal: req.signal,
    });
    const parsed = InventoryPage.safeParse(res.data);
    if (!parsed.success) {
      throw new AssetbridgeError(
        'VENDOR_HTTP',
        `Jamf GET ${q.path} page ${at.page} answered a body without totalCount/results`,
      );
    }
    const { totalCount, results } = parsed.data;
    const toRecord = at.kind === 'computer' ? computerRecord : mobileRecord;
    const records: VendorRecord[] = [];
    for (const wire of results) records.push(await toRecord(wire, this.d.names));
    const last = results.length < pageSize || (at.page + 1) * pageSize >= totalCount;
    return { records, total: totalCount, last };
  }
}

function startOf(checkpoint: string | null, kinds: readonly JamfDeviceKind[]): Checkpoint | null {
  if (checkpoint === null) return { kind: kinds[0], page: 0, before: 0 };
  return parseReadCheckpoint(checkpoint, Checkpoint, 'Jamf', (at) => kinds.includes(at.kind));
}

/**
 * The page after a full one. Full reads go by page number (sorted by id, stable). Incremental
 * reads are sorted by report date, and a device that reports during the read moves to the end,
 * which would shift page numbers and skip a record; so they restart from the last report date
 * seen (inclusive; records already read are dropped) and count pages only within one date.
 */
function nextPage(at: Checkpoint, req: ReadRequest, records: VendorRecord[]): Checkpoint {
  const cursor = at.since ?? req.watermark;
  const lastDate = records.at(-1)?.observedAt;
  if (req.mode === 'full' || cursor === null || lastDate === undefined || lastDate <= cursor) {
    return { ...at, page: at.page + 1 };
  }
  return { ...at, page: 0, since: lastDate };
}

function nextKind(
  at: Checkpoint,
  kinds: readonly JamfDeviceKind[],
  total: number,
): Checkpoint | null {
  const i = kinds.indexOf(at.kind);
  if (i + 1 >= kinds.length) return null;
  return { kind: kinds[i + 1], page: 0, before: at.before + total };
}

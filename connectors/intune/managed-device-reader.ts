import type { Logger } from 'pino';
import type { HttpClient, QueryValue } from '../../core/http/http-client';
import type { ReadPage, ReadRequest, VendorRecord } from '../../core/sync/connector';
import { detailProperties } from './managed-device-select';
import {
  lastSyncOf,
  listedRecord,
  parseDevice,
  parseListPage,
  recordOf,
  type ManagedDeviceListPage,
} from './managed-device-page';
import { AssetbridgeError } from '../../core/errors';

export const COLLECTION = '/v1.0/deviceManagement/managedDevices';
/** Checkpoint of a read whose last page was handled. */
export const END_OF_READ = 'end';

export interface ManagedDeviceReaderDeps {
  name: string;
  client: HttpClient;
  /** Graph base URL; nextLinks and checkpoints must stay on its origin. */
  graphBaseUrl: string;
  pageSize: number;
  /** `$select` of list requests. */
  select: readonly string[];
  readDetailsForChanged: boolean;
  logger: Logger;
}

/** Where the next page comes from: the first request's query, or a whole nextLink URL. */
type PageTarget = { query: Record<string, QueryValue> } | { url: string };

/**
 * Reads managedDevices page by page: `$select` of the mapped properties, `@odata.nextLink`
 * followed as a whole URL (also past empty pages), the nextLink as checkpoint. Graph has no delta
 * query for managed devices: an incremental read sends `$filter=lastSyncDateTime ge <watermark>`
 * as a hint and filters again here, so unchanged devices are skipped even where Graph ignores it.
 */
export class ManagedDeviceReader {
  private readonly origin: string;
  private readonly details: string[];

  constructor(private readonly d: ManagedDeviceReaderDeps) {
    this.origin = new URL(d.graphBaseUrl).origin;
    this.details = detailProperties(d.select);
  }

  async *read(req: ReadRequest): AsyncGenerator<ReadPage> {
    const since = req.mode === 'incremental' ? req.watermark : null;
    const first: PageTarget = { query: this.firstQuery(req.mode, since) };
    let target: PageTarget | null = this.resumeTarget(req.checkpoint) ?? first;
    let resuming = 'url' in target;
    while (target !== null) {
      const page = await this.fetchPage(target, resuming, req.signal);
      if (page === null) {
        this.d.logger.warn(
          { connector: this.d.name },
          'Intune rejected the stored nextLink (stale $skiptoken); restarting the read from the first page',
        );
        target = first;
        resuming = false;
        continue;
      }
      resuming = false;
      const nextLink = this.checkedNextLink(page['@odata.nextLink']);
      const listed = page.value.filter((d) => since === null || lastSyncOf(d) >= since);
      const records = await this.withDetails(listed.map(listedRecord), req);
      yield {
        records,
        checkpoint: nextLink ?? END_OF_READ,
        expectedTotal: req.mode === 'full' ? page['@odata.count'] : undefined,
      };
      target = nextLink === null ? null : { url: nextLink };
    }
  }

  private firstQuery(mode: ReadRequest['mode'], since: string | null): Record<string, QueryValue> {
    return {
      $select: this.d.select.join(','),
      $top: this.d.pageSize,
      $filter: since === null ? undefined : `lastSyncDateTime ge ${since}`,
      $count: mode === 'full' ? 'true' : undefined,
    };
  }

  /** The stored nextLink to continue from; null to start over (none stored, or not usable). */
  private resumeTarget(checkpoint: string | null): PageTarget | null {
    if (checkpoint === null) return null;
    if (checkpoint === END_OF_READ) return null;
    if (this.sameOrigin(checkpoint)) return { url: checkpoint };
    this.d.logger.warn(
      { connector: this.d.name },
      'stored checkpoint is not a Graph nextLink of this instance; restarting the read',
    );
    return null;
  }

  private sameOrigin(url: string): boolean {
    try {
      return new URL(url).origin === this.origin;
    } catch {
      return false;
    }
  }

  /** A nextLink is sent with our token: it must point at the configured Graph host. */
  private checkedNextLink(link: string | undefined): string | null {
    if (link === undefined) return null;
    if (this.sameOrigin(link)) return link;
    throw new AssetbridgeError(
      'RECORD_INVALID',
      `${this.d.name}: @odata.nextLink ${new URL(link, this.origin).origin} is not on the configured Graph host ${this.origin}; refusing to follow it`,
    );
  }

  /** One page; null when a resumed nextLink is rejected as a bad request (stale skiptoken). */
  private async fetchPage(
    target: PageTarget,
    resuming: boolean,
    signal: AbortSignal | undefined,
  ): Promise<ManagedDeviceListPage | null> {
    const res = await this.d.client.request<unknown>({
      method: 'GET',
      ...('url' in target ? { url: target.url } : { path: COLLECTION, query: target.query }),
      expectStatus: resuming ? [400] : [],
      signal,
    });
    if (res.status === 400) return null;
    const where = 'url' in target ? target.url : COLLECTION;
    return parseListPage(this.d.name, where, res.data);
  }

  /** With `readDetailsForChanged`, the properties lists leave out, read per changed device. */
  private async withDetails(records: VendorRecord[], req: ReadRequest): Promise<VendorRecord[]> {
    if (!this.d.readDetailsForChanged || this.details.length === 0) return records;
    const changed = (r: VendorRecord) => req.watermark === null || r.observedAt >= req.watermark;
    return Promise.all(records.map((r) => (changed(r) ? this.detailed(r, req.signal) : r)));
  }

  private async detailed(record: VendorRecord, signal?: AbortSignal): Promise<VendorRecord> {
    const res = await this.d.client.request<unknown>({
      method: 'GET',
      path: `${COLLECTION}/${encodeURIComponent(record.externalId)}`,
      query: { $select: ['id', ...this.details].join(',') },
      expectStatus: [404],
      signal,
    });
    if (res.status === 404) return record;
    const device = parseDevice(this.d.name, record.externalId, res.data);
    const data = { ...(record.data as Record<string, unknown>) };
    for (const name of this.details) data[name] = device[name];
    return recordOf(record.externalId, data);
  }
}

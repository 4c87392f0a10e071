import { z } from 'zod';
import { AssetbridgeError } from '../../core/errors';
import type { HttpClient } from '../../core/http/http-client';

/** One item of an IRE payload (servicenow.md §3 "Request body"). */
export interface IreItem {
  className: string;
  values: Record<string, string>;
  lookup?: { className: string; values: Record<string, string> }[];
  settings?: Partial<Record<'updateWithoutDowngrade' | 'updateWithoutSwitch', boolean>>;
  sys_object_source_info?: {
    source_name: string;
    source_native_key: string;
    source_recency_timestamp?: string;
  };
}

const ItemResult = z.looseObject({
  className: z.string().optional(),
  operation: z.string().optional(),
  sysId: z.string().optional(),
  errors: z
    .array(z.looseObject({ error: z.string().optional(), message: z.string().optional() }))
    .nullish(),
});
const IreBody = z.object({ result: z.looseObject({ items: z.array(ItemResult) }) });

export interface IreOutcome {
  sysId: string;
  operation: string;
}

/**
 * `POST /api/now/identifyreconcile?sysparm_data_source=...`: ServiceNow's own identification
 * (serial lookup, serial, name, MAC) decides whether the CI exists, so duplicates stay out even
 * when other tools write the same CMDB. Per-item errors come inside a 200 and are thrown as
 * RECORD_INVALID for that record, with the IRE error code in the details.
 */
export class IreClient {
  constructor(
    private readonly http: HttpClient,
    private readonly dataSource: string,
  ) {}

  async commit(item: IreItem): Promise<IreOutcome> {
    const res = await this.http.request<unknown>({
      method: 'POST',
      path: '/api/now/identifyreconcile',
      query: { sysparm_data_source: this.dataSource },
      body: { items: [item] },
      trafficClass: 'write',
    });
    const parsed = IreBody.safeParse(res.data);
    const result = parsed.success ? parsed.data.result.items[0] : undefined;
    if (result === undefined && res.status >= 200 && res.status < 300) {
      // A 200 whose body is cut off (a quota cancelling the transaction mid-stream, KB1297438):
      // the CI may have been written, so it is looked up before anything is sent again.
      throw new AssetbridgeError(
        'WRITE_OUTCOME_UNKNOWN',
        `ServiceNow identifyreconcile answered HTTP ${res.status} with a body that cannot be read; the CI may have been written`,
      );
    }
    if (result === undefined) {
      throw new AssetbridgeError(
        'VENDOR_HTTP',
        `ServiceNow identifyreconcile answered HTTP ${res.status} without result.items`,
      );
    }
    const errors = result.errors ?? [];
    const sysId = result.sysId ?? '';
    if (errors.length > 0 || !/^[0-9a-f]{32}$/.test(sysId)) {
      const first = errors[0];
      const code = first?.error ?? result.operation ?? 'UNKNOWN';
      throw new AssetbridgeError(
        'RECORD_INVALID',
        `ServiceNow IRE refused the ${item.className} CI: ${code}: ${first?.message ?? 'no sys_id in the answer'}`,
        { details: { ireError: code, operation: result.operation ?? null } },
      );
    }
    return { sysId, operation: result.operation ?? '' };
  }
}

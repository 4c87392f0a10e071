import { z } from 'zod';
import { AssetbridgeError } from '../../core/errors';
import type { HttpClient } from '../../core/http/http-client';

/** A Table API row: every value a string (references as bare sys_ids with exclude_reference_link). */
export type SnRow = Record<string, string>;

const Row = z.record(z.string(), z.unknown());
const ListBody = z.object({ result: z.array(Row) });
const OneBody = z.object({ result: Row });

export interface ListRequest {
  table: string;
  query: string;
  fields?: readonly string[];
  limit: number;
  offset?: number;
  /** Also ask for the `X-Total-Count` header (a `count(*)` on the platform). */
  count?: boolean;
  /** Also return display values (`sysparm_display_value=all`): choice labels, reference names. */
  display?: boolean;
  signal?: AbortSignal;
}

export interface ListResult {
  rows: SnRow[];
  /** Display values of the same rows, when asked for. */
  labels: SnRow[];
  total: number | null;
}

/**
 * Flattens one row: strings stay, `{value}` (or `{display_value}`) objects become that value,
 * null becomes '' (an empty choice shows as null with display values).
 */
function flat(row: Record<string, unknown>, key: 'value' | 'display_value' = 'value'): SnRow {
  const out: SnRow = {};
  for (const [k, v] of Object.entries(row)) {
    if (typeof v === 'string') out[k] = v;
    else if (v === null || v === undefined) out[k] = '';
    else if (typeof v === 'object' && key in v) {
      const inner = (v as Record<string, unknown>)[key];
      out[k] = inner === null || inner === undefined ? '' : String(inner);
    } else out[k] = String(v);
  }
  return out;
}

function bad(what: string, status: number): AssetbridgeError {
  return new AssetbridgeError(
    'VENDOR_HTTP',
    `ServiceNow ${what} answered HTTP ${status} with a body that is not {"result": ...}`,
  );
}

/**
 * The Table API (`/api/now/table/{table}`) with the parameters every call of this connector uses:
 * raw values (`sysparm_display_value=false`) and references as bare sys_ids.
 */
export class TableClient {
  constructor(private readonly http: HttpClient) {}

  async list(req: ListRequest): Promise<ListResult> {
    const res = await this.http.request<unknown>({
      method: 'GET',
      path: `/api/now/table/${req.table}`,
      query: {
        sysparm_query: req.query,
        sysparm_fields: req.fields?.join(','),
        sysparm_limit: req.limit,
        sysparm_offset: req.offset && req.offset > 0 ? req.offset : undefined,
        sysparm_exclude_reference_link: 'true',
        sysparm_display_value: req.display ? 'all' : 'false',
        sysparm_no_count: req.count ? undefined : 'true',
        sysparm_suppress_pagination_header: 'true',
      },
      signal: req.signal,
    });
    const parsed = ListBody.safeParse(res.data);
    if (!parsed.success) throw bad(`GET ${req.table}`, res.status);
    const header = res.headers['x-total-count'];
    const total = header !== undefined && /^\d+$/.test(header) ? Number(header) : null;
    const rows = parsed.data.result.map((r) => flat(r));
    const labels = req.display ? parsed.data.result.map((r) => flat(r, 'display_value')) : [];
    return { rows, labels, total };
  }

  /** Rows whose `field` is one of `values`, in chunks small enough for a URL. */
  async listIn(
    table: string,
    field: string,
    values: readonly string[],
    fields?: readonly string[],
    extra = '',
  ): Promise<SnRow[]> {
    const out: SnRow[] = [];
    const unique = [...new Set(values.filter((v) => v !== ''))];
    for (let i = 0; i < unique.length; i += 100) {
      const chunk = unique.slice(i, i + 100);
      const query = `${field}IN${chunk.join(',')}${extra === '' ? '' : `^${extra}`}`;
      const { rows } = await this.list({ table, query, fields, limit: 10_000 });
      out.push(...rows);
    }
    return out;
  }

  async get(table: string, sysId: string, fields?: readonly string[]): Promise<SnRow | null> {
    const res = await this.http.request<unknown>({
      method: 'GET',
      path: `/api/now/table/${table}/${sysId}`,
      query: {
        sysparm_fields: fields?.join(','),
        sysparm_exclude_reference_link: 'true',
        sysparm_display_value: 'false',
      },
      expectStatus: [404],
    });
    if (res.status === 404) return null;
    const parsed = OneBody.safeParse(res.data);
    if (!parsed.success) throw bad(`GET ${table}/${sysId}`, res.status);
    return flat(parsed.data.result);
  }

  async insert(table: string, values: Record<string, string>): Promise<SnRow> {
    const res = await this.http.request<unknown>({
      method: 'POST',
      path: `/api/now/table/${table}`,
      query: { sysparm_exclude_reference_link: 'true' },
      body: values,
      trafficClass: 'write',
    });
    const parsed = OneBody.safeParse(res.data);
    if (!parsed.success) throw bad(`POST ${table}`, res.status);
    return flat(parsed.data.result);
  }

  /**
   * PATCH is a partial update: sending the same values twice is harmless, so it may be retried,
   * unless it appends (work notes), which the caller says with `idempotent: false`.
   */
  async update(
    table: string,
    sysId: string,
    values: Record<string, string>,
    idempotent = true,
  ): Promise<SnRow> {
    const res = await this.http.request<unknown>({
      method: 'PATCH',
      path: `/api/now/table/${table}/${sysId}`,
      query: { sysparm_exclude_reference_link: 'true' },
      body: values,
      trafficClass: 'write',
      idempotent,
    });
    const parsed = OneBody.safeParse(res.data);
    if (!parsed.success) throw bad(`PATCH ${table}/${sysId}`, res.status);
    return flat(parsed.data.result);
  }
}

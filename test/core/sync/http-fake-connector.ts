import type { HttpClient } from '../../../core/http/http-client';
import type {
  Connector,
  ReadPage,
  ReadRequest,
  VendorRecord,
  WriteRequest,
} from '../../../core/sync/connector';
import type { VendorDevice } from './http-fake-vendor';

type Page = { total: number; items: VendorDevice[] };

/** A connector over `HttpFakeVendor`: offset pages with a checkpoint, find by serial, writes. */
export function httpFakeConnector(http: HttpClient, system: 'mdm' | 'cmdb'): Connector {
  const record = (d: VendorDevice): VendorRecord => ({
    externalId: d.id,
    observedAt: d.updated,
    data: d,
  });
  const path = `/${system}/devices`;
  async function* read(req: ReadRequest): AsyncIterable<ReadPage> {
    let offset = req.checkpoint ? Number(req.checkpoint) : 0;
    for (;;) {
      const { data } = await http.request<Page>({
        method: 'GET',
        path,
        query: { offset, limit: 10 },
      });
      if (data.items.length === 0) return;
      offset += data.items.length;
      yield {
        records: data.items.map(record),
        checkpoint: String(offset),
        expectedTotal: data.total,
      };
    }
  }
  return {
    name: system,
    type: 'http-fake',
    read,
    writer:
      system === 'cmdb'
        ? {
            find: async (req: WriteRequest) => {
              const query = { serial: req.asset.serial ?? '' };
              const { data } = await http.request<Page>({ method: 'GET', path, query });
              return data.items[0] ? record(data.items[0]) : null;
            },
            create: async (req: WriteRequest) => {
              const { data } = await http.request<VendorDevice>({
                method: 'POST',
                path,
                body: req.full,
              });
              return { externalId: data.id, record: record(data) };
            },
            update: async (id: string, req: WriteRequest) => {
              const { data } = await http.request<VendorDevice>({
                method: 'PATCH',
                path: `${path}/${id}`,
                body: req.changes,
              });
              return { externalId: id, record: record(data) };
            },
          }
        : undefined,
  };
}

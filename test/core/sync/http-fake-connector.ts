import axios from 'axios';
import type {
  Connector,
  ReadPage,
  ReadRequest,
  VendorRecord,
  WriteRequest,
} from '../../../core/sync/connector';
import type { VendorDevice } from './http-fake-vendor';

/** A connector over `HttpFakeVendor`: offset pages with a checkpoint, find by serial, writes. */
export function httpFakeConnector(baseUrl: string, system: 'mdm' | 'cmdb'): Connector {
  const http = axios.create({ baseURL: `${baseUrl}/${system}` });
  const record = (d: VendorDevice): VendorRecord => ({
    externalId: d.id,
    observedAt: d.updated,
    data: d,
  });
  async function* read(req: ReadRequest): AsyncIterable<ReadPage> {
    let offset = req.checkpoint ? Number(req.checkpoint) : 0;
    for (;;) {
      const { data } = await http.get<{ total: number; items: VendorDevice[] }>('/devices', {
        params: { offset, limit: 10 },
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
              const { data } = await http.get<{ items: VendorDevice[] }>('/devices', {
                params: { serial: req.asset.serial },
              });
              return data.items[0] ? record(data.items[0]) : null;
            },
            create: async (req: WriteRequest) => {
              const { data } = await http.post<VendorDevice>('/devices', req.full);
              return { externalId: data.id, record: record(data) };
            },
            update: async (id: string, req: WriteRequest) => {
              const { data } = await http.patch<VendorDevice>(`/devices/${id}`, req.changes);
              return { externalId: id, record: record(data) };
            },
          }
        : undefined,
  };
}

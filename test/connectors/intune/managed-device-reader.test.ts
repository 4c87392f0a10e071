import type { HttpClient, HttpRequest, HttpResponse } from '../../../core/http/http-client';
import { silentLogger } from '../../../core/logging/logger';
import type { ReadPage } from '../../../core/sync/connector';
import { ManagedDeviceReader } from '../../../connectors/intune/managed-device-reader';

const BASE = 'https://graph.microsoft.com';

/** Answers each list request with the next of the given bodies. */
class ScriptedGraph implements HttpClient {
  readonly sent: HttpRequest[] = [];
  constructor(private readonly bodies: unknown[]) {}
  async request<T>(req: HttpRequest): Promise<HttpResponse<T>> {
    this.sent.push(req);
    return { status: 200, headers: {}, data: this.bodies.shift() as T, attempts: 1 };
  }
}

const reader = (graph: HttpClient) =>
  new ManagedDeviceReader({
    name: 'intune',
    client: graph,
    graphBaseUrl: BASE,
    pageSize: 2,
    select: ['id', 'lastSyncDateTime', 'deviceName'],
    readDetailsForChanged: false,
    logger: silentLogger(),
  });

async function all(pages: AsyncIterable<ReadPage>): Promise<ReadPage[]> {
  const out: ReadPage[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

const device = (id: string, lastSyncDateTime: string) => ({ id, lastSyncDateTime });

describe('ManagedDeviceReader', () => {
  test('an incremental read filters again locally when Graph ignores $filter', async () => {
    const graph = new ScriptedGraph([
      {
        value: [
          device('old', '2026-11-01T00:00:00Z'),
          device('edge', '2026-11-10T00:00:00.0000001Z'),
        ],
        '@odata.nextLink': `${BASE}/v1.0/deviceManagement/managedDevices?$skiptoken=x`,
      },
      { value: [], '@odata.nextLink': `${BASE}/v1.0/deviceManagement/managedDevices?$skiptoken=y` },
      { value: [device('new', '2026-11-20T00:00:00Z'), device('never', '0001-01-01T00:00:00Z')] },
    ]);
    const pages = await all(
      reader(graph).read({
        mode: 'incremental',
        watermark: '2026-11-10T00:00:00.000Z',
        checkpoint: null,
      }),
    );
    expect(pages.map((p) => p.records.map((r) => r.externalId))).toEqual([['edge'], [], ['new']]);
    expect(pages.map((p) => p.checkpoint)).toEqual([
      `${BASE}/v1.0/deviceManagement/managedDevices?$skiptoken=x`,
      `${BASE}/v1.0/deviceManagement/managedDevices?$skiptoken=y`,
      'end',
    ]);
    expect(graph.sent[0].query).toMatchObject({
      $filter: 'lastSyncDateTime ge 2026-11-10T00:00:00.000Z',
      $select: 'id,lastSyncDateTime,deviceName',
      $top: 2,
    });
    expect(graph.sent[1].url).toBe(`${BASE}/v1.0/deviceManagement/managedDevices?$skiptoken=x`);
  });

  test('a full read reports @odata.count as the expected total', async () => {
    const graph = new ScriptedGraph([
      { value: [device('a', '2026-11-01T00:00:00Z')], '@odata.count': 7 },
    ]);
    const [page] = await all(
      reader(graph).read({ mode: 'full', watermark: null, checkpoint: null }),
    );
    expect(page.expectedTotal).toBe(7);
    expect(graph.sent[0].query).toMatchObject({ $count: 'true' });
  });

  test('a nextLink to another host is refused rather than sent the token', async () => {
    const graph = new ScriptedGraph([
      { value: [], '@odata.nextLink': 'https://evil.example/v1.0/deviceManagement/managedDevices' },
    ]);
    await expect(
      all(reader(graph).read({ mode: 'full', watermark: null, checkpoint: null })),
    ).rejects.toThrow(/nextLink https:\/\/evil.example is not on the configured Graph host/);
    expect(graph.sent).toHaveLength(1);
  });

  test('a page that is not a Graph collection fails the read, naming the URL', async () => {
    const graph = new ScriptedGraph([{ devices: [] }]);
    await expect(
      all(reader(graph).read({ mode: 'full', watermark: null, checkpoint: null })),
    ).rejects.toThrow(
      /managedDevices page from \/v1.0\/deviceManagement\/managedDevices is not a Graph collection/,
    );
  });
});

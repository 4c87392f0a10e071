import type { HttpClient, HttpRequest, HttpResponse } from '../../../core/http/http-client';
import { emptyAsset } from '../../../core/model/asset';
import { ManagedDeviceWriter } from '../../../connectors/intune/managed-device-writer';

/** Answers GETs with the given device and records every request. */
class FakeGraph implements HttpClient {
  readonly sent: HttpRequest[] = [];
  constructor(private readonly device: Record<string, unknown>) {}
  async request<T>(req: HttpRequest): Promise<HttpResponse<T>> {
    this.sent.push(req);
    const data = req.method === 'GET' ? this.device : null;
    return { status: req.method === 'GET' ? 200 : 204, headers: {}, data: data as T, attempts: 1 };
  }
}

const asset = emptyAsset('a1', '2026-01-01T00:00:00.000Z');
const req = (changes: Record<string, unknown>) => ({ asset, changes, full: changes });

describe('ManagedDeviceWriter', () => {
  test('PATCHes only the changed writable properties, on the write traffic class', async () => {
    const graph = new FakeGraph({ id: 'd1', notes: 'old' });
    const result = await new ManagedDeviceWriter('intune', graph).update(
      'd1',
      req({ notes: 'AB-1', managedDeviceName: 'x' }),
    );
    const patch = graph.sent.find((r) => r.method === 'PATCH')!;
    expect(patch).toMatchObject({
      path: '/v1.0/deviceManagement/managedDevices/d1',
      body: { notes: 'old\nAsset tag: AB-1', managedDeviceName: 'x' },
      trafficClass: 'write',
    });
    // Notes are read first (lists never show them), so that what people wrote there is kept.
    expect(graph.sent.map((r) => r.method)).toEqual(['GET', 'PATCH']);
    expect(graph.sent[0]).toMatchObject({ query: { $select: 'id,notes' }, trafficClass: 'read' });
    expect(result).toEqual({ externalId: 'd1' });
  });

  test('notes that already carry the line are not written again', async () => {
    const graph = new FakeGraph({ id: 'd1', notes: 'spare\nAsset tag: AB-1' });
    const result = await new ManagedDeviceWriter('intune', graph).update(
      'd1',
      req({ notes: 'AB-1' }),
    );
    expect(graph.sent.map((r) => r.method)).toEqual(['GET']);
    expect(result).toEqual({ externalId: 'd1', unchanged: true });
  });

  test('refuses a property Graph does not let a PATCH set, naming it', async () => {
    const graph = new FakeGraph({ id: 'd1' });
    await expect(
      new ManagedDeviceWriter('intune', graph).update('d1', req({ serialNumber: 'X' })),
    ).rejects.toThrow(/'serialNumber', which Graph does not let a PATCH set/);
    expect(graph.sent).toEqual([]);
  });

  test('creates nothing: find finds nothing and there is no create', async () => {
    const writer = new ManagedDeviceWriter('intune', new FakeGraph({ id: 'd1' }));
    expect(await writer.find(req({}))).toBeNull();
    expect('create' in writer).toBe(false);
  });
});

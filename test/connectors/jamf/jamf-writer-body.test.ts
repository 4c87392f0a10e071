import type { HttpClient, HttpRequest, HttpResponse } from '../../../core/http/http-client';
import { silentLogger } from '../../../core/logging/logger';
import type { Asset } from '../../../core/model/asset';
import { JamfOptions } from '../../../connectors/jamf/jamf-options';
import { JamfReferenceNames } from '../../../connectors/jamf/jamf-reference-names';
import { JamfWriter } from '../../../connectors/jamf/jamf-writer';

/** Records requests and answers departments, buildings and a mobile summary. */
class RecordingHttp implements HttpClient {
  readonly sent: HttpRequest[] = [];

  async request<T>(req: HttpRequest): Promise<HttpResponse<T>> {
    this.sent.push(req);
    const answer = (data: unknown) => ({ status: 200, headers: {}, data: data as T, attempts: 1 });
    if (req.path === '/api/v1/departments')
      return answer({
        totalCount: 2,
        results: [
          { id: '3', name: 'Legal' },
          { id: '4', name: 'Sales' },
        ],
      });
    if (req.path === '/api/v1/buildings')
      return answer({ totalCount: 1, results: [{ id: '9', name: 'Berlin HQ' }] });
    if (req.method === 'GET') return answer({ id: '5', type: 'tvos' });
    return { status: 204, headers: {}, data: null as T, attempts: 1 };
  }
}

const asset = {} as Asset;

function writer(http: RecordingHttp, options: Record<string, unknown> = {}) {
  return new JamfWriter({
    http,
    options: JamfOptions.parse(options),
    names: new JamfReferenceNames(http),
    logger: silentLogger(),
  });
}

const patches = (http: RecordingHttp) => http.sent.filter((r) => r.method === 'PATCH');

describe('JamfWriter request bodies', () => {
  test('a computer change is sent as exactly the changed ComputerInventoryUpdateRequest fields', async () => {
    const http = new RecordingHttp();
    const changes = { general: { assetTag: 'AT-1' } };
    await writer(http, { apiVersion: 'v3' }).update('computer:12', {
      asset,
      changes,
      full: changes,
    });
    expect(patches(http)).toEqual([
      expect.objectContaining({
        path: '/api/v3/computers-inventory-detail/12',
        body: { general: { assetTag: 'AT-1' } },
      }),
    ]);
  });

  test('department and building names are sent as their ids; an unknown name fails naming it', async () => {
    const http = new RecordingHttp();
    const changes = {
      userAndLocation: { department: 'Sales', building: 'Berlin HQ', room: '2.14' },
    };
    await writer(http).update('computer:1', { asset, changes, full: changes });
    expect(patches(http)[0].body).toEqual({
      userAndLocation: { departmentId: '4', buildingId: '9', room: '2.14' },
    });
    const bad = { userAndLocation: { department: 'Nowhere' } };
    await expect(
      writer(http).update('computer:1', { asset, changes: bad, full: bad }),
    ).rejects.toThrow(/no department named 'Nowhere'/);
  });

  test('a mobile change uses UpdateMobileDeviceV2 names, with purchasing under the device type', async () => {
    const http = new RecordingHttp();
    const changes = {
      general: { assetTag: 'AT-2', name: 'Lobby TV' },
      userAndLocation: { email: 'a@b.example', realname: 'A B' },
      purchasing: { warrantyDate: '2030-02-01', poNumber: 'PO-1' },
    };
    await writer(http).update('mobile:5', { asset, changes, full: changes });
    expect(patches(http)).toEqual([
      expect.objectContaining({
        path: '/api/v2/mobile-devices/5',
        body: {
          assetTag: 'AT-2',
          location: { emailAddress: 'a@b.example', realName: 'A B' },
          tvos: { purchasing: { warrantyExpiresDate: '2030-02-01T00:00:00Z', poNumber: 'PO-1' } },
        },
      }),
    ]);
  });

  test('an external id that is not computer:<id> or mobile:<id> is refused', async () => {
    const http = new RecordingHttp();
    const changes = { general: { assetTag: 'x' } };
    await expect(
      writer(http).update('printer:1', { asset, changes, full: changes }),
    ).rejects.toThrow(/not of the form computer:<id> or mobile:<id>/);
    expect(http.sent).toEqual([]);
  });
});

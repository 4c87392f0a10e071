import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fleetDevice, startJamf, type JamfHarness } from './jamf-test-client';

interface Received {
  headers: http.IncomingHttpHeaders;
  body: { webhook: Record<string, unknown>; event: Record<string, unknown> };
}

let h: JamfHarness;
let receiver: http.Server;
let receiverUrl = '';
const received: Received[] = [];
const clock = Date.parse('2026-12-01T09:00:00Z');

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString()) as Received['body'],
      });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  h = await startJamf({ now: () => clock });
  h.sim.seedFromFleet([
    fleetDevice(1),
    fleetDevice(2, { category: 'mobile', model: 'iPhone 15', modelIdentifier: 'iPhone15,4' }),
  ]);
  const res = await h.control('PUT', '/config', {
    webhooks: [
      {
        id: 7,
        url: receiverUrl,
        event: 'ComputerCheckIn',
        authType: 'header',
        header: 'X-Hook-Token',
        value: 's3cret',
      },
      {
        id: 8,
        url: receiverUrl,
        event: 'ComputerInventoryCompleted',
        authType: 'basic',
        username: 'hook',
        password: 'pw',
      },
      { id: 9, url: receiverUrl, event: 'ComputerAdded' },
      {
        id: 10,
        url: receiverUrl,
        event: 'MobileDeviceEnrolled',
        authType: 'header',
        header: 'X-Hook-Token',
        value: 's3cret',
      },
      { id: 11, url: receiverUrl, event: 'MobileDeviceUnEnrolled' },
    ],
  });
  expect(res.status).toBe(200);
});
afterAll(async () => {
  await h.running.close();
  await new Promise((resolve) => receiver.close(resolve));
});

beforeEach(() => {
  received.length = 0;
});

describe('Jamf webhooks', () => {
  test('a computer check-in sends ComputerCheckIn with header auth and the documented envelope', async () => {
    const res = await h.control('POST', '/devices/computers/1/check-in');
    expect(res.status).toBe(200);
    expect(received).toHaveLength(1);
    const [hit] = received;
    expect(hit?.headers['x-hook-token']).toBe('s3cret');
    expect(hit?.body.webhook).toEqual({
      id: 7,
      name: 'ComputerCheckIn Webhook',
      webhookEvent: 'ComputerCheckIn',
      eventTimestamp: clock,
    });
    expect(hit?.body.event).toEqual(
      expect.objectContaining({
        trigger: 'CLIENT_CHECKIN',
        computer: expect.objectContaining({
          jssID: 1,
          serialNumber: 'C02XK00001HD',
          department: 'Engineering',
        }),
      }),
    );
  });

  test('inventory completion uses basic auth and changes the report date', async () => {
    await h.control('POST', '/devices/computers/1/inventory', { assetTag: 'AT-NEW' });
    expect(received[0]?.headers.authorization).toBe(
      `Basic ${Buffer.from('hook:pw').toString('base64')}`,
    );
    expect(received[0]?.body.event).toEqual(
      expect.objectContaining({ jssID: 1, deviceName: 'Mac-00001' }),
    );
    const detail = (await h.get('/api/v4/computers-inventory-detail/1')).body as {
      general: { reportDate: string; assetTag: string };
    };
    expect(detail.general.reportDate).toBe('2026-12-01T09:00:00.000Z');
    expect(detail.general.assetTag).toBe('AT-NEW');
  });

  test('re-enrolment creates a new computer id with the same serial and sends ComputerAdded', async () => {
    const res = await h.control('POST', '/devices/computers/1/re-enroll');
    const newId = (res.body as { id: string }).id;
    expect(newId).toBe('2');
    expect(received[0]?.body.webhook.webhookEvent).toBe('ComputerAdded');
    expect(received[0]?.headers).not.toHaveProperty('x-hook-token');
    const list = (
      await h.get(
        '/api/v4/computers-inventory?section=HARDWARE&filter=hardware.serialNumber=="C02XK00001HD"',
      )
    ).body as { totalCount: number };
    expect(list.totalCount).toBe(2);
    received.length = 0;
    await h.control('POST', '/devices/computers/1/re-enroll', { newRecord: false });
    expect(received).toHaveLength(0);
  });

  test('mobile enrol and un-enrol send their events', async () => {
    await h.control('POST', '/devices/mobile/1/unenroll');
    expect(received[0]?.body.webhook.webhookEvent).toBe('MobileDeviceUnEnrolled');
    expect(received[0]?.body.event).toEqual(
      expect.objectContaining({
        jssID: 1,
        serialNumber: 'C02XK00002HD',
        modelDisplay: 'iPhone 15',
        model: 'iPhone15,4',
      }),
    );
    await h.control('POST', '/devices/mobile/1/enroll', { newRecord: false });
    expect(received[1]?.body.webhook.webhookEvent).toBe('MobileDeviceEnrolled');
    expect(received[1]?.headers['x-hook-token']).toBe('s3cret');
    const general = (
      (await h.get('/api/v2/mobile-devices/detail')).body as {
        results: Array<{ general: { managed: boolean } }>;
      }
    ).results[0]?.general;
    expect(general?.managed).toBe(true);
  });

  test('bad webhook configuration is refused', async () => {
    const reserved = await h.control('PUT', '/config', {
      webhooks: [
        {
          url: receiverUrl,
          event: 'ComputerAdded',
          authType: 'header',
          header: 'Content-Type',
          value: 'x',
        },
      ],
    });
    expect(reserved.status).toBe(400);
    const unknownEvent = await h.control('PUT', '/config', {
      webhooks: [{ url: receiverUrl, event: 'ComputerExploded' }],
    });
    expect(unknownEvent.status).toBe(400);
    expect((await h.control('POST', '/devices/computers/999/check-in')).status).toBe(404);
  });
});

import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { signEvent, type TicketEvent } from '../../../../simulators/servicenow/outbound-events';
import {
  fakeTicket,
  loadAssetbridgeEvents,
  newWorld,
  type GlideWorld,
  type TicketFields,
} from './glide-fakes';

// Runs the companion app's script include (the code installed on the instance) in Node with fakes
// of the Glide APIs, and checks what it would post against Node's own HMAC and the simulator's
// signer, so that the app, the simulator and the receiver cannot drift apart.

/** The event's keys in wire order; `satisfies` keeps the list complete against the contract. */
const EVENT_KEYS = Object.keys({
  event_id: 1,
  event_type: 1,
  table: 1,
  sys_id: 1,
  number: 1,
  cmdb_ci: 1,
  short_description: 1,
  state: 1,
  sys_updated_on: 1,
  timestamp: 1,
} satisfies Record<keyof TicketEvent, 1>);

const INCIDENT: TicketFields = {
  table: 'incident',
  sys_id: '9d385017c611228701d22104cc95c371',
  number: 'INC0010001',
  cmdb_ci: 'a9c0c8d2c6112276018f7705562f9cb0',
  short_description: 'Laptop screen flickers',
  state: '1',
  sys_updated_on: '2026-06-01 12:00:00',
  sys_mod_count: '4',
};

function nodeSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

function sendOne(world: GlideWorld, fields: TicketFields, how: 'change' | 'refresh' = 'change') {
  const events = loadAssetbridgeEvents(world);
  const ticket = fakeTicket(fields);
  const outcome =
    how === 'refresh' ? events.requestRefresh(ticket) : events.notifyTicketChange(ticket);
  return { outcome, request: world.requests[world.requests.length - 1] };
}

describe('AssetbridgeEvents script include', () => {
  test('posts the contract envelope, signed as Node and the simulator sign it', () => {
    const world = newWorld();
    const { outcome, request } = sendOne(world, INCIDENT);

    expect(world.requests).toHaveLength(1);
    expect(request.endpoint).toBe('https://assetbridge.test/webhooks/servicenow');
    expect(request.method.toUpperCase()).toBe('POST');
    expect(request.timeoutMs).toBeGreaterThan(0);
    expect(Object.keys(request.headers).sort()).toEqual([
      'Content-Type',
      'X-Assetbridge-Signature',
      'X-Assetbridge-Timestamp',
    ]);
    expect(request.headers['Content-Type']).toBe('application/json');

    const timestamp = request.headers['X-Assetbridge-Timestamp'];
    expect(timestamp).toBe(String(Math.floor(world.nowMillis / 1000)));
    const signature = request.headers['X-Assetbridge-Signature'];
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(signature).toBe(nodeSignature('test-secret', timestamp, request.body));
    expect(signature).toBe(signEvent('test-secret', timestamp, request.body));

    const event = JSON.parse(request.body) as TicketEvent;
    expect(Object.keys(event)).toEqual(EVENT_KEYS);
    expect(event).toEqual({
      event_id: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
      event_type: 'ticket.updated',
      table: 'incident',
      sys_id: INCIDENT.sys_id,
      number: 'INC0010001',
      cmdb_ci: INCIDENT.cmdb_ci,
      short_description: 'Laptop screen flickers',
      state: '1',
      sys_updated_on: '2026-06-01 12:00:00',
      timestamp: '2026-06-01T12:00:05.250Z',
    });
    expect(outcome).toEqual({
      sent: true,
      reason: 'sent',
      status: 202,
      eventId: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
    });
  });

  test('hands generateMac the secret base64-encoded and turns its base64 MAC into hex', () => {
    const world = newWorld();
    const { request } = sendOne(world, INCIDENT);

    expect(world.macCalls).toHaveLength(1);
    const [call] = world.macCalls;
    expect(call.algorithm).toBe('HmacSHA256');
    expect(call.key).toBe(Buffer.from('test-secret', 'utf8').toString('base64'));
    expect(call.data).toBe(`${request.headers['X-Assetbridge-Timestamp']}.${request.body}`);
  });

  test('names a new ticket ticket.created and a button press ticket.refresh', () => {
    const created = sendOne(newWorld(), { ...INCIDENT, sys_mod_count: '0' });
    expect(JSON.parse(created.request.body).event_type).toBe('ticket.created');

    const refresh = sendOne(newWorld(), { ...INCIDENT, table: 'sc_req_item' }, 'refresh');
    expect(JSON.parse(refresh.request.body)).toMatchObject({
      event_type: 'ticket.refresh',
      table: 'sc_req_item',
    });
  });

  test('sends empty fields as empty strings, as the simulator does', () => {
    const { request } = sendOne(newWorld(), {
      ...INCIDENT,
      table: 'change_request',
      cmdb_ci: null,
      short_description: '',
    });
    expect(JSON.parse(request.body)).toMatchObject({
      table: 'change_request',
      cmdb_ci: '',
      short_description: '',
    });
  });

  test('keeps the body ASCII, so the signed bytes are the sent bytes; signs with the secret as stored', () => {
    const secret = ' sëcret-ключ-🔑 ';
    const world = newWorld({
      properties: {
        'x_assetbridge.webhook_url': 'https://assetbridge.test/webhooks/servicenow',
        'x_assetbridge.webhook_secret': secret,
      },
    });
    const text = 'Écran cassé — 画面が割れた 😀 "quoted" \\ back\nslash';
    const { request } = sendOne(world, { ...INCIDENT, short_description: text });

    expect(request.body).toMatch(/^[\x20-\x7e]*$/);
    expect(JSON.parse(request.body).short_description).toBe(text);
    const timestamp = request.headers['X-Assetbridge-Timestamp'];
    expect(request.headers['X-Assetbridge-Signature']).toBe(
      nodeSignature(secret, timestamp, request.body),
    );
  });

  test('agrees with Node for any secret, text and time', () => {
    const events = loadAssetbridgeEvents(newWorld());
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', minLength: 1, maxLength: 64 }),
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.integer({ min: 0, max: 4_102_444_800_000 }),
        (secret, text, millis) => {
          const ticket = fakeTicket({ ...INCIDENT, short_description: text });
          const signed = events.signedEvent(ticket, 'ticket.updated', secret, millis);
          expect(signed.timestamp).toBe(String(Math.floor(millis / 1000)));
          expect(signed.signature).toBe(nodeSignature(secret, signed.timestamp, signed.body));
          expect(JSON.parse(signed.body).short_description).toBe(text);
        },
      ),
      { numRuns: 200 },
    );
  });

  test('sends nothing while disabled', () => {
    const world = newWorld();
    world.properties['x_assetbridge.enabled'] = 'false';
    const { outcome } = sendOne(world, INCIDENT);
    expect(world.requests).toHaveLength(0);
    expect(outcome).toMatchObject({ sent: false, reason: 'disabled' });
  });

  test.each(['x_assetbridge.webhook_url', 'x_assetbridge.webhook_secret'])(
    'sends nothing and warns when %s is not set',
    (property) => {
      const world = newWorld();
      world.properties[property] = '  ';
      const { outcome } = sendOne(world, INCIDENT);
      expect(world.requests).toHaveLength(0);
      expect(outcome).toMatchObject({ sent: false, reason: 'not_configured' });
      expect(world.logs.map((l) => l.level)).toEqual(['warn']);
    },
  );

  test('reports a refused delivery and a failed request without throwing', () => {
    const refused = newWorld({ answer: { status: 401, errorMessage: 'Unauthorized' } });
    expect(sendOne(refused, INCIDENT).outcome).toMatchObject({
      sent: false,
      reason: 'http_error',
      status: 401,
    });
    expect(refused.logs.map((l) => l.level)).toEqual(['error']);

    const failed = newWorld({ answer: new Error('connection refused') });
    expect(sendOne(failed, INCIDENT).outcome).toMatchObject({
      sent: false,
      reason: 'request_failed',
      status: 0,
    });
    expect(failed.logs.map((l) => l.level)).toEqual(['error']);
  });

  test('never logs the secret', () => {
    const world = newWorld({ answer: { status: 500, errorMessage: 'boom' } });
    sendOne(world, INCIDENT);
    expect(JSON.stringify(world.logs)).not.toContain('test-secret');
  });
});

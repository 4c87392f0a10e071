import { createHmac, timingSafeEqual } from 'node:crypto';
import { AssetbridgeError } from '../../../core/errors';
import type {
  Connector,
  RawWebhook,
  WebhookEvent,
  WebhookVerdict,
} from '../../../core/sync/connector';

/**
 * A test-only connector whose webhooks are signed like many vendors do it: HMAC-SHA256 over
 * `<unix seconds>.<raw body>`, hex in `x-fake-signature`, the seconds in `x-fake-timestamp`,
 * the delivery id in `x-fake-delivery`. Bodies are `{"events":[{"externalId":"..."}]}`.
 */
export const SIGNATURE_HEADER = 'x-fake-signature';
export const TIMESTAMP_HEADER = 'x-fake-timestamp';
export const DELIVERY_HEADER = 'x-fake-delivery';

function hmac(secret: string, timestamp: string, body: Buffer): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest();
}

export function signedHeaders(
  secret: string,
  body: string | Buffer,
  options: { sentAt: Date; deliveryId: string },
): Record<string, string> {
  const timestamp = String(Math.floor(options.sentAt.getTime() / 1000));
  const raw = Buffer.isBuffer(body) ? body : Buffer.from(body);
  return {
    'content-type': 'application/json',
    [SIGNATURE_HEADER]: hmac(secret, timestamp, raw).toString('hex'),
    [TIMESTAMP_HEADER]: timestamp,
    [DELIVERY_HEADER]: options.deliveryId,
  };
}

function verify(secret: string, req: RawWebhook): WebhookVerdict {
  const signature = req.headers[SIGNATURE_HEADER];
  const timestamp = req.headers[TIMESTAMP_HEADER];
  if (signature === undefined) return { ok: false, reason: `missing ${SIGNATURE_HEADER} header` };
  if (timestamp === undefined || !/^\d{1,12}$/.test(timestamp)) {
    return { ok: false, reason: `missing or malformed ${TIMESTAMP_HEADER} header` };
  }
  const given = Buffer.from(signature, 'hex');
  const expected = hmac(secret, timestamp, req.rawBody);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'signature does not match the body' };
  }
  return {
    ok: true,
    deliveryId: req.headers[DELIVERY_HEADER] ?? '',
    sentAt: new Date(Number(timestamp) * 1000),
  };
}

function parse(req: RawWebhook): WebhookEvent[] {
  let body: unknown;
  try {
    body = JSON.parse(req.rawBody.toString('utf8'));
  } catch (err) {
    throw new AssetbridgeError('RECORD_INVALID', `body is not JSON: ${(err as Error).message}`);
  }
  const events = (body as { events?: unknown } | null)?.events;
  if (!Array.isArray(events)) {
    throw new AssetbridgeError('RECORD_INVALID', 'body has no "events" array');
  }
  return events.map((e: { externalId?: unknown; deleted?: unknown }, i) => {
    if (typeof e?.externalId !== 'string') {
      throw new AssetbridgeError('RECORD_INVALID', `events[${i}].externalId is not a string`);
    }
    return { kind: 'record', externalId: e.externalId, deleted: e.deleted === true };
  });
}

export function fakeConnector(name: string, secret: string): Connector {
  return {
    name,
    type: 'fake',
    webhooks: {
      verify: (req) => verify(secret, req),
      parse,
      fetch: async () => null,
    },
  };
}

/** A connector that reads but takes no webhooks. */
export function readOnlyConnector(name: string): Connector {
  return { name, type: 'fake' };
}

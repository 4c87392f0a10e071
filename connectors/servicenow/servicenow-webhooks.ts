import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { parseWebhookBody } from '../../core/sync/webhook-body';
import type {
  ConnectorWebhooks,
  RawWebhook,
  VendorRecord,
  WebhookEvent,
  WebhookVerdict,
} from '../../core/sync/connector';

const TIMESTAMP_HEADER = 'x-assetbridge-timestamp';
const SIGNATURE_HEADER = 'x-assetbridge-signature';

/** The event the companion app's business rules and UI action (and the simulator) send. */
/** A ServiceNow record id: 32 lower-case hex digits. */
const SysId = z.string().regex(/^[0-9a-f]{32}$/, 'expected a sys_id of 32 hex digits');

const TicketEvent = z.looseObject({
  event_id: z.string().min(1),
  event_type: z.enum(['ticket.created', 'ticket.updated', 'ticket.refresh']),
  table: z.string().min(1),
  sys_id: SysId.optional(),
  number: z.string().regex(/^[A-Z]+\d+$/, 'expected a task number such as INC0010001'),
  /** The configuration item's sys_id; empty when the ticket names none. */
  cmdb_ci: z.union([SysId, z.literal('')]).optional(),
  timestamp: z.string().optional(),
});

export interface ServiceNowWebhookDeps {
  /** The shared secret, or null when none is configured (then nothing is accepted). */
  secret: string | null;
  fetch(externalId: string): Promise<VendorRecord | null>;
}

function sameBytes(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

/**
 * Signed ticket events: `X-Assetbridge-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw
 * body>">` with `X-Assetbridge-Timestamp: <unix seconds>`. The signature is checked (constant
 * time) before anything is parsed; the timestamp is the sent time the receiver holds against its
 * tolerance; the delivery id is the event's `event_id`, so a replay is stored once.
 */
export function servicenowWebhooks(deps: ServiceNowWebhookDeps): ConnectorWebhooks {
  return {
    verify(req: RawWebhook): WebhookVerdict {
      if (deps.secret === null) {
        return {
          ok: false,
          reason: 'no webhookSecretEnv is configured for this ServiceNow connector',
        };
      }
      const timestamp = req.headers[TIMESTAMP_HEADER];
      const signature = req.headers[SIGNATURE_HEADER];
      if (timestamp === undefined || !/^\d{1,12}$/.test(timestamp)) {
        return {
          ok: false,
          reason: 'header X-Assetbridge-Timestamp is missing or not unix seconds',
        };
      }
      if (signature === undefined)
        return { ok: false, reason: 'header X-Assetbridge-Signature is missing' };
      const mac = createHmac('sha256', deps.secret)
        .update(`${timestamp}.`)
        .update(req.rawBody)
        .digest('hex');
      if (!sameBytes(signature.trim().toLowerCase(), `sha256=${mac}`)) {
        return { ok: false, reason: 'signature does not match' };
      }
      return {
        ok: true,
        deliveryId: deliveryIdOf(req.rawBody),
        sentAt: new Date(Number(timestamp) * 1000),
      };
    },
    parse(req: RawWebhook): WebhookEvent[] {
      const event = parseWebhookBody(req.rawBody, TicketEvent, 'ServiceNow event body');
      return [{ kind: 'ticket', ticketKey: event.number }];
    },
    fetch: (externalId) => deps.fetch(externalId),
  };
}

/** `event_id` of a verified body, or the body's digest when it has none. */
function deliveryIdOf(raw: Buffer): string {
  try {
    const id = (JSON.parse(raw.toString('utf8')) as { event_id?: unknown }).event_id;
    if (typeof id === 'string' && id !== '') return `servicenow:${id}`;
  } catch {
    // not JSON: parse() refuses it with a reason
  }
  return `sha256:${createHash('sha256').update(raw).digest('hex')}`;
}

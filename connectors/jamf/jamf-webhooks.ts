import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { AssetbridgeError } from '../../core/errors';
import { parseWebhookBody } from '../../core/sync/webhook-body';
import type {
  ConnectorWebhooks,
  RawWebhook,
  VendorRecord,
  WebhookEvent,
  WebhookVerdict,
} from '../../core/sync/connector';
import type { JamfDeviceKind } from './jamf-options';
import { externalIdOf } from './jamf-record';

/** Events that name one device, by the kind of device they name. */
const EVENT_KINDS: Readonly<Record<string, JamfDeviceKind>> = {
  ComputerAdded: 'computer',
  ComputerCheckIn: 'computer',
  ComputerInventoryCompleted: 'computer',
  ComputerPolicyFinished: 'computer',
  ComputerPushCapabilityChanged: 'computer',
  MobileDeviceCheckIn: 'mobile',
  MobileDeviceCommandCompleted: 'mobile',
  MobileDeviceEnrolled: 'mobile',
  MobileDeviceInventoryCompleted: 'mobile',
  MobileDevicePushSent: 'mobile',
  MobileDeviceUnEnrolled: 'mobile',
};

const Envelope = z.object({
  webhook: z.looseObject({
    webhookEvent: z.string().min(1),
    eventTimestamp: z.number().optional(),
  }),
  event: z.record(z.string(), z.unknown()).nullable().optional(),
});

export interface JamfWebhookDeps {
  /** The header Jamf sends (authentication type "Header"), or null when none is configured. */
  header: { name: string; value: string } | null;
  fetch(externalId: string): Promise<VendorRecord | null>;
}

function sameSecret(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

/**
 * A Jamf Pro object id: a positive whole number. Jamf sends a JSON number; a string of digits is
 * taken too. 0, negatives and fractions name no device: refused when the webhook arrives, not
 * after a delivery has failed every processing attempt.
 */
const JssId = z.union([
  z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  z.string().regex(/^[1-9]\d{0,15}$/),
]);

/**
 * `jssID` of the event object (ComputerCheckIn nests it under `computer`), or RECORD_INVALID
 * naming the field and what it holds.
 */
function jssIdOf(eventName: string, event: Record<string, unknown> | null | undefined): string {
  const nested = event?.computer;
  const inComputer = typeof nested === 'object' && nested !== null;
  const holder = (inComputer ? nested : (event ?? {})) as Record<string, unknown>;
  const at = inComputer ? 'event.computer.jssID' : 'event.jssID';
  const parsed = JssId.safeParse(holder.jssID);
  if (!parsed.success) {
    const reason =
      holder.jssID === undefined
        ? 'is missing'
        : `must be a positive whole number, got ${JSON.stringify(holder.jssID)}`;
    throw new AssetbridgeError('RECORD_INVALID', `Jamf webhook ${eventName}: ${at} ${reason}`);
  }
  return String(parsed.data);
}

/**
 * Jamf Pro webhooks. Jamf signs nothing: the configured header (compared in constant time) is the
 * authentication. Jamf sends no delivery id, so the id is the SHA-256 of the raw body (its
 * `eventTimestamp` makes repeated events differ).
 */
export function jamfWebhooks(deps: JamfWebhookDeps): ConnectorWebhooks {
  return {
    verify(req: RawWebhook): WebhookVerdict {
      if (deps.header === null) {
        return { ok: false, reason: 'no webhookHeader is configured for this Jamf connector' };
      }
      const got = req.headers[deps.header.name.toLowerCase()] ?? req.headers[deps.header.name];
      if (got === undefined) return { ok: false, reason: `header ${deps.header.name} is missing` };
      if (!sameSecret(got, deps.header.value)) {
        return { ok: false, reason: `header ${deps.header.name} does not match` };
      }
      const deliveryId = createHash('sha256').update(req.rawBody).digest('hex');
      return { ok: true, deliveryId, sentAt: sentAtOf(req.rawBody) };
    },
    parse(req: RawWebhook): WebhookEvent[] {
      const body = parseWebhookBody(req.rawBody, Envelope, 'Jamf webhook body');
      const kind = EVENT_KINDS[body.webhook.webhookEvent];
      if (kind === undefined) return [];
      const id = jssIdOf(body.webhook.webhookEvent, body.event);
      return [{ kind: 'record', externalId: externalIdOf(kind, id), deleted: false }];
    },
    fetch: (externalId) => deps.fetch(externalId),
  };
}

function sentAtOf(raw: Buffer): Date | null {
  try {
    const parsed = Envelope.safeParse(JSON.parse(raw.toString('utf8')));
    const ts = parsed.success ? parsed.data.webhook.eventTimestamp : undefined;
    return ts === undefined ? null : new Date(ts);
  } catch {
    return null;
  }
}

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
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

/**
 * An issue key: the project key (an upper-case letter, then upper-case letters, digits or `_`),
 * `-` and the issue's number from 1. Anything else names no issue (and is no path to put in a
 * request URL): refused when the webhook arrives.
 */
const IssueKey = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]+-[1-9]\d{0,15}$/, 'expected an issue key such as ITSM-42');

const Envelope = z.looseObject({
  timestamp: z.number().optional(),
  webhookEvent: z.string().min(1),
  issue_event_type_name: z.string().optional(),
  issue: z.looseObject({ key: IssueKey }).optional(),
  changelog: z
    .looseObject({
      items: z
        .array(z.looseObject({ field: z.string().optional(), fieldId: z.string().optional() }))
        .default([]),
    })
    .optional(),
});
type Envelope = z.infer<typeof Envelope>;

/** Fields whose change can change a link: the Assets field, and what the link shows or needs. */
const LINK_FIELDS = new Set(['status', 'summary', 'description', 'issuetype', 'resolution']);

const SIGNATURE_HEADER = 'x-hub-signature';
const DELIVERY_HEADER = 'x-atlassian-webhook-identifier';
const RETRY_HEADER = 'x-atlassian-webhook-retry';
const FLOW_HEADER = 'x-atlassian-webhook-flow';

/**
 * How late Jira's retries of a failed delivery may come: "delivery up to ~30 min late"
 * (../shared/research/jira.md §4.5, from Atlassian's webhook retry policy announcement). The
 * retry header is not signed, so it never buys more than this.
 */
export const JIRA_RETRY_WINDOW_MS = 30 * 60_000;

/**
 * How late a first delivery of the secondary flow (`X-Atlassian-Webhook-Flow: Secondary`, the
 * cascade of bulk operations) may come: up to 15 minutes (../shared/research/jira.md §4.4). That
 * header is not signed either.
 */
export const JIRA_SECONDARY_WINDOW_MS = 15 * 60_000;

export interface JsmWebhookDeps {
  /** The admin webhook's secret; null when none is configured (then nothing is accepted). */
  secret: string | null;
  /** The Assets field as configured (`customfield_10191` or a name such as `Assets`). */
  assetsField: string;
  /** Its id once known (looked up from `GET /field`). */
  knownFieldId: () => string | null;
  fetch: (externalId: string) => Promise<VendorRecord | null>;
}

/**
 * Jira admin webhooks. `X-Hub-Signature: sha256=<hex>` is the HMAC-SHA256 of the raw body keyed
 * with the webhook secret, compared in constant time before anything is parsed. The delivery id
 * is `X-Atlassian-Webhook-Identifier` (the same across Jira's retries). The body's `timestamp` is
 * the sent time of a first attempt, and is always held against the receiver's clock. A retry
 * (`X-Atlassian-Webhook-Retry: <n>`) keeps the original timestamp and may come up to
 * `JIRA_RETRY_WINDOW_MS` after it: such a delivery may be that old, no older (the header is not
 * signed, so anyone replaying a captured body can add it); a first delivery of the secondary
 * flow may be `JIRA_SECONDARY_WINDOW_MS` old. Issue created and deleted
 * events, and updates that touch the Assets field or what a link shows, become ticket events:
 * the core reads the ticket again, links what its Assets field names and unlinks what it no
 * longer names. Comments alone (our own context notes among them) give nothing.
 */
export function jsmWebhooks(deps: JsmWebhookDeps): ConnectorWebhooks {
  return {
    verify(req: RawWebhook): WebhookVerdict {
      if (deps.secret === null) {
        return { ok: false, reason: 'no webhookSecretEnv is configured for this JSM connector' };
      }
      const got = req.headers[SIGNATURE_HEADER] ?? req.headers['X-Hub-Signature'];
      if (got === undefined) return { ok: false, reason: 'X-Hub-Signature is missing' };
      const hex = /^sha256=([0-9a-f]{64})$/i.exec(got.trim())?.[1];
      if (hex === undefined) return { ok: false, reason: 'X-Hub-Signature is not sha256=<hex>' };
      const want = createHmac('sha256', deps.secret).update(req.rawBody).digest();
      if (!timingSafeEqual(want, Buffer.from(hex, 'hex'))) {
        return { ok: false, reason: 'X-Hub-Signature does not match the body' };
      }
      const header = req.headers[DELIVERY_HEADER] ?? req.headers['X-Atlassian-Webhook-Identifier'];
      const deliveryId =
        header !== undefined && header.trim() !== ''
          ? header.trim()
          : `sha256:${createHash('sha256').update(req.rawBody).digest('hex')}`;
      const retry = req.headers[RETRY_HEADER] ?? req.headers['X-Atlassian-Webhook-Retry'];
      const sentAt = sentAtOf(req.rawBody);
      if (retry !== undefined && /^[1-9]\d{0,3}$/.test(retry.trim())) {
        return { ok: true, deliveryId, sentAt, maxAgeMs: JIRA_RETRY_WINDOW_MS };
      }
      const flow = req.headers[FLOW_HEADER] ?? req.headers['X-Atlassian-Webhook-Flow'];
      if (flow?.trim().toLowerCase() === 'secondary') {
        return { ok: true, deliveryId, sentAt, maxAgeMs: JIRA_SECONDARY_WINDOW_MS };
      }
      return { ok: true, deliveryId, sentAt };
    },
    parse(req: RawWebhook): WebhookEvent[] {
      const body = parseWebhookBody(req.rawBody, Envelope, 'Jira webhook body');
      const key = body.issue?.key;
      if (!body.webhookEvent.startsWith('jira:issue_')) return [];
      if (key === undefined) {
        throw new AssetbridgeError(
          'RECORD_INVALID',
          `Jira webhook ${body.webhookEvent}: no issue.key`,
        );
      }
      if (body.webhookEvent === 'jira:issue_updated' && !touchesLinks(body, deps)) return [];
      return [{ kind: 'ticket', ticketKey: key }];
    },
    fetch: (externalId) => deps.fetch(externalId),
  };
}

function touchesLinks(body: Envelope, deps: JsmWebhookDeps): boolean {
  const configured = deps.assetsField.toLowerCase();
  const known = deps.knownFieldId();
  return (body.changelog?.items ?? []).some((item) => {
    const field = item.field?.toLowerCase();
    const id = item.fieldId;
    if (id !== undefined && (id === known || id.toLowerCase() === configured)) return true;
    if (field !== undefined && field === configured) return true;
    return (
      (field !== undefined && LINK_FIELDS.has(field)) || (id !== undefined && LINK_FIELDS.has(id))
    );
  });
}

/** The body's `timestamp` (ms); only called once the signature has been verified. */
function sentAtOf(raw: Buffer): Date | null {
  try {
    const parsed = Envelope.safeParse(JSON.parse(raw.toString('utf8')));
    const ts = parsed.success ? parsed.data.timestamp : undefined;
    return ts === undefined ? null : new Date(ts);
  } catch {
    return null;
  }
}

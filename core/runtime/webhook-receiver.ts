import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import type {
  Connector,
  ConnectorWebhooks,
  RawWebhook,
  WebhookEvent,
  WebhookVerdict,
} from '../sync/connector';
import { asBodyError, sendError } from './http-errors';
import type { InboxStore } from './inbox-store';
import type { RejectReason, RuntimeMetrics } from './metrics';

export interface WebhookReceiverOptions {
  connectors: ReadonlyMap<string, Connector>;
  inbox: Pick<InboxStore, 'accept'>;
  metrics: RuntimeMetrics;
  logger: Logger;
  clock: () => Date;
  /** Largest body accepted (bytes, or a string such as `1mb`); larger gets 413. 1 MB default. */
  bodyLimit?: number | string;
  /** How far a delivery's sent time may be from now, either way. 300 000 ms (5 min) default. */
  toleranceMs?: number;
  /** Called after a new delivery is stored (the processor wakes up instead of polling). */
  onAccepted?: () => void;
}

export const DEFAULT_BODY_LIMIT = '1mb';
export const DEFAULT_TOLERANCE_MS = 300_000;

/** A refusal: HTTP status, metric reason and the message the sender gets. */
class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly reason: RejectReason,
    message: string,
  ) {
    super(message);
  }
}

/**
 * `POST /webhooks/:connector`. The body is read raw (the signature covers the exact bytes),
 * verified by the connector (401 and nothing stored when it fails), checked for staleness (401),
 * parsed (400 with the reason), stored in the inbox and answered at once: 202
 * `{status:'accepted', id}` for a new delivery, 200 `{status:'duplicate', id}` for a replay of a
 * stored one (2xx so that the sender stops retrying; nothing new is stored). Processing happens
 * later, in the inbox processor.
 */
export function createWebhookRouter(options: WebhookReceiverOptions): Router {
  const router = express.Router();
  const limit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  router.post(
    '/webhooks/:connector',
    (req, res, next) => {
      if (webhooksOf(options.connectors, req.params.connector) !== null) next();
      else sendError(res, 404, `no connector "${req.params.connector}" receives webhooks here`);
    },
    express.raw({ type: () => true, limit }),
    (req, res) => receive(options, req, res),
  );
  router.use(
    '/webhooks/:connector',
    (err: unknown, req: Request, res: Response, next: NextFunction) => {
      const body = asBodyError(err);
      if (body === null) {
        next(err);
        return;
      }
      const tooLarge = body.type === 'entity.too.large';
      const reason: RejectReason = tooLarge ? 'too_large' : 'bad_request';
      const connector = String(req.params.connector);
      options.metrics.webhookRejected(connector, reason);
      options.logger.warn({ connector, reason, status: body.status }, 'webhook refused');
      const message = tooLarge ? `webhook body is larger than the limit of ${limit}` : body.message;
      sendError(res, body.status, message);
    },
  );
  return router;
}

function webhooksOf(
  connectors: ReadonlyMap<string, Connector>,
  name: string | undefined,
): ConnectorWebhooks | null {
  if (name === undefined) return null;
  return connectors.get(name)?.webhooks ?? null;
}

async function receive(
  options: WebhookReceiverOptions,
  req: Request,
  res: Response,
): Promise<void> {
  const started = process.hrtime.bigint();
  const connector = String(req.params.connector);
  const webhooks = webhooksOf(options.connectors, connector);
  if (webhooks === null) return sendError(res, 404, `connector "${connector}" has no webhooks`);
  const raw: RawWebhook = {
    headers: flattenHeaders(req.headers),
    rawBody: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
    receivedAt: options.clock(),
  };
  let log = options.logger.child({ connector });
  try {
    const verdict = check(webhooks, raw, options.toleranceMs ?? DEFAULT_TOLERANCE_MS);
    const deliveryId = verdict.deliveryId === '' ? bodyDigest(raw.rawBody) : verdict.deliveryId;
    log = log.child({ deliveryId });
    const events = parse(webhooks, raw);
    const result = await options.inbox.accept({
      connector,
      deliveryId,
      receivedAt: raw.receivedAt,
      sentAt: verdict.sentAt,
      rawBody: raw.rawBody,
      events,
    });
    const duplicate = result.status === 'duplicate';
    options.metrics.webhookAccepted(connector, duplicate);
    res.status(duplicate ? 200 : 202).json(result);
    log.debug({ inboxId: result.id, events: events.length, duplicate }, 'webhook stored');
    if (!duplicate) options.onAccepted?.();
  } catch (err) {
    answerFailure(options, log, res, connector, err);
  } finally {
    options.metrics.observeAck(connector, Number(process.hrtime.bigint() - started) / 1e9);
  }
}

function answerFailure(
  options: WebhookReceiverOptions,
  log: Logger,
  res: Response,
  connector: string,
  err: unknown,
): void {
  if (err instanceof Refusal) {
    options.metrics.webhookRejected(connector, err.reason);
    log.warn({ reason: err.reason, detail: err.message }, 'webhook refused');
    return sendError(res, err.status, err.message);
  }
  log.error({ err }, 'webhook could not be stored in the inbox');
  sendError(res, 503, 'the webhook inbox is unavailable; retry later');
}

/** Signature and timestamp: a throw from `verify` counts as a failed verification. */
function check(
  webhooks: ConnectorWebhooks,
  raw: RawWebhook,
  toleranceMs: number,
): Extract<WebhookVerdict, { ok: true }> {
  let verdict: WebhookVerdict;
  try {
    verdict = webhooks.verify(raw);
  } catch (err) {
    verdict = { ok: false, reason: `verification failed: ${errorText(err)}` };
  }
  if (!verdict.ok) {
    throw new Refusal(401, 'unverified', `webhook not verified: ${verdict.reason}`);
  }
  if (verdict.sentAt !== null) {
    const ageMs = raw.receivedAt.getTime() - verdict.sentAt.getTime();
    const allowedMs = ageMs > 0 ? Math.max(toleranceMs, verdict.maxAgeMs ?? 0) : toleranceMs;
    if (!(Math.abs(ageMs) <= allowedMs)) {
      const message =
        `stale webhook: sent at ${describeDate(verdict.sentAt)}, more than ` +
        `${Math.round(allowedMs / 1000)} s from the receiver's clock`;
      throw new Refusal(401, 'stale', message);
    }
  }
  return verdict;
}

function parse(webhooks: ConnectorWebhooks, raw: RawWebhook): WebhookEvent[] {
  try {
    return webhooks.parse(raw);
  } catch (err) {
    throw new Refusal(400, 'malformed', `malformed webhook body: ${errorText(err)}`);
  }
}

function describeDate(d: Date): string {
  return Number.isNaN(d.getTime()) ? 'an invalid time' : d.toISOString();
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Deliveries without an id of their own are told apart by their body. */
function bodyDigest(body: Buffer): string {
  return `sha256:${createHash('sha256').update(body).digest('hex')}`;
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/**
 * Outbound admin webhooks: POSTs the event body to each registered URL whose events include it,
 * signed with `X-Hub-Signature: sha256=<HMAC of the raw body>` when a secret is set, with
 * `X-Atlassian-Webhook-Identifier` (stable across retries) and `X-Atlassian-Webhook-Retry`
 * (absent on the first try). Retries on 408, 409, 425, 429, 5xx and connection failures.
 */
import { createHmac } from 'node:crypto';
import { postJson } from '../kit/signed-post';
import type { Rng } from '../kit/rng';
import type { WebhookRetryOptions } from './jira-options';

export interface WebhookRegistration {
  url: string;
  secret?: string;
  /** Event names (`jira:issue_created`, ...); all issue events when empty. */
  events: string[];
}

export interface DeliveryAttempt {
  deliveryId: string;
  url: string;
  event: string;
  attempt: number;
  at: string;
  /** HTTP status, or 0 when the connection failed. */
  status: number;
  error?: string;
  /** Whether another attempt is scheduled. */
  willRetry: boolean;
}

const RETRY_STATUSES = new Set([408, 409, 425, 429]);

export function shouldRetry(status: number): boolean {
  return status === 0 || RETRY_STATUSES.has(status) || status >= 500;
}

export function signBody(secret: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex')}`;
}

export class WebhookDispatcher {
  private registrations: WebhookRegistration[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private attempts: DeliveryAttempt[] = [];

  constructor(
    private retry: WebhookRetryOptions,
    private readonly rng: Rng,
  ) {}

  configure(registrations: WebhookRegistration[], retry?: Partial<WebhookRetryOptions>): void {
    this.registrations = registrations.map((r) => ({ ...r, events: [...r.events] }));
    if (retry) this.retry = { ...this.retry, ...retry };
  }

  config(): { webhooks: WebhookRegistration[]; retry: WebhookRetryOptions } {
    return { webhooks: this.registrations.map((r) => ({ ...r })), retry: { ...this.retry } };
  }

  deliveries(): DeliveryAttempt[] {
    return this.attempts.map((a) => ({ ...a }));
  }

  /** Stops pending retries and forgets registrations and the delivery log. */
  reset(): void {
    this.stop();
    this.registrations = [];
    this.attempts = [];
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  /** Resolves when no delivery is in flight (retries scheduled later are not awaited). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  emit(event: string, payload: Record<string, unknown>): void {
    const rawBody = JSON.stringify(payload);
    for (const reg of this.registrations) {
      if (reg.events.length > 0 && !reg.events.includes(event)) continue;
      const deliveryId = this.rng.uuid();
      this.attempt(reg, event, rawBody, deliveryId, 0);
    }
  }

  private attempt(
    reg: WebhookRegistration,
    event: string,
    rawBody: string,
    deliveryId: string,
    retry: number,
  ): void {
    const headers: Record<string, string> = {
      'Content-Type': 'application/json; charset=utf-8',
      'User-Agent': 'Atlassian Webhook HTTP Client',
      'X-Atlassian-Webhook-Identifier': deliveryId,
      'X-Atlassian-Webhook-Flow': 'Primary',
    };
    if (retry > 0) headers['X-Atlassian-Webhook-Retry'] = String(retry);
    if (reg.secret) headers['X-Hub-Signature'] = signBody(reg.secret, rawBody);
    const task = postJson(reg.url, rawBody, headers, { timeoutMs: this.retry.timeoutMs })
      .then(
        (result) => ({ status: result.status, error: undefined as string | undefined }),
        (error: unknown) => ({
          status: 0,
          error: error instanceof Error ? error.message : String(error),
        }),
      )
      .then(({ status, error }) => {
        const delay = this.retry.delaysMs[retry];
        const willRetry = shouldRetry(status) && delay !== undefined;
        this.attempts.push({
          deliveryId,
          url: reg.url,
          event,
          attempt: retry + 1,
          at: new Date().toISOString(),
          status,
          ...(error ? { error } : {}),
          willRetry,
        });
        if (this.attempts.length > 10_000) this.attempts.splice(0, this.attempts.length - 10_000);
        if (willRetry)
          this.schedule(() => this.attempt(reg, event, rawBody, deliveryId, retry + 1), delay);
      });
    this.inFlight.add(task);
    void task.finally(() => this.inFlight.delete(task));
  }

  private schedule(fn: () => void, delayMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, delayMs);
    timer.unref();
    this.timers.add(timer);
  }
}

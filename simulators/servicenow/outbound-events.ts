import { createHmac } from 'node:crypto';
import type { Rng } from '../kit/rng';
import { postJson } from '../kit/signed-post';
import type { SnRecord } from './record-store';

/** Tables whose changes a business rule reports to the configured URL. */
export const TICKET_TABLES = new Set(['incident', 'change_request', 'sc_req_item']);

export type TicketEventType = 'ticket.created' | 'ticket.updated';

/** The event body; the ServiceNow companion app sends exactly this. */
export interface TicketEvent {
  event_id: string;
  event_type: TicketEventType;
  table: string;
  sys_id: string;
  number: string;
  cmdb_ci: string;
  short_description: string;
  state: string;
  sys_updated_on: string;
  timestamp: string;
}

export interface OutboundDelivery {
  event: TicketEvent;
  url: string;
  /** HTTP status of the receiver, or null when the POST failed (`error` says why). */
  status: number | null;
  error?: string;
}

export interface OutboundConfig {
  webhookUrl: string | null;
  webhookSecret: string;
}

/** `sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">`. */
export function signEvent(secret: string, timestamp: string, rawBody: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
  return `sha256=${mac}`;
}

/**
 * Like an async after-insert/update business rule with RESTMessageV2: posts a signed JSON event
 * for each ticket change that carries a configuration item. Delivery is fire-and-forget with no
 * retry (RESTMessageV2 has none); outcomes are kept for `GET /_sim/outbound`.
 */
export class OutboundEmitter {
  readonly deliveries: OutboundDelivery[] = [];
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly config: OutboundConfig,
    private readonly rng: Rng,
    private readonly clock: () => Date,
  ) {}

  emit(type: TicketEventType, table: string, record: SnRecord): void {
    const url = this.config.webhookUrl;
    if (!url) return;
    const now = this.clock();
    const event: TicketEvent = {
      event_id: this.rng.uuid(),
      event_type: type,
      table,
      sys_id: record.sys_id,
      number: record.number ?? '',
      cmdb_ci: record.cmdb_ci ?? '',
      short_description: record.short_description ?? '',
      state: record.state ?? '',
      sys_updated_on: record.sys_updated_on,
      timestamp: now.toISOString(),
    };
    const body = JSON.stringify(event);
    const timestamp = String(Math.floor(now.getTime() / 1000));
    const headers = {
      'X-Assetbridge-Timestamp': timestamp,
      'X-Assetbridge-Signature': signEvent(this.config.webhookSecret, timestamp, body),
    };
    const delivery: OutboundDelivery = { event, url, status: null };
    this.deliveries.push(delivery);
    const sending = postJson(url, body, headers)
      .then((r) => {
        delivery.status = r.status;
      })
      .catch((error: unknown) => {
        delivery.error = error instanceof Error ? error.message : String(error);
      })
      .finally(() => this.pending.delete(sending));
    this.pending.add(sending);
  }

  /** Resolves when every event sent so far has been answered or has failed. */
  async flush(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  clear(): void {
    this.deliveries.length = 0;
  }
}

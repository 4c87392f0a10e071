import type { Generated } from 'kysely';
import type { WebhookEvent } from '../sync/connector';

/** Row shape of the `inbox` table (migration `0002-inbox`), as kysely sees it. */
export interface InboxTable {
  id: Generated<number>;
  connector: string;
  delivery_id: string;
  received_at: string;
  sent_at: string | null;
  /** The raw body as UTF-8 text, kept for audit and for re-parsing by hand. */
  body: string;
  /** WebhookEvent[] as JSON. */
  events: string;
  status: string;
  attempts: number;
  last_error: string | null;
  next_attempt_at: string;
  locked_until: string | null;
  /** Set by `claim`; `complete` and `fail` only touch a row still held by the same lease. */
  lease_token: string | null;
  processed_at: string | null;
}

export const INBOX_STATUSES = ['pending', 'processing', 'done', 'dead'] as const;
export type InboxStatus = (typeof INBOX_STATUSES)[number];

/** One delivery in the inbox. */
export interface InboxEntry {
  id: number;
  connector: string;
  deliveryId: string;
  receivedAt: string;
  sentAt: string | null;
  events: WebhookEvent[];
  status: InboxStatus;
  /** How many times processing started (a claim counts, even if the worker then crashed). */
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string;
  processedAt: string | null;
}

/** An entry leased to one worker by `claim`. */
export interface ClaimedEntry extends InboxEntry {
  leaseToken: string;
}

/** What `accept` did with a delivery. */
export type AcceptResult =
  | { status: 'accepted'; id: number }
  /** The (connector, delivery id) was stored before: nothing new is stored. */
  | { status: 'duplicate'; id: number };

export interface NewDelivery {
  connector: string;
  deliveryId: string;
  receivedAt: Date;
  sentAt: Date | null;
  rawBody: Buffer;
  events: WebhookEvent[];
}

export type InboxDepth = Record<InboxStatus, number>;

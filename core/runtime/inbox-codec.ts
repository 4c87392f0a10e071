import { z } from 'zod';
import type { WebhookEvent } from '../sync/connector';
import {
  INBOX_STATUSES,
  type ClaimedEntry,
  type InboxEntry,
  type InboxStatus,
  type InboxTable,
} from './inbox-types';

/** A selected inbox row (the Generated id is a plain number once read). */
export type InboxRow = { [K in keyof InboxTable]: K extends 'id' ? number : InboxTable[K] };

const WebhookEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('record'), externalId: z.string(), deleted: z.boolean() }),
  z.object({ kind: z.literal('ticket'), ticketKey: z.string() }),
]);
const WebhookEventsSchema = z.array(WebhookEventSchema);

/** PostgreSQL text cannot hold NUL; bodies are kept for people to read, so NUL becomes U+FFFD. */
export function bodyToText(raw: Buffer): string {
  return raw.toString('utf8').split('\u0000').join('\uFFFD');
}

export function encodeEvents(events: readonly WebhookEvent[]): string {
  return JSON.stringify(WebhookEventsSchema.parse(events));
}

function decodeEvents(json: string, id: number): WebhookEvent[] {
  const parsed = WebhookEventsSchema.safeParse(JSON.parse(json));
  if (!parsed.success) {
    throw new Error(`inbox row ${id} holds events that are not WebhookEvents: ${parsed.error}`);
  }
  return parsed.data;
}

function toStatus(value: string, id: number): InboxStatus {
  const found = INBOX_STATUSES.find((s) => s === value);
  if (found === undefined) throw new Error(`inbox row ${id} has unknown status "${value}"`);
  return found;
}

export function rowToEntry(row: InboxRow): InboxEntry {
  const id = Number(row.id);
  return {
    id,
    connector: row.connector,
    deliveryId: row.delivery_id,
    receivedAt: row.received_at,
    sentAt: row.sent_at,
    events: decodeEvents(row.events, id),
    status: toStatus(row.status, id),
    attempts: Number(row.attempts),
    lastError: row.last_error,
    nextAttemptAt: row.next_attempt_at,
    processedAt: row.processed_at,
  };
}

export function rowToClaimed(row: InboxRow): ClaimedEntry {
  if (row.lease_token === null) throw new Error(`claimed inbox row ${row.id} has no lease token`);
  return { ...rowToEntry(row), leaseToken: row.lease_token };
}

import { randomUUID } from 'node:crypto';
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { StoreDb } from '../store/db-schema';
import type { KyselyStore } from '../store/kysely-store';
import { guard } from '../store/store-errors';
import { bodyToText, encodeEvents, rowToClaimed, rowToEntry } from './inbox-codec';
import {
  INBOX_STATUSES,
  type AcceptResult,
  type ClaimedEntry,
  type InboxDepth,
  type InboxEntry,
  type InboxStatus,
  type InboxTable,
  type NewDelivery,
} from './inbox-types';

type InboxDb = { inbox: InboxTable };

export interface InboxStoreOptions {
  /** Processing attempts before an event goes to the dead-letter list; 5 by default. */
  maxAttempts?: number;
  /** How long a claim holds an event; an expired lease means the worker died. 5 min by default. */
  leaseMs?: number;
  /** First retry delay; doubled after each failure. 1 s by default. */
  backoffBaseMs?: number;
  /** Longest retry delay. 5 min by default. */
  backoffMaxMs?: number;
  newLeaseToken?: () => string;
}

export type FailOutcome = 'retry' | 'dead' | 'lost';

const iso = (d: Date): string => d.toISOString();
const plus = (d: Date, ms: number): string => new Date(d.getTime() + ms).toISOString();

/**
 * The webhook inbox over the store's kysely handle, the same queries on SQLite and PostgreSQL.
 * Events move pending → processing (leased by `claim`) → done, or back to pending with a backoff
 * after a failure, or to dead after `maxAttempts`; `retry` puts dead events back.
 */
export class InboxStore {
  readonly maxAttempts: number;
  private readonly db: Kysely<StoreDb & InboxDb>;
  private readonly leaseMs: number;
  private readonly backoffBaseMs: number;
  private readonly backoffMaxMs: number;
  private readonly newLeaseToken: () => string;

  constructor(
    private readonly store: Pick<KyselyStore, 'kysely' | 'dialect'>,
    options: InboxStoreOptions = {},
  ) {
    this.db = store.kysely.withTables<InboxDb>();
    this.maxAttempts = options.maxAttempts ?? 5;
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
    this.backoffBaseMs = options.backoffBaseMs ?? 1000;
    this.backoffMaxMs = options.backoffMaxMs ?? 5 * 60_000;
    this.newLeaseToken = options.newLeaseToken ?? randomUUID;
  }

  /** Stores a verified delivery once; a (connector, delivery id) seen before stores nothing. */
  accept(d: NewDelivery): Promise<AcceptResult> {
    const subject = { connector: d.connector, deliveryId: d.deliveryId };
    return guard('inbox accept', subject, async () => {
      const inserted = await this.db
        .insertInto('inbox')
        .values({
          connector: d.connector,
          delivery_id: d.deliveryId,
          received_at: iso(d.receivedAt),
          sent_at: d.sentAt === null ? null : iso(d.sentAt),
          body: bodyToText(d.rawBody),
          events: encodeEvents(d.events),
          status: 'pending',
          attempts: 0,
          next_attempt_at: iso(d.receivedAt),
        })
        .onConflict((oc) => oc.columns(['connector', 'delivery_id']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (inserted !== undefined) return { status: 'accepted', id: Number(inserted.id) };
      const existing = await this.db
        .selectFrom('inbox')
        .select('id')
        .where('connector', '=', d.connector)
        .where('delivery_id', '=', d.deliveryId)
        .executeTakeFirstOrThrow();
      return { status: 'duplicate', id: Number(existing.id) };
    });
  }

  /**
   * Leases up to `limit` due events: pending ones whose retry time has come, and processing ones
   * whose lease expired (their worker crashed). One guarded UPDATE takes them, so two workers
   * never hold the same event. The candidates are a MATERIALIZED CTE, evaluated exactly once (an
   * `IN (SELECT ... LIMIT n FOR UPDATE)` subquery can be re-run by PostgreSQL and then claim more
   * than n); on PostgreSQL they are also locked with SKIP LOCKED so workers do not queue.
   */
  claim(limit: number, now: Date): Promise<ClaimedEntry[]> {
    return guard('inbox claim', { limit }, async () => {
      await this.buryAbandoned(now);
      const token = this.newLeaseToken();
      const due = (eb: ExpressionBuilder<InboxDb, 'inbox'>) =>
        eb.or([
          eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', iso(now))]),
          eb.and([
            eb('status', '=', 'processing'),
            eb('locked_until', '<=', iso(now)),
            eb('attempts', '<', this.maxAttempts),
          ]),
        ]);
      const rows = await this.db
        .with(
          (wb) => wb('candidates').materialized(),
          (db) => {
            const q = db.selectFrom('inbox').select('id').where(due).orderBy('id').limit(limit);
            return this.store.dialect === 'postgres' ? q.forUpdate().skipLocked() : q;
          },
        )
        .updateTable('inbox')
        .set((eb) => ({
          status: 'processing',
          attempts: eb('attempts', '+', 1),
          locked_until: plus(now, this.leaseMs),
          lease_token: token,
        }))
        .where('id', 'in', (eb) => eb.selectFrom('candidates').select('candidates.id'))
        .where(due)
        .returningAll()
        .execute();
      return rows.map(rowToClaimed).sort((a, b) => a.id - b.id);
    });
  }

  /** Events whose worker died on their last allowed attempt go to the dead-letter list. */
  private async buryAbandoned(now: Date): Promise<void> {
    await this.db
      .updateTable('inbox')
      .set({
        status: 'dead',
        last_error: `processing did not finish within its lease ${this.maxAttempts} times`,
        locked_until: null,
        lease_token: null,
      })
      .where('status', '=', 'processing')
      .where('locked_until', '<=', iso(now))
      .where('attempts', '>=', this.maxAttempts)
      .execute();
  }

  /** Marks a claimed event done; false when its lease was lost (another worker holds it). */
  complete(entry: ClaimedEntry, now: Date): Promise<boolean> {
    return guard('inbox complete', { id: entry.id }, async () => {
      const result = await this.db
        .updateTable('inbox')
        .set({ status: 'done', processed_at: iso(now), locked_until: null, lease_token: null })
        .where('id', '=', entry.id)
        .where('lease_token', '=', entry.leaseToken)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    });
  }

  /**
   * Records a failed attempt: back to pending with an exponential backoff, or dead once the
   * event has had `maxAttempts` attempts. 'lost' when the lease was no longer held.
   */
  fail(entry: ClaimedEntry, error: string, now: Date): Promise<FailOutcome> {
    return guard('inbox fail', { id: entry.id }, async () => {
      const dead = entry.attempts >= this.maxAttempts;
      const delay = Math.min(this.backoffMaxMs, this.backoffBaseMs * 2 ** (entry.attempts - 1));
      const result = await this.db
        .updateTable('inbox')
        .set({
          status: dead ? 'dead' : 'pending',
          last_error: error.slice(0, 2000),
          next_attempt_at: dead ? iso(now) : plus(now, delay),
          locked_until: null,
          lease_token: null,
        })
        .where('id', '=', entry.id)
        .where('lease_token', '=', entry.leaseToken)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return 'lost';
      return dead ? 'dead' : 'retry';
    });
  }

  /** Puts one dead event, or every dead event, back to pending with a fresh attempt count. */
  retry(target: number | 'all-dead', now: Date): Promise<number> {
    return guard('inbox retry', { target }, async () => {
      let query = this.db
        .updateTable('inbox')
        .set({
          status: 'pending',
          attempts: 0,
          next_attempt_at: iso(now),
          locked_until: null,
          lease_token: null,
        })
        .where('status', '=', 'dead');
      if (target !== 'all-dead') query = query.where('id', '=', target);
      const result = await query.executeTakeFirst();
      return Number(result.numUpdatedRows);
    });
  }

  get(id: number): Promise<InboxEntry | null> {
    return guard('inbox get', { id }, async () => {
      const row = await this.db
        .selectFrom('inbox')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row === undefined ? null : rowToEntry(row);
    });
  }

  /** Entries oldest first, optionally of one status. */
  list(options: { status?: InboxStatus; limit?: number } = {}): Promise<InboxEntry[]> {
    return guard('inbox list', { status: options.status ?? 'any' }, async () => {
      let query = this.db
        .selectFrom('inbox')
        .selectAll()
        .orderBy('id')
        .limit(options.limit ?? 100);
      if (options.status !== undefined) query = query.where('status', '=', options.status);
      return (await query.execute()).map(rowToEntry);
    });
  }

  /** How many events are in each status. */
  depth(): Promise<InboxDepth> {
    return guard('inbox depth', {}, async () => {
      const rows = await this.db
        .selectFrom('inbox')
        .select((eb) => ['status', eb.fn.countAll().as('n')])
        .groupBy('status')
        .execute();
      const depth = Object.fromEntries(INBOX_STATUSES.map((s) => [s, 0])) as InboxDepth;
      for (const row of rows) {
        const status = INBOX_STATUSES.find((s) => s === row.status);
        if (status !== undefined) depth[status] = Number(row.n);
      }
      return depth;
    });
  }

  /** Deletes done events processed before `before`; returns how many. */
  prune(before: Date): Promise<number> {
    return guard('inbox prune', {}, async () => {
      const result = await this.db
        .deleteFrom('inbox')
        .where('status', '=', 'done')
        .where('processed_at', '<', iso(before))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    });
  }
}

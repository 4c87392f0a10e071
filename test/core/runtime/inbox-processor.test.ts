import fs from 'node:fs';
import { InboxProcessor, type WebhookHandler } from '../../../core/runtime/inbox-processor';
import { InboxStore } from '../../../core/runtime/inbox-store';
import type { KyselyStore } from '../../../core/store/kysely-store';
import type { WebhookEvent } from '../../../core/sync/connector';
import { captureLogger, ManualTimers, sqliteStore, T0, tempDir } from './runtime-harness';

const events: WebhookEvent[] = [{ kind: 'record', externalId: 'computer:1', deleted: false }];

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => undefined as void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('inbox processor', () => {
  let dir: string;
  let store: KyselyStore;
  let inbox: InboxStore;
  let now: Date;
  const clock = () => new Date(now);

  beforeEach(async () => {
    dir = tempDir();
    store = await sqliteStore(dir);
    inbox = new InboxStore(store, { maxAttempts: 3, leaseMs: 60_000, backoffBaseMs: 1000 });
    now = T0;
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const accept = (deliveryId: string) =>
    inbox.accept({
      connector: 'fake-1',
      deliveryId,
      receivedAt: now,
      sentAt: null,
      rawBody: Buffer.from('{}'),
      events,
    });

  function processor(handle: WebhookHandler, over: Partial<{ inbox: InboxStore }> = {}) {
    const { logger, lines } = captureLogger();
    const timers = new ManualTimers();
    const p = new InboxProcessor({ inbox: over.inbox ?? inbox, handle, logger, clock, timers });
    return { p, lines, timers };
  }

  test('hands each delivery to the handler with a child logger naming it', async () => {
    await accept('d-1');
    const seen: string[] = [];
    const { p, lines } = processor(async (connector, evs, log) => {
      seen.push(`${connector}:${evs[0].kind}`);
      log.info('handling');
    });
    expect(await p.runOnce()).toBe(1);
    expect(seen).toEqual(['fake-1:record']);
    const line = JSON.parse(lines.find((l) => l.includes('"handling"')) ?? '{}');
    expect(line).toMatchObject({ connector: 'fake-1', deliveryId: 'd-1', attempt: 1 });
  });

  test('an event that keeps failing is dead after N attempts; retry brings it back', async () => {
    const { id } = await accept('poison');
    let fail = true;
    let calls = 0;
    const { p, lines } = processor(async () => {
      calls++;
      if (fail) throw new Error('vendor answered 500');
    });
    for (let i = 0; i < 3; i++) {
      expect(await p.runOnce()).toBe(1);
      now = new Date(now.getTime() + 3_600_000);
    }
    expect(await p.runOnce()).toBe(0);
    expect(calls).toBe(3);
    expect(await inbox.get(id)).toMatchObject({
      status: 'dead',
      attempts: 3,
      lastError: 'vendor answered 500',
    });
    expect(lines.some((l) => l.includes('dead-letter') && l.includes('"level":50'))).toBe(true);

    fail = false;
    expect(await inbox.retry(id, now)).toBe(1);
    expect(await p.runOnce()).toBe(1);
    expect(calls).toBe(4);
    expect((await inbox.get(id))?.status).toBe('done');
  });

  test('a failed event waits for its backoff before the next attempt', async () => {
    await accept('slow');
    let calls = 0;
    const { p } = processor(async () => {
      calls++;
      throw new Error('nope');
    });
    await p.runOnce();
    expect(await p.runOnce()).toBe(0);
    now = new Date(now.getTime() + 1000);
    expect(await p.runOnce()).toBe(1);
    expect(calls).toBe(2);
  });

  test('a processor stopped before it ran loses nothing: the next one processes it once', async () => {
    await accept('before-crash');
    const first = processor(async () => {
      throw new Error('must not run');
    });
    first.p.start();
    await first.p.stop();
    expect(first.timers.pending.size).toBe(0);

    await store.close();
    store = await sqliteStore(dir);
    const reopened = new InboxStore(store, { maxAttempts: 3, leaseMs: 60_000 });
    const handled: string[] = [];
    const second = processor(async () => void handled.push('x'), { inbox: reopened });
    expect(await second.p.runOnce()).toBe(1);
    expect(await second.p.runOnce()).toBe(0);
    expect(handled).toEqual(['x']);
  });

  test('an event leased by a worker that crashed is processed exactly once after the lease', async () => {
    const { id } = await accept('crashed');
    const [leased] = await inbox.claim(1, now); // the worker "crashes" holding the lease
    expect(leased.id).toBe(id);

    await store.close();
    store = await sqliteStore(dir);
    const reopened = new InboxStore(store, { maxAttempts: 3, leaseMs: 60_000 });
    let calls = 0;
    const { p } = processor(async () => void calls++, { inbox: reopened });
    expect(await p.runOnce()).toBe(0);
    now = new Date(now.getTime() + 60_000);
    expect(await p.runOnce()).toBe(1);
    now = new Date(now.getTime() + 3_600_000);
    expect(await p.runOnce()).toBe(0);
    expect(calls).toBe(1);
    expect(await reopened.get(id)).toMatchObject({ status: 'done', attempts: 2 });
  });

  test('the loop runs on its timer and on wake; stop waits for work in hand', async () => {
    const gate = deferred();
    const order: string[] = [];
    const { p, timers } = processor(async () => {
      order.push('handler started');
      await gate.promise;
      order.push('handler finished');
    });
    p.start();
    expect(timers.fireAll()).toBe(1);
    await until(() => timers.pending.size === 1); // an empty round re-arms the poll timer
    expect(order).toEqual([]);

    await accept('woken');
    p.wake();
    expect(timers.fireAll()).toBe(1);
    await until(() => order.length === 1);
    expect(order).toEqual(['handler started']);

    let stopResolved = false;
    const stopped = p.stop().then(() => {
      stopResolved = true;
      order.push('stopped');
    });
    await until(() => true);
    expect(stopResolved).toBe(false);
    gate.resolve();
    await stopped;
    expect(order).toEqual(['handler started', 'handler finished', 'stopped']);
    expect(timers.pending.size).toBe(0);
  });

  test('prunes done events older than the retention', async () => {
    const { logger } = captureLogger();
    const p = new InboxProcessor({
      inbox,
      handle: async () => undefined,
      logger,
      clock,
      timers: new ManualTimers(),
      retainDoneMs: 1000,
      pruneIntervalMs: 10_000,
    });
    await accept('old');
    await p.runOnce();
    now = new Date(now.getTime() + 20_000);
    await p.runOnce();
    expect(await inbox.list()).toEqual([]);
  });
});

/** Lets promise callbacks and store round trips run until `done` holds (bounded, not timed). */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    await new Promise((r) => setImmediate(r));
    if (done() && i >= 10) return;
  }
  throw new Error('condition not reached after 1000 event-loop turns');
}

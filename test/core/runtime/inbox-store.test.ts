import { createStore } from '../../../core/store/create-store';
import type { KyselyStore } from '../../../core/store/kysely-store';
import { InboxStore } from '../../../core/runtime/inbox-store';
import type { NewDelivery } from '../../../core/runtime/inbox-types';
import { storeTargets } from '../store/store-targets';

const T0 = new Date('2025-03-01T10:00:00.000Z');
const at = (ms: number): Date => new Date(T0.getTime() + ms);

function delivery(id: string, connector = 'fake-1'): NewDelivery {
  return {
    connector,
    deliveryId: id,
    receivedAt: T0,
    sentAt: at(-1000),
    rawBody: Buffer.from(`{"id":"${id}"}`),
    events: [{ kind: 'record', externalId: `computer:${id}`, deleted: false }],
  };
}

describe.each(storeTargets())('inbox store on $name', (target) => {
  if (target.skipReason !== undefined) {
    test.skip(`skipped: ${target.skipReason}`, () => undefined);
    return;
  }

  let store: KyselyStore;
  let inbox: InboxStore;
  beforeAll(() => target.setup());
  afterAll(() => target.teardown());
  beforeEach(async () => {
    store = await createStore(target.freshOptions());
    await store.migrate();
    inbox = new InboxStore(store, { maxAttempts: 3, leaseMs: 60_000, backoffBaseMs: 1000 });
  });
  afterEach(() => store.close());

  test('accepts a delivery once; a replay reports duplicate and stores nothing new', async () => {
    const first = await inbox.accept(delivery('d1'));
    const again = await inbox.accept(delivery('d1'));
    const other = await inbox.accept(delivery('d1', 'fake-2'));
    expect(first.status).toBe('accepted');
    expect(again).toEqual({ status: 'duplicate', id: first.id });
    expect(other.status).toBe('accepted');
    expect(await inbox.depth()).toEqual({ pending: 2, processing: 0, done: 0, dead: 0 });
    const [entry] = await inbox.list({ status: 'pending', limit: 1 });
    expect(entry).toMatchObject({
      connector: 'fake-1',
      deliveryId: 'd1',
      receivedAt: T0.toISOString(),
      sentAt: at(-1000).toISOString(),
      events: [{ kind: 'record', externalId: 'computer:d1', deleted: false }],
      attempts: 0,
    });
  });

  test('keeps a body with a NUL byte (PostgreSQL text cannot hold one)', async () => {
    const d = { ...delivery('nul'), rawBody: Buffer.from([0x7b, 0x00, 0x7d]) };
    expect((await inbox.accept(d)).status).toBe('accepted');
  });

  test('claim leases due events once; a second claim gets nothing', async () => {
    await inbox.accept(delivery('a'));
    await inbox.accept(delivery('b'));
    const claimed = await inbox.claim(10, T0);
    expect(claimed.map((e) => e.deliveryId)).toEqual(['a', 'b']);
    expect(claimed.every((e) => e.attempts === 1 && e.status === 'processing')).toBe(true);
    expect(await inbox.claim(10, at(1000))).toEqual([]);
    expect(await inbox.complete(claimed[0], at(2000))).toBe(true);
    expect(await inbox.depth()).toMatchObject({ done: 1, processing: 1 });
  });

  test('claims concurrently without handing one event to two workers', async () => {
    for (let i = 0; i < 20; i++) await inbox.accept(delivery(`c${i}`));
    const batches = await Promise.all([1, 2, 3, 4].map(() => inbox.claim(8, T0)));
    const ids = batches.flat().map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(20);
  });

  test('does not take an event before its retry time', async () => {
    await inbox.accept(delivery('later'));
    const [entry] = await inbox.claim(1, T0);
    expect(await inbox.fail(entry, 'vendor said 503', T0)).toBe('retry');
    expect(await inbox.claim(1, at(999))).toEqual([]);
    const [again] = await inbox.claim(1, at(1000));
    expect(again).toMatchObject({ attempts: 2, lastError: 'vendor said 503' });
    expect(await inbox.fail(again, 'still 503', at(1000))).toBe('retry');
    expect(await inbox.claim(1, at(2999))).toEqual([]);
    expect(await inbox.claim(1, at(3000))).toHaveLength(1);
  });

  test('an event that keeps failing is dead after maxAttempts; retry puts it back', async () => {
    const { id } = await inbox.accept(delivery('poison'));
    let now = T0;
    for (let i = 1; i <= 3; i++) {
      const [entry] = await inbox.claim(1, now);
      expect(entry.attempts).toBe(i);
      expect(await inbox.fail(entry, `boom ${i}`, now)).toBe(i === 3 ? 'dead' : 'retry');
      now = at(3_600_000 * i);
    }
    expect(await inbox.claim(1, at(10 * 3_600_000))).toEqual([]);
    const [dead] = await inbox.list({ status: 'dead' });
    expect(dead).toMatchObject({ id, attempts: 3, lastError: 'boom 3' });
    expect(await inbox.retry(id + 1000, now)).toBe(0);
    expect(await inbox.retry(id, now)).toBe(1);
    const [back] = await inbox.claim(1, now);
    expect(back).toMatchObject({ id, attempts: 1 });
  });

  test('retry all-dead retries every dead event and nothing else', async () => {
    await inbox.accept(delivery('x'));
    await inbox.accept(delivery('y'));
    await inbox.accept(delivery('z'));
    const one = new InboxStore(store, { maxAttempts: 1 });
    const claimed = await one.claim(2, T0);
    for (const e of claimed) await one.fail(e, 'nope', T0);
    expect(await inbox.depth()).toMatchObject({ dead: 2, pending: 1 });
    expect(await inbox.retry('all-dead', T0)).toBe(2);
    expect(await inbox.depth()).toMatchObject({ dead: 0, pending: 3 });
  });

  test('an expired lease is claimed again (crash recovery); the old worker loses it', async () => {
    await inbox.accept(delivery('crash'));
    const [first] = await inbox.claim(1, T0);
    expect(await inbox.claim(1, at(59_999))).toEqual([]);
    const [second] = await inbox.claim(1, at(60_000));
    expect(second).toMatchObject({ id: first.id, attempts: 2 });
    expect(await inbox.complete(first, at(60_001))).toBe(false);
    expect(await inbox.fail(first, 'late', at(60_001))).toBe('lost');
    expect(await inbox.complete(second, at(60_002))).toBe(true);
    expect((await inbox.get(first.id))?.status).toBe('done');
  });

  test('an event whose worker keeps dying goes dead instead of looping', async () => {
    await inbox.accept(delivery('crashloop'));
    for (let i = 0; i < 3; i++) expect(await inbox.claim(1, at(i * 60_000))).toHaveLength(1);
    expect(await inbox.claim(1, at(3 * 60_000))).toEqual([]);
    const [dead] = await inbox.list({ status: 'dead' });
    expect(dead.lastError).toMatch(/did not finish within its lease 3 times/);
  });

  test('prune deletes done events older than the cut-off only', async () => {
    await inbox.accept(delivery('old'));
    await inbox.accept(delivery('new'));
    const [old, fresh] = await inbox.claim(2, T0);
    await inbox.complete(old, T0);
    await inbox.complete(fresh, at(10_000));
    expect(await inbox.prune(at(5000))).toBe(1);
    expect((await inbox.list()).map((e) => e.deliveryId)).toEqual(['new']);
  });
});

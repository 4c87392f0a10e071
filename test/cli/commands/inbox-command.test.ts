import fs from 'node:fs';
import { inboxCommand } from '../../../cli/commands/inbox-command';
import { isAssetbridgeError } from '../../../core/errors';
import { silentLogger } from '../../../core/logging/logger';
import { InboxProcessor } from '../../../core/runtime/inbox-processor';
import { InboxStore } from '../../../core/runtime/inbox-store';
import { KyselyStore } from '../../../core/store/kysely-store';
import { testCli, type TestCli } from './cli-test-context';

const T0 = new Date('2025-06-01T12:00:00.000Z');

/** Puts two events in the inbox of the cwd's store: one dead, one pending. */
async function seed(cli: TestCli): Promise<{ dead: number; pending: number }> {
  const store = await cli.ctx().openStore();
  if (!(store instanceof KyselyStore)) throw new Error('expected a KyselyStore');
  try {
    const inbox = new InboxStore(store, { maxAttempts: 1 });
    const base = {
      connector: 'jamf-prod',
      receivedAt: T0,
      sentAt: null,
      rawBody: Buffer.from('{}'),
    };
    const events = [{ kind: 'record' as const, externalId: 'computer:1', deleted: false }];
    const dead = await inbox.accept({ ...base, deliveryId: 'd-dead', events });
    const [claimed] = await inbox.claim(1, T0);
    await inbox.fail(claimed, 'vendor answered 500 twice', T0);
    const pending = await inbox.accept({ ...base, deliveryId: 'd-pending', events });
    return { dead: dead.id, pending: pending.id };
  } finally {
    await store.close();
  }
}

async function usage(p: Promise<unknown>, code = 'USAGE'): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (isAssetbridgeError(err) && err.code === code) return err.message;
    throw err;
  }
  throw new Error(`expected ${code}`);
}

describe('assetbridge inbox', () => {
  let cli: TestCli;
  beforeEach(() => (cli = testCli()));
  afterEach(() => cli.cleanup());

  test('lists the dead-letter events by default, with their last error', async () => {
    const ids = await seed(cli);
    expect(await inboxCommand(cli.ctx(), {})).toBe(0);
    expect(cli.out()).toContain(`1 dead event(s):\n#${ids.dead} jamf-prod delivery d-dead [dead]`);
    expect(cli.out()).toContain('last error: vendor answered 500 twice');
    expect(cli.out()).not.toContain('d-pending');
  });

  test('--status all --json lists every event as JSON', async () => {
    await seed(cli);
    expect(await inboxCommand(cli.ctx({ json: true }), { status: 'all' })).toBe(0);
    const entries = JSON.parse(cli.out()) as { deliveryId: string; status: string }[];
    expect(entries.map((e) => [e.deliveryId, e.status])).toEqual([
      ['d-dead', 'dead'],
      ['d-pending', 'pending'],
    ]);
  });

  test('an empty list says so', async () => {
    await (await cli.ctx().openStore()).close();
    expect(await inboxCommand(cli.ctx(), { status: 'processing' })).toBe(0);
    expect(cli.out()).toBe('No processing events in the webhook inbox.\n');
  });

  test('without a store it says so and creates none', async () => {
    const message = await usage(inboxCommand(cli.ctx(), {}), 'STORE_MISSING');
    expect(message).toMatch(/^no store at .*assetbridge\.db; run import or sync first$/);
    expect(await usage(inboxCommand(cli.ctx(), { retry: 'all' }), 'STORE_MISSING')).toBe(message);
    expect(fs.readdirSync(cli.cwd)).toEqual([]);
  });

  test('--retry <id> puts a dead event back; a non-dead one is an error naming it', async () => {
    const ids = await seed(cli);
    expect(await inboxCommand(cli.ctx(), { retry: String(ids.dead) })).toBe(0);
    expect(cli.out()).toMatch(/^1 dead event\(s\) put back in the queue/);
    const again = await usage(
      inboxCommand(cli.ctx(), { retry: String(ids.dead) }),
      'STORE_NOT_FOUND',
    );
    expect(again).toBe(`inbox event ${ids.dead} is pending, not dead; nothing retried`);
    expect(await usage(inboxCommand(cli.ctx(), { retry: '999' }), 'STORE_NOT_FOUND')).toMatch(
      /inbox event 999 does not exist/,
    );
  });

  test('--retry gives a dead event a fresh full set of attempts, the first one at once', async () => {
    const store = await cli.ctx().openStore();
    if (!(store instanceof KyselyStore)) throw new Error('expected a KyselyStore');
    try {
      let now = new Date(Date.now() + 86_400_000);
      const serve = new InboxProcessor({
        inbox: new InboxStore(store),
        handle: async () => {
          throw new Error('vendor answered 400');
        },
        logger: silentLogger(),
        clock: () => now,
        timers: { setTimeout: () => 0, clearTimeout: () => undefined },
      });
      const inbox = new InboxStore(store);
      const { id } = await inbox.accept({
        connector: 'jamf-prod',
        deliveryId: 'd-poison',
        receivedAt: T0,
        sentAt: null,
        rawBody: Buffer.from('{}'),
        events: [{ kind: 'record', externalId: 'computer:1', deleted: false }],
      });
      /** Runs serve's processor rounds, a day apart, until the event is dead. */
      const attemptsUntilDead = async (): Promise<number> => {
        let rounds = 0;
        while ((await inbox.get(id))?.status !== 'dead' && rounds < 20) {
          rounds += await serve.runOnce();
          now = new Date(now.getTime() + 86_400_000);
        }
        return rounds;
      };
      expect(await attemptsUntilDead()).toBe(inbox.maxAttempts);

      expect(await inboxCommand(cli.ctx(), { retry: String(id) })).toBe(0);
      expect(cli.out()).toMatch(/put back in the queue with a fresh set of 5 attempts/);
      const back = await inbox.get(id);
      expect(back).toMatchObject({ status: 'pending', attempts: 0 });
      expect(Date.parse(back!.nextAttemptAt)).toBeLessThanOrEqual(Date.now());
      expect(await attemptsUntilDead()).toBe(inbox.maxAttempts);
      expect(await inbox.get(id)).toMatchObject({ status: 'dead', attempts: inbox.maxAttempts });
    } finally {
      await store.close();
    }
  });

  test('--retry all retries every dead event', async () => {
    await seed(cli);
    expect(await inboxCommand(cli.ctx({ json: true }), { retry: 'all' })).toBe(0);
    expect(JSON.parse(cli.out())).toEqual({ retried: 1 });
  });

  test('bad options are usage errors', async () => {
    expect(await usage(inboxCommand(cli.ctx(), { status: 'stuck' }))).toMatch(
      /--status must be one of/,
    );
    expect(await usage(inboxCommand(cli.ctx(), { retry: 'x1' }))).toMatch(
      /--retry takes an event id/,
    );
    expect(await usage(inboxCommand(cli.ctx(), { limit: '0' }))).toMatch(/--limit must be/);
    expect(await usage(inboxCommand(cli.ctx(), { retry: '99999999999999999999' }))).toBe(
      '--retry must be a positive whole number; got "99999999999999999999"',
    );
  });
});

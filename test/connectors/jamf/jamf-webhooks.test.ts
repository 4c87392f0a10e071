import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { silentLogger } from '../../../core/logging/logger';
import { createRuntime } from '../../../core/runtime/server';
import type { KyselyStore } from '../../../core/store/kysely-store';
import type { RawWebhook } from '../../../core/sync/connector';
import { cleanJamfFleet, INSTANCE, jamfTestBed, type JamfTestBed } from './jamf-harness';

let bed: JamfTestBed;
let receiver: http.Server;
let receiverUrl: string;
const received: RawWebhook[] = [];

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
      received.push({ headers, rawBody: Buffer.concat(chunks), receivedAt: new Date() });
      res.statusCode = 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/jamf`;
});
afterAll(async () => new Promise<void>((resolve) => receiver.close(() => resolve())));

beforeEach(async () => {
  received.length = 0;
  bed = await jamfTestBed();
});
afterEach(async () => bed.close());

const HEADER = { name: 'X-Assetbridge-Token', valueEnv: 'JAMF_HOOK_SECRET' };
const hook = (event: string, value = 'hook-secret-1') => ({
  url: receiverUrl,
  event,
  authType: 'header',
  header: HEADER.name,
  value,
});
const raw = (body: unknown, headers: Record<string, string> = {}): RawWebhook => ({
  headers,
  rawBody: Buffer.from(JSON.stringify(body)),
  receivedAt: new Date(),
});

describe('Jamf webhooks', () => {
  test('an inventory webhook is verified, parsed, and the device is read again and synced', async () => {
    const fleet = cleanJamfFleet(8);
    bed.sim.seedFromFleet(fleet);
    const connector = bed.connector({ webhookHeader: HEADER });
    await bed.engine(connector).run({ full: true, dryRun: false });
    await bed.control('PUT', '/config', {
      webhooks: [hook('ComputerInventoryCompleted'), hook('ComputerCheckIn')],
    });
    await bed.control('POST', '/devices/computers/2/inventory', { name: 'Ünïcode Mac – 2' });
    await bed.control('POST', '/devices/computers/3/check-in');
    expect(received).toHaveLength(2);

    const hooks = connector.webhooks!;
    const verdicts = received.map((r) => hooks.verify(r));
    expect(verdicts.every((v) => v.ok)).toBe(true);
    const ids = verdicts.map((v) => (v.ok ? v.deliveryId : ''));
    expect(new Set(ids).size).toBe(2);
    expect(ids[0]).toMatch(/^[0-9a-f]{64}$/);
    const events = received.flatMap((r) => hooks.parse(r));
    expect(events).toEqual([
      { kind: 'record', externalId: 'computer:2', deleted: false },
      { kind: 'record', externalId: 'computer:3', deleted: false },
    ]);
    const report = await bed.engine(connector).applyWebhookEvents(INSTANCE, events);
    expect(report.connectors.find((c) => c.connector === INSTANCE)!.error).toBeNull();
    const asset = (await bed.h.store.listAssets({ limit: 50, after: null })).assets.find((a) =>
      a.identifiers.external.some((e) => e.id === 'computer:2'),
    )!;
    expect(asset.name).toBe('Ünïcode Mac – 2');
  });

  test('a wrong or missing header is refused; without webhookHeader nothing is accepted', async () => {
    const hooks = bed.connector({ webhookHeader: HEADER }).webhooks!;
    const body = {
      webhook: { webhookEvent: 'ComputerAdded', eventTimestamp: 1 },
      event: { jssID: 4 },
    };
    expect(hooks.verify(raw(body, { 'x-assetbridge-token': 'nope' }))).toEqual({
      ok: false,
      reason: 'header X-Assetbridge-Token does not match',
    });
    expect(hooks.verify(raw(body))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/missing/),
    });
    const ok = hooks.verify(raw(body, { 'x-assetbridge-token': 'hook-secret-1' }));
    expect(ok).toMatchObject({ ok: true, sentAt: new Date(1) });
    const unconfigured = bed.connector().webhooks!;
    expect(
      unconfigured.verify(raw(body, { 'x-assetbridge-token': 'hook-secret-1' })),
    ).toMatchObject({
      ok: false,
    });
  });

  test('mobile events name mobile ids; unknown events give nothing; a malformed body is refused', async () => {
    const hooks = bed.connector().webhooks!;
    for (const name of ['MobileDeviceEnrolled', 'MobileDeviceCheckIn', 'MobileDeviceUnEnrolled']) {
      const body = { webhook: { webhookEvent: name }, event: { jssID: 17 } };
      expect(hooks.parse(raw(body))).toEqual([
        { kind: 'record', externalId: 'mobile:17', deleted: false },
      ]);
    }
    expect(hooks.parse(raw({ webhook: { webhookEvent: 'RestAPIOperation' }, event: {} }))).toEqual(
      [],
    );
    expect(() =>
      hooks.parse(raw({ webhook: { webhookEvent: 'ComputerAdded' }, event: {} })),
    ).toThrow(/jssID is missing/);
    expect(() =>
      hooks.parse({ headers: {}, rawBody: Buffer.from('<xml/>'), receivedAt: new Date() }),
    ).toThrow(/not JSON/);
  });

  test.each([
    [{ jssID: -1 }, 'event.jssID must be a positive whole number, got -1'],
    [{ jssID: 0 }, 'event.jssID must be a positive whole number, got 0'],
    [{ jssID: 1.5 }, 'event.jssID must be a positive whole number, got 1.5'],
    [{ jssID: '007' }, 'event.jssID must be a positive whole number, got "007"'],
    [{ jssID: 2 ** 60 }, 'event.jssID must be a positive whole number'],
    [{ computer: { jssID: -4 } }, 'event.computer.jssID must be a positive whole number, got -4'],
    [{ computer: {} }, 'event.computer.jssID is missing'],
    [{}, 'event.jssID is missing'],
  ])('an event with %j names no device: %s', (event, message) => {
    const hooks = bed.connector().webhooks!;
    const body = { webhook: { webhookEvent: 'ComputerInventoryCompleted' }, event };
    expect(() => hooks.parse(raw(body))).toThrow(
      `Jamf webhook ComputerInventoryCompleted: ${message}`,
    );
  });

  test('ids Jamf sends are taken: numbers, digit strings, nested under computer', () => {
    const hooks = bed.connector().webhooks!;
    const parse = (event: unknown) =>
      hooks.parse(raw({ webhook: { webhookEvent: 'ComputerCheckIn' }, event }));
    expect(parse({ computer: { jssID: 12 } })).toEqual([
      { kind: 'record', externalId: 'computer:12', deleted: false },
    ]);
    expect(parse({ jssID: '34' })[0]).toMatchObject({ externalId: 'computer:34' });
  });

  test('serve answers 400 naming the field for a bad jssID and stores nothing', async () => {
    const connector = bed.connector({ webhookHeader: HEADER });
    const runtime = createRuntime({
      store: bed.h.store as KyselyStore,
      connectors: new Map([[INSTANCE, connector]]),
      handle: async () => undefined,
      runJob: async () => undefined,
      schedules: [],
      logger: silentLogger(),
      apiToken: null,
      options: { processor: { timers: { setTimeout: () => 0, clearTimeout: () => undefined } } },
    });
    const { url } = await runtime.start(0);
    try {
      const send = (jssID: unknown) =>
        fetch(`${url}/webhooks/${INSTANCE}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-assetbridge-token': 'hook-secret-1' },
          body: JSON.stringify({
            webhook: { webhookEvent: 'ComputerInventoryCompleted', eventTimestamp: Date.now() },
            event: { jssID },
          }),
        });
      const bad = await send(-1);
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: string }).error).toMatch(
        /event\.jssID must be a positive whole number, got -1/,
      );
      expect(await runtime.inbox.list()).toEqual([]);
      expect((await send(5)).status).toBe(202);
    } finally {
      await runtime.stop();
    }
  });

  test('fetch of a device Jamf no longer has is null', async () => {
    bed.sim.seedFromFleet(cleanJamfFleet(3));
    const hooks = bed.connector().webhooks!;
    expect(await hooks.fetch('computer:999')).toBeNull();
    expect(await hooks.fetch('mobile:999')).toBeNull();
    expect((await hooks.fetch('computer:1'))?.externalId).toBe('computer:1');
  });
});

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { silentLogger } from '../../../core/logging/logger';
import { createRuntime, type Runtime } from '../../../core/runtime/server';
import type { KyselyStore } from '../../../core/store/kysely-store';
import type { RawWebhook } from '../../../core/sync/connector';
import { signBody } from '../../../simulators/jira';
import {
  ASSETS,
  cleanJiraFleet,
  INSTANCE,
  jsmTestBed,
  WEBHOOK_SECRET,
  type JsmTestBed,
} from './jsm-harness';

const WS = 'f1668d0c-0c7a-4b7e-9d3b-5b1d8a2c7e10';
const ref = (objectId: string) => ({ workspaceId: WS, id: `${WS}:${objectId}`, objectId });

let bed: JsmTestBed;
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
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/jsm`;
});
afterAll(async () => new Promise<void>((resolve) => receiver.close(() => resolve())));

beforeEach(async () => {
  received.length = 0;
  bed = await jsmTestBed();
  await bed.control('PUT', '/config', {
    webhooks: [{ url: receiverUrl, secret: WEBHOOK_SECRET, events: [] }],
  });
});
afterEach(async () => bed.close());

async function objectIdOfSerial(serial: string): Promise<string> {
  const page = (await bed.api('POST', `${ASSETS}/object/aql`, {
    qlQuery: `"Serial Number" = "${serial}"`,
  })) as { values: { id: string }[] };
  return page.values[0]!.id;
}

const never = { setTimeout: () => 0, clearTimeout: () => undefined };

/** The serve runtime over the bed's store, handling deliveries with the sync engine. */
async function runtimeFor(connector: ReturnType<JsmTestBed['connector']>) {
  const engine = bed.engine(connector);
  const runtime: Runtime = createRuntime({
    store: bed.h.store as KyselyStore,
    connectors: new Map([[INSTANCE, connector]]),
    handle: async (name, events) => {
      await engine.applyWebhookEvents(name, events);
    },
    runJob: async () => undefined,
    schedules: [],
    logger: silentLogger(),
    apiToken: null,
    options: { processor: { timers: never } },
  });
  const { url } = await runtime.start(0);
  const post = async (hook: RawWebhook) => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(hook.headers)) if (v !== undefined) headers[k] = v;
    const res = await fetch(`${url}/webhooks/${INSTANCE}`, {
      method: 'POST',
      headers,
      body: hook.rawBody,
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };
  return { runtime, engine, post };
}

const tickets = async (serial: string) =>
  (await bed.h.store.listAssets({ limit: 100, after: null })).assets.find(
    (a) => a.serial === serial.toUpperCase(),
  )!.tickets;

describe('JSM webhooks', () => {
  test('Assets field changes link and unlink; a replayed delivery is processed once', async () => {
    const fleet = cleanJiraFleet(4);
    bed.sim.seedFromFleet(fleet);
    const connector = bed.connector();
    const { runtime, post } = await runtimeFor(connector);
    try {
      await bed.engine(connector).run({ full: true, dryRun: false });
      const serial = fleet[0]!.serial!;
      const objectId = await objectIdOfSerial(serial);
      const made = (await bed.control('POST', '/issues', {
        fields: {
          project: { key: 'ITSM' },
          issuetype: { name: 'Incident' },
          summary: 'Battery swells',
          customfield_10191: [ref(objectId)],
        },
      })) as { key: string };
      await bed.sim.webhooksIdle();
      expect(received).toHaveLength(1);
      const created = received[0]!;
      expect(created.headers['x-hub-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);

      expect((await post(created)).status).toBe(202);
      expect((await post(created)).json).toMatchObject({ status: 'duplicate' });
      expect(await runtime.processor.runOnce()).toBe(1);
      expect(await runtime.processor.runOnce()).toBe(0);
      expect((await tickets(serial)).map((t) => t.key)).toEqual([made.key]);
      const comments = (await bed.api('GET', `/rest/api/3/issue/${made.key}/comment`)) as {
        comments: unknown[];
      };
      expect(comments.comments).toHaveLength(1);

      // Our own comment fired jira:issue_updated (issue_commented): it gives no event.
      await bed.sim.webhooksIdle();
      const commented = received.slice(1);
      expect(commented.length).toBeGreaterThan(0);
      for (const hook of commented) expect(connector.webhooks!.parse(hook)).toEqual([]);

      received.length = 0;
      await bed.control('PUT', `/issues/${made.key}`, { fields: { customfield_10191: [] } });
      await bed.sim.webhooksIdle();
      expect(received).toHaveLength(1);
      expect(connector.webhooks!.parse(received[0]!)).toEqual([
        { kind: 'ticket', ticketKey: made.key },
      ]);
      expect((await post(received[0]!)).status).toBe(202);
      expect(await runtime.processor.runOnce()).toBe(1);
      expect(await tickets(serial)).toEqual([]);

      // Named again (linked), then the issue is deleted: the delete unlinks it.
      received.length = 0;
      await bed.control('PUT', `/issues/${made.key}`, {
        fields: { customfield_10191: [ref(objectId)] },
      });
      await bed.sim.webhooksIdle();
      expect((await post(received[0]!)).status).toBe(202);
      expect(await runtime.processor.runOnce()).toBe(1);
      expect((await tickets(serial)).map((t) => t.key)).toEqual([made.key]);
      received.length = 0;
      await bed.control('DELETE', `/issues/${made.key}`);
      await bed.sim.webhooksIdle();
      expect(JSON.parse(received[0]!.rawBody.toString()).webhookEvent).toBe('jira:issue_deleted');
      expect((await post(received[0]!)).status).toBe(202);
      expect(await runtime.processor.runOnce()).toBe(1);
      expect(await tickets(serial)).toEqual([]);
    } finally {
      await runtime.stop();
    }
  });

  test('a bad, missing or malformed signature is refused with 401 and nothing is stored', async () => {
    const connector = bed.connector();
    const { runtime, post } = await runtimeFor(connector);
    try {
      const body = JSON.stringify({
        timestamp: Date.now(),
        webhookEvent: 'jira:issue_created',
        issue: { key: 'ITSM-1' },
      });
      const hook = (signature?: string): RawWebhook => ({
        headers: {
          'content-type': 'application/json',
          'x-atlassian-webhook-identifier': 'd-1',
          ...(signature ? { 'x-hub-signature': signature } : {}),
        },
        rawBody: Buffer.from(body),
        receivedAt: new Date(),
      });
      const wrong = await post(hook(signBody('not-the-secret', body)));
      expect(wrong.status).toBe(401);
      expect(wrong.json.error).toMatch(/does not match/);
      expect((await post(hook())).status).toBe(401);
      expect((await post(hook('sha1=abc'))).status).toBe(401);
      const tampered = hook(signBody(WEBHOOK_SECRET, body));
      tampered.rawBody = Buffer.from(body.replace('ITSM-1', 'ITSM-2'));
      expect((await post(tampered)).status).toBe(401);
      expect(await runtime.inbox.list()).toEqual([]);

      const signed = hook(signBody(WEBHOOK_SECRET, body));
      const good = connector.webhooks!.verify(signed);
      expect(good).toMatchObject({ ok: true, deliveryId: 'd-1', sentAt: expect.any(Date) });
      const retried = {
        ...signed,
        headers: { ...signed.headers, 'x-atlassian-webhook-retry': '3' },
      };
      expect(connector.webhooks!.verify(retried)).toMatchObject({
        ok: true,
        sentAt: good.ok ? good.sentAt : null,
        maxAgeMs: 30 * 60_000,
      });
      const unconfigured = bed.connector({ webhookSecretEnv: undefined }).webhooks!;
      expect(unconfigured.verify(hook(signBody(WEBHOOK_SECRET, body)))).toMatchObject({
        ok: false,
      });
    } finally {
      await runtime.stop();
    }
  });

  test('retry and secondary-flow headers widen staleness to the documented 30 and 15 minutes', async () => {
    const connector = bed.connector();
    const { runtime, post } = await runtimeFor(connector);
    try {
      let n = 0;
      const send = (sentAt: number, retry?: string, flow?: string) => {
        const body = JSON.stringify({
          timestamp: sentAt,
          webhookEvent: 'jira:issue_created',
          issue: { key: 'ITSM-1' },
        });
        n += 1;
        return post({
          headers: {
            'content-type': 'application/json',
            'x-atlassian-webhook-identifier': `retry-${n}`,
            'x-hub-signature': signBody(WEBHOOK_SECRET, body),
            ...(retry === undefined ? {} : { 'x-atlassian-webhook-retry': retry }),
            ...(flow === undefined ? {} : { 'x-atlassian-webhook-flow': flow }),
          },
          rawBody: Buffer.from(body),
          receivedAt: new Date(),
        });
      };
      const ancient = await send(Date.parse('2001-09-09T01:46:40Z'), '1');
      expect(ancient.status).toBe(401);
      expect(ancient.json.error).toMatch(/^stale webhook: sent at 2001-09-09T01:46:40.000Z/);
      const minutes = (m: number) => Date.now() - m * 60_000;
      expect((await send(minutes(40), '3')).status).toBe(401);
      expect((await send(minutes(20))).status).toBe(401);
      expect((await send(minutes(20), 'yes')).status).toBe(401);
      expect((await send(minutes(20), '2')).status).toBe(202);
      expect((await send(minutes(10), undefined, 'Primary')).status).toBe(401);
      expect((await send(minutes(20), undefined, 'Secondary')).status).toBe(401);
      expect((await send(minutes(10), undefined, 'Secondary')).status).toBe(202);
      expect(await runtime.inbox.list()).toHaveLength(2);
    } finally {
      await runtime.stop();
    }
  });

  test('an issue key that names no issue is refused with 400 naming the field', async () => {
    const hooks = bed.connector().webhooks!;
    for (const key of ['ITSM-0', '../../rest/api/3/myself', 'itsm-1', 'ITSM-1?x=1', '']) {
      const body = { timestamp: Date.now(), webhookEvent: 'jira:issue_updated', issue: { key } };
      const hook = {
        headers: {},
        rawBody: Buffer.from(JSON.stringify(body)),
        receivedAt: new Date(),
      };
      expect(() => hooks.parse(hook)).toThrow(
        'Jira webhook body: issue.key: expected an issue key such as ITSM-42',
      );
    }
    const ok = { timestamp: 1, webhookEvent: 'jira:issue_created', issue: { key: 'IT_OPS2-7' } };
    const hook = { headers: {}, rawBody: Buffer.from(JSON.stringify(ok)), receivedAt: new Date() };
    expect(hooks.parse(hook)).toEqual([{ kind: 'ticket', ticketKey: 'IT_OPS2-7' }]);
  });

  test('fetch reads one object again; a deleted one is null', async () => {
    bed.sim.seedFromFleet(cleanJiraFleet(2));
    const hooks = bed.connector().webhooks!;
    const id = await objectIdOfSerial(cleanJiraFleet(2)[0]!.serial!);
    expect((await hooks.fetch(id))?.externalId).toBe(id);
    expect(await hooks.fetch('99999')).toBeNull();
    expect(() =>
      hooks.parse({ headers: {}, rawBody: Buffer.from('<xml/>'), receivedAt: new Date() }),
    ).toThrow(/not JSON/);
  });
});

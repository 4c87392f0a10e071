import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac } from 'node:crypto';
import { arr, startJira } from './jira-test-client';
import type { JiraHarness } from './jira-test-client';

interface Received {
  headers: http.IncomingHttpHeaders;
  raw: string;
  body: Record<string, unknown>;
}

interface Receiver {
  url: string;
  received: Received[];
  statuses: number[];
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const statuses: number[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      received.push({
        headers: req.headers,
        raw,
        body: JSON.parse(raw) as Record<string, unknown>,
      });
      res.statusCode = statuses.shift() ?? 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    statuses,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function waitFor(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`gave up waiting for ${what}`);
}

const SECRET = 'It0s-a-s3cret';
let h: JiraHarness;
let rx: Receiver;

beforeAll(async () => {
  h = await startJira({ webhookRetry: { delaysMs: [5, 5, 5], timeoutMs: 2000 } });
  rx = await startReceiver();
});
afterAll(async () => {
  await h.close();
  await rx.close();
});
beforeEach(async () => {
  rx.received.length = 0;
  rx.statuses.length = 0;
  await h.control('PUT', '/config', { webhooks: [{ url: rx.url, secret: SECRET, events: [] }] });
});

function newIssue(summary: string) {
  return h.call('POST', '/rest/api/3/issue', {
    fields: { project: { key: 'ITSM' }, issuetype: { name: 'Incident' }, summary },
  });
}

describe('admin webhooks', () => {
  test('issue_created is signed over the raw body with the documented headers', async () => {
    const created = await newIssue('Webhook me');
    await waitFor(() => rx.received.length === 1, 'one delivery');
    const hit = rx.received[0] as Received;
    const expected = `sha256=${createHmac('sha256', SECRET).update(hit.raw).digest('hex')}`;
    expect(hit.headers['x-hub-signature']).toBe(expected);
    expect(hit.headers['x-atlassian-webhook-identifier']).toEqual(expect.any(String));
    expect(hit.headers['x-atlassian-webhook-flow']).toBe('Primary');
    expect(hit.headers['x-atlassian-webhook-retry']).toBeUndefined();
    expect(hit.body).toMatchObject({
      webhookEvent: 'jira:issue_created',
      issue_event_type_name: 'issue_created',
      issue: { key: created.json.key },
    });
    expect(typeof hit.body.timestamp).toBe('number');
    expect(hit.body.user).toMatchObject({ emailAddress: 'sim-admin@example.com' });
  });

  test('an update made as a person lists the Assets field in the changelog; delete has no event type name', async () => {
    const obj = await h.call('POST', `${h.assets}/object/create`, {
      objectTypeId: '2',
      attributes: [{ objectTypeAttributeId: '2', objectAttributeValues: [{ value: 'MBP-9' }] }],
    });
    const created = await newIssue('Assign hardware');
    const key = String(created.json.key);
    await waitFor(() => rx.received.length === 1, 'the create delivery');
    const change = await h.control('PUT', `/issues/${key}`, {
      actor: 'dana@example.com',
      fields: { customfield_10191: [{ workspaceId: h.ws, objectId: String(obj.json.id) }] },
      status: 'In Progress',
    });
    expect(change.status).toBe(200);
    await waitFor(() => rx.received.length === 2, 'the update delivery');
    const update = (rx.received[1] as Received).body;
    expect(update).toMatchObject({
      webhookEvent: 'jira:issue_updated',
      issue_event_type_name: 'issue_updated',
      user: { emailAddress: 'dana@example.com' },
    });
    const items = arr((update.changelog as { items: unknown }).items as never);
    expect(items.map((i) => i.fieldId)).toEqual(['status', 'customfield_10191']);
    expect(items[1]).toMatchObject({ field: 'Assets', fieldtype: 'custom', toString: 'MBP-9' });

    await h.call('DELETE', `/rest/api/3/issue/${key}`);
    await waitFor(() => rx.received.length === 3, 'the delete delivery');
    const deleted = (rx.received[2] as Received).body;
    expect(deleted.webhookEvent).toBe('jira:issue_deleted');
    expect(deleted.issue_event_type_name).toBeUndefined();
  });

  test('a failing target is retried with the same delivery id and a retry count', async () => {
    rx.statuses.push(503, 429);
    await newIssue('Retry me');
    await waitFor(() => rx.received.length === 3, 'three attempts');
    const ids = rx.received.map((r) => r.headers['x-atlassian-webhook-identifier']);
    expect(new Set(ids).size).toBe(1);
    expect(rx.received.map((r) => r.headers['x-atlassian-webhook-retry'])).toEqual([
      undefined,
      '1',
      '2',
    ]);
    expect(rx.received.map((r) => r.raw)).toEqual(Array(3).fill(rx.received[0]?.raw));
    const log = await h.control('GET', '/webhooks/deliveries');
    const mine = arr(log.json.deliveries).filter((d) => d.deliveryId === (ids[0] as unknown));
    expect(mine.map((d) => d.status)).toEqual([503, 429, 200]);
  });

  test('a 400 answer is not retried; retries stop after the configured count', async () => {
    rx.statuses.push(400);
    await newIssue('No retry');
    await waitFor(() => rx.received.length === 1, 'one attempt');
    rx.statuses.push(500, 500, 500, 500);
    await newIssue('Give up');
    await waitFor(() => rx.received.length === 5, 'four attempts');
    await h.sim.webhooksIdle();
    const log = await h.control('GET', '/webhooks/deliveries');
    const last = arr(log.json.deliveries).slice(-1)[0];
    expect(last).toMatchObject({ attempt: 4, status: 500, willRetry: false });
    expect(rx.received).toHaveLength(5);
  });

  test('connection failures are retried; event filters and unsigned hooks', async () => {
    await h.control('PUT', '/config', {
      webhooks: [
        { url: 'http://127.0.0.1:1/closed', events: [] },
        { url: rx.url, events: ['jira:issue_deleted'] },
      ],
    });
    const created = await newIssue('Nobody listens');
    const waitLog = async () => {
      for (let i = 0; i < 500; i++) {
        const log = await h.control('GET', '/webhooks/deliveries');
        const failed = arr(log.json.deliveries).filter((d) => String(d.url).includes(':1/closed'));
        if (failed.length === 4) return failed;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error('connection-failure retries did not finish');
    };
    const failed = await waitLog();
    expect(failed.map((d) => d.status)).toEqual([0, 0, 0, 0]);
    expect(rx.received).toHaveLength(0);
    await h.call('DELETE', `/rest/api/3/issue/${String(created.json.key)}`);
    await waitFor(() => rx.received.length === 1, 'the delete delivery');
    expect(rx.received[0]?.headers['x-hub-signature']).toBeUndefined();
  });
});

import { silentLogger } from '../../../core/logging/logger';
import { createRuntime, type Runtime } from '../../../core/runtime/server';
import type { KyselyStore } from '../../../core/store/kysely-store';
import type { Connector } from '../../../core/sync/connector';
import { signEvent } from '../../../simulators/servicenow';
import { ManualTimers } from '../../core/runtime/runtime-harness';
import { HOOK_SECRET, SN, cleanFleet, snWorld, type SnWorld } from './servicenow-harness';

let w: SnWorld;
let runtime: Runtime;
let url: string;
let connector: Connector;
beforeEach(async () => {
  w = await snWorld();
  connector = w.connector({ options: { webhookSecretEnv: 'SN_HOOK_SECRET' } });
  const engine = w.engine([connector]);
  runtime = createRuntime({
    store: w.h.store as KyselyStore,
    connectors: new Map([[SN, connector]]),
    handle: async (name, events) => {
      await engine.applyWebhookEvents(name, events);
    },
    runJob: async () => undefined,
    schedules: [],
    logger: silentLogger(),
    apiToken: null,
    options: { processor: { timers: new ManualTimers() } },
  });
  url = (await runtime.start(0)).url;
});
afterEach(async () => {
  await runtime.stop();
  await w.close();
});

const AUTH = `Basic ${Buffer.from('admin:admin').toString('base64')}`;

async function file(
  table: string,
  values: Record<string, string>,
): Promise<Record<string, string>> {
  const res = await fetch(
    `${w.running.url}/api/now/table/${table}?sysparm_exclude_reference_link=true`,
    {
      method: 'POST',
      headers: { authorization: AUTH, 'content-type': 'application/json' },
      body: JSON.stringify(values),
    },
  );
  return ((await res.json()) as { result: Record<string, string> }).result;
}

/** Delivers an event body the way the companion app signs it. */
async function deliver(body: string, opts: { secret?: string; at?: number } = {}) {
  const ts = String(opts.at ?? Math.floor(Date.now() / 1000));
  const res = await fetch(`${url}/webhooks/${SN}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-assetbridge-timestamp': ts,
      'x-assetbridge-signature': signEvent(opts.secret ?? HOOK_SECRET, ts, body),
    },
    body,
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const notesOf = (sysId: string) =>
  w.table('sys_journal_field', `element_id=${sysId}^element=work_notes`);

async function seeded() {
  const fleet = cleanFleet(2, { servicenow: true });
  w.sim.seedFromFleet(fleet);
  await w.run({ full: true });
  return (await w.table('cmdb_ci_hardware', `serial_number=${fleet[0]!.serial}`))[0]!;
}

describe('ServiceNow signed ticket events', () => {
  test("the simulator's event is verified, stored and processed through the inbox", async () => {
    const ci = await seeded();
    await w.control('PUT', '/config', { webhookUrl: `${url}/webhooks/${SN}` });
    const inc = await file('incident', { short_description: 'Keyboard dead', cmdb_ci: ci.sys_id! });
    await w.sim.state.outbound.flush();
    const { deliveries } = (await w.control('GET', '/outbound')) as {
      deliveries: { status: number; event: { event_type: string } }[];
    };
    expect(deliveries.map((d) => [d.event.event_type, d.status])).toEqual([
      ['ticket.created', 202],
    ]);
    expect(await runtime.processor.runOnce()).toBe(1);
    const [asset] = await w.h.store.findAssets(ci.serial_number!);
    expect(asset!.tickets.map((t) => t.key)).toEqual([inc.number]);
    expect(await notesOf(inc.sys_id!)).toHaveLength(1);
    // The work note updates the incident, so ServiceNow sends ticket.updated: no second note.
    await w.sim.state.outbound.flush();
    expect(await runtime.processor.runOnce()).toBe(1);
    expect(await notesOf(inc.sys_id!)).toHaveLength(1);
    expect((await runtime.inbox.list()).every((e) => e.status === 'done')).toBe(true);
  });

  test('bad signature, stale timestamp and unknown event types are refused; a replay is stored once', async () => {
    const ci = await seeded();
    const inc = await file('incident', { short_description: 'Fan noise', cmdb_ci: ci.sys_id! });
    const event = {
      event_id: '5d1f0c2e-0d5c-4a36-9a3a-7d3c2b1a0e9f',
      event_type: 'ticket.refresh',
      table: 'incident',
      sys_id: inc.sys_id,
      number: inc.number,
      cmdb_ci: ci.sys_id,
      short_description: 'Fan noise',
      state: '1',
      sys_updated_on: inc.sys_updated_on,
      timestamp: new Date().toISOString(),
    };
    const body = JSON.stringify(event);
    const forged = await deliver(body, { secret: 'not-the-secret' });
    expect(forged.status).toBe(401);
    expect(String(forged.json.error)).toMatch(/signature does not match/);
    const stale = await deliver(body, { at: Math.floor(Date.now() / 1000) - 3600 });
    expect(stale.status).toBe(401);
    expect(String(stale.json.error)).toMatch(/stale webhook/);
    const unsigned = await fetch(`${url}/webhooks/${SN}`, { method: 'POST', body });
    expect(unsigned.status).toBe(401);
    const wrongType = await deliver(JSON.stringify({ ...event, event_type: 'ci.deleted' }));
    expect(wrongType.status).toBe(400);
    expect(await runtime.inbox.list()).toEqual([]);

    const good = await deliver(body);
    expect(good.status).toBe(202);
    const replay = await deliver(body);
    expect(replay).toEqual({ status: 200, json: { status: 'duplicate', id: good.json.id } });
    expect(await runtime.processor.runOnce()).toBe(1);
    expect(await runtime.processor.runOnce()).toBe(0);
    expect(await notesOf(inc.sys_id!)).toHaveLength(1);
    const [entry] = await runtime.inbox.list();
    expect(entry).toMatchObject({ status: 'done', deliveryId: `servicenow:${event.event_id}` });
  });

  test('ids that are not sys_ids are refused with 400 naming the field', async () => {
    const event = {
      event_id: '0b9d8f0e-6a35-4c7e-9a63-2f1e6d7c5b4a',
      event_type: 'ticket.updated',
      table: 'incident',
      sys_id: 'a'.repeat(32),
      number: 'INC0010001',
      cmdb_ci: '',
    };
    for (const [field, value] of [
      ['sys_id', '-1'],
      ['sys_id', '../sys_user'],
      ['cmdb_ci', 'B'.repeat(32)],
    ]) {
      const bad = await deliver(JSON.stringify({ ...event, [field]: value }));
      expect(bad.status).toBe(400);
      expect(String(bad.json.error)).toMatch(new RegExp(`${field}: expected a sys_id`));
    }
    expect(await runtime.inbox.list()).toEqual([]);
    expect((await deliver(JSON.stringify(event))).status).toBe(202);
  });

  test('without webhookSecretEnv nothing is accepted; fetch reads one CI again', async () => {
    const ci = await seeded();
    const hooks = w.connector().webhooks!;
    const body = Buffer.from('{}');
    expect(hooks.verify({ headers: {}, rawBody: body, receivedAt: new Date() })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/no webhookSecretEnv/),
    });
    const record = await hooks.fetch(ci.sys_id!);
    expect(record).toMatchObject({
      externalId: ci.sys_id,
      data: { serial_number: ci.serial_number },
    });
    expect(await hooks.fetch('0'.repeat(32))).toBeNull();
  });
});

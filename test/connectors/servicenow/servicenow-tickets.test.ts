import { randomUUID } from 'node:crypto';
import { SN, cleanFleet, reportOf, snWorld, type SnWorld } from './servicenow-harness';

let w: SnWorld;
beforeEach(async () => {
  w = await snWorld();
});
afterEach(async () => w.close());

const AUTH = `Basic ${Buffer.from('admin:admin').toString('base64')}`;

/** A person files a ticket through the Table API. */
async function file(
  table: string,
  values: Record<string, string>,
): Promise<Record<string, string>> {
  const res = await fetch(
    `${w.running.url}/api/now/table/${table}?sysparm_exclude_reference_link=true`,
    {
      method: 'POST',
      headers: {
        authorization: AUTH,
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body: JSON.stringify(values),
    },
  );
  expect(res.status).toBe(201);
  return ((await res.json()) as { result: Record<string, string> }).result;
}

const notesOf = (sysId: string) =>
  w.table('sys_journal_field', `element_id=${sysId}^element=work_notes`);

async function laptops(n: number) {
  const fleet = cleanFleet(n, { servicenow: true });
  w.sim.seedFromFleet(fleet);
  const r = reportOf(await w.run({ full: true }));
  expect(r.failures).toEqual([]);
  const cis = [];
  for (const d of fleet)
    cis.push((await w.table('cmdb_ci_hardware', `serial_number=${d.serial}`))[0]!);
  return { fleet, cis };
}

describe('ServiceNow tickets', () => {
  test('an incident naming a laptop links it and gets the asset context once', async () => {
    const { fleet, cis } = await laptops(3);
    const inc = await file('incident', {
      short_description: 'Écran qui scintille',
      cmdb_ci: cis[0]!.sys_id!,
    });
    const r = reportOf(await w.run());
    expect(r.tickets).toMatchObject({ linked: 1, notes: 1, failed: 0 });
    const asset = (await w.h.store.findAssets(fleet[0]!.serial!))[0]!;
    expect(asset.tickets).toEqual([
      expect.objectContaining({
        system: SN,
        key: inc.number,
        kind: 'incident',
        state: 'New',
        open: true,
        title: 'Écran qui scintille',
      }),
    ]);
    const notes = await notesOf(inc.sys_id!);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.value).toContain('Asset context (assetbridge)');
    expect(notes[0]!.value).toContain(`Owner: ${fleet[0]!.userEmail}`);
    expect(notes[0]!.value).toMatch(/Lifecycle stage: /);
    expect(notes[0]!.value).toMatch(/Warranty ends: /);

    // Nothing changed: no second note, even though the work note itself updated the incident.
    expect(reportOf(await w.run()).tickets.notes).toBe(0);
    expect(await notesOf(inc.sys_id!)).toHaveLength(1);

    // An affected CI (and the primary CI listed again in task_ci) links the second laptop once.
    await file('task_ci', { task: inc.sys_id!, ci_item: cis[1]!.sys_id! });
    await file('task_ci', { task: inc.sys_id!, ci_item: cis[0]!.sys_id! });
    const again = reportOf(await w.run());
    expect(again.tickets).toMatchObject({ linked: 1, notes: 1 });
    const second = (await w.h.store.findAssets(fleet[1]!.serial!))[0]!;
    expect(second.tickets.map((t) => t.key)).toEqual([inc.number]);
    const first = (await w.h.store.findAssets(fleet[0]!.serial!))[0]!;
    expect(first.tickets.map((t) => t.key)).toEqual([inc.number]);
    expect(await notesOf(inc.sys_id!)).toHaveLength(2);
    await w.run();
    expect(await notesOf(inc.sys_id!)).toHaveLength(2);

    // Closing the incident updates the links' state; a closed ticket gets no note.
    await w.control('POST', `/mutate/incident/${inc.sys_id}`, { values: { state: '7' } });
    await w.run();
    const closed = (await w.h.store.findAssets(fleet[0]!.serial!))[0]!;
    expect(closed.tickets[0]).toMatchObject({ key: inc.number, state: 'Closed', open: false });
    expect(await notesOf(inc.sys_id!)).toHaveLength(2);
  });

  test('other open incidents on the asset show in the context of a change request', async () => {
    const { fleet, cis } = await laptops(2);
    const inc = await file('incident', {
      short_description: 'Battery swelling',
      cmdb_ci: cis[0]!.sys_id!,
    });
    const chg = await file('change_request', {
      short_description: 'Replace battery',
      cmdb_ci: cis[0]!.sys_id!,
    });
    await w.run();
    await w.run();
    const asset = (await w.h.store.findAssets(fleet[0]!.serial!))[0]!;
    expect(asset.tickets.map((t) => [t.key, t.kind]).sort()).toEqual(
      [
        [inc.number, 'incident'],
        [chg.number, 'change'],
      ].sort(),
    );
    const notes = await notesOf(chg.sys_id!);
    expect(notes.at(-1)!.value).toContain(`Other open incidents: ${inc.number} "Battery swelling"`);
  });

  test('link by hand sets the CI, then adds an affected CI, never twice', async () => {
    const { fleet, cis } = await laptops(2);
    const ritm = await file('sc_req_item', { short_description: 'New dock' });
    const engine = w.engine([w.connector()]);
    const tickets = w.connector().tickets!;
    const [a, b] = await Promise.all(
      fleet.map(async (d) => (await w.h.store.findAssets(d.serial!))[0]!),
    );
    const runId = randomUUID();
    await w.h.store.startRun({
      id: runId,
      kind: 'link',
      startedAt: new Date().toISOString(),
      summary: {},
    });
    const one = await engine.tickets!.link(SN, tickets, a!.id, ritm.number!, runId);
    expect(one.linked).toEqual([a!.id]);
    expect((await w.table('sc_req_item', `sys_id=${ritm.sys_id}`))[0]!.cmdb_ci).toBe(
      cis[0]!.sys_id,
    );
    await engine.tickets!.link(SN, tickets, b!.id, ritm.number!, runId);
    await engine.tickets!.link(SN, tickets, b!.id, ritm.number!, runId);
    const rows = await w.table('task_ci', `task=${ritm.sys_id}`);
    expect(rows.map((r) => r.ci_item)).toEqual([cis[1]!.sys_id]);
    const linked = await tickets.readTicket(ritm.number!);
    expect(linked).toMatchObject({ kind: 'request', open: true, state: 'Open' });
    expect(linked!.assetExternalIds.sort()).toEqual([cis[0]!.sys_id, cis[1]!.sys_id].sort());
    expect(await tickets.readTicket('INC9999999')).toBeNull();
    const ofRecord = await tickets.ticketsOfRecord!(cis[1]!.sys_id!);
    expect(ofRecord.map((t) => t.key)).toEqual([ritm.number]);
  });
});

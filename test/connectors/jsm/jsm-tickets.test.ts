import { ASSETS, cleanJiraFleet, INSTANCE, jsmTestBed, type JsmTestBed } from './jsm-harness';

let bed: JsmTestBed;
beforeEach(async () => {
  bed = await jsmTestBed();
});
afterEach(async () => bed.close());

const WS = 'f1668d0c-0c7a-4b7e-9d3b-5b1d8a2c7e10';
const ref = (objectId: string) => ({ workspaceId: WS, id: `${WS}:${objectId}`, objectId });

interface Comment {
  body: { type: string; content: { type: string; content?: { text?: string }[] }[] };
}
const commentsOf = async (key: string) =>
  ((await bed.api('GET', `/rest/api/3/issue/${key}/comment`)) as { comments: Comment[] }).comments;

async function objectIdOfSerial(serial: string): Promise<string> {
  const page = (await bed.api('POST', `${ASSETS}/object/aql`, {
    qlQuery: `"Serial Number" = "${serial}"`,
  })) as { values: { id: string }[] };
  return page.values[0]!.id;
}

async function assetOfSerial(serial: string) {
  return (await bed.h.store.listAssets({ limit: 100, after: null })).assets.find(
    (a) => a.serial === serial.toUpperCase(),
  )!;
}

describe('JSM tickets', () => {
  test('a request naming a laptop in its Assets field is linked and gets its ADF comment once', async () => {
    const fleet = cleanJiraFleet(8);
    bed.sim.seedFromFleet(fleet);
    const connector = bed.connector();
    await bed.engine(connector).run({ full: true, dryRun: false });
    const laptop = fleet.find((d) => d.category === 'laptop')!;
    const objectId = await objectIdOfSerial(laptop.serial!);
    const created = (await bed.api('POST', '/rest/servicedeskapi/request', {
      serviceDeskId: '1',
      requestTypeId: '3',
      requestFieldValues: {
        summary: 'Screen flickers',
        description: 'Since this morning',
        customfield_10191: [ref(objectId)],
      },
    })) as { issueKey: string };
    const key = created.issueKey;

    const first = await bed.engine(connector).run({ full: false, dryRun: false });
    const tickets = first.connectors.find((c) => c.connector === INSTANCE)!.tickets;
    expect(tickets).toMatchObject({ linked: 1, notes: 1, failed: 0 });
    const asset = await assetOfSerial(laptop.serial!);
    expect(asset.category).toBe('laptop');
    expect(asset.tickets).toEqual([
      expect.objectContaining({ system: INSTANCE, key, kind: 'incident', open: true }),
    ]);
    const comments = await commentsOf(key);
    expect(comments).toHaveLength(1);
    const doc = comments[0]!.body;
    expect(doc.type).toBe('doc');
    expect(doc.content[0]).toMatchObject({ type: 'heading' });
    expect(JSON.stringify(doc)).toContain(laptop.serial!.toUpperCase());

    await bed.api('PUT', `/rest/api/3/issue/${key}`, { fields: { summary: 'Screen flickers!' } });
    await bed.engine(connector).run({ full: false, dryRun: false });
    await bed.engine(connector).run({ full: false, dryRun: false });
    expect(await commentsOf(key)).toHaveLength(1);
  });

  test('objectconnectedtickets backfills the links of an object', async () => {
    const fleet = cleanJiraFleet(3);
    bed.sim.seedFromFleet(fleet);
    const connector = bed.connector();
    const engine = bed.engine(connector);
    await engine.run({ full: true, dryRun: false });
    const objectId = await objectIdOfSerial(fleet[1]!.serial!);
    const made = (await bed.control('POST', '/issues', {
      fields: {
        project: { key: 'ITSM' },
        issuetype: { name: 'Change' },
        summary: 'Replace the battery',
        customfield_10191: [ref(objectId)],
      },
    })) as { key: string };
    const asset = await assetOfSerial(fleet[1]!.serial!);
    const summary = await engine.tickets!.backfill(INSTANCE, connector.tickets!, asset.id, 'r-1');
    expect(summary).toMatchObject({ read: 1, linked: 1 });
    expect((await assetOfSerial(fleet[1]!.serial!)).tickets).toEqual([
      expect.objectContaining({ key: made.key, kind: 'change' }),
    ]);
  });

  test('attachRecord adds the object to the Assets field once; autoLink is off by default', async () => {
    const fleet = cleanJiraFleet(3);
    bed.sim.seedFromFleet(fleet);
    const connector = bed.connector();
    expect(connector.tickets!.autoLink).toBe(false);
    const [a, b] = [
      await objectIdOfSerial(fleet[0]!.serial!),
      await objectIdOfSerial(fleet[1]!.serial!),
    ];
    const made = (await bed.control('POST', '/issues', {
      fields: {
        project: { key: 'ITSM' },
        issuetype: { name: 'Incident' },
        summary: 'Two devices',
        customfield_10191: [ref(a)],
      },
    })) as { key: string };
    await connector.tickets!.attachRecord!(made.key, b);
    await connector.tickets!.attachRecord!(made.key, b);
    const ticket = await connector.tickets!.readTicket(made.key);
    expect(ticket!.assetExternalIds).toEqual([a, b]);
    expect(await connector.tickets!.readTicket('ITSM-9999')).toBeNull();
  });

  test('with autoLink a ticket naming a known serial in its summary gets the Assets field', async () => {
    const fleet = cleanJiraFleet(3);
    bed.sim.seedFromFleet(fleet);
    const connector = bed.connector({ autoLink: true });
    await bed.engine(connector).run({ full: true, dryRun: false });
    const serial = fleet[2]!.serial!;
    const made = (await bed.control('POST', '/issues', {
      fields: {
        project: { key: 'ITSM' },
        issuetype: { name: 'Incident' },
        summary: `Laptop ${serial} does not boot`,
      },
    })) as { key: string };
    await bed.engine(connector).run({ full: false, dryRun: false });
    const ticket = await connector.tickets!.readTicket(made.key);
    expect(ticket!.assetExternalIds).toEqual([await objectIdOfSerial(serial)]);
    expect((await assetOfSerial(serial)).tickets.map((t) => t.key)).toEqual([made.key]);
  });

  test('changed tickets are searched from the watermark minute in the account time zone', async () => {
    bed.sim.state.admin.timeZone = 'Europe/Berlin';
    const connector = bed.connector({ ticketJql: 'project = ITSM' });
    await bed.clearLog();
    for await (const page of connector.tickets!.changedTickets!('2026-12-04T04:31:20.000Z')) {
      expect(page).toEqual([]);
    }
    const search = (await bed.requests()).find((r) => r.path === '/rest/api/3/search/jql')!;
    const jql = new URLSearchParams(search.query).get('jql');
    expect(jql).toBe(
      '(project = ITSM) AND updated >= "2026/12/04 05:31" ORDER BY updated ASC, key ASC',
    );
  });
});

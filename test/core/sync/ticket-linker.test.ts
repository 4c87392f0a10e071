import { randomUUID } from 'node:crypto';
import { parseMapping } from '../../../core/mapping/mapping-loader';
import { silentLogger } from '../../../core/logging/logger';
import type { KyselyStore } from '../../../core/store/kysely-store';
import type { AssetContext, ConnectorTickets, TicketRecord } from '../../../core/sync/connector';
import { SyncEngine, type EngineConnector } from '../../../core/sync/sync-engine';
import { SyncStateStore } from '../../../core/sync/sync-state-store';
import { ingestHarness, type Harness } from '../../support/ingest-harness';
import { FakeSystem } from './fake-system';

const CMDB_MAPPING = parseMapping(
  `version: 1
connector: fake
authority: 50
fields:
  - { core: serial, source: serial }
  - { core: name, source: name }
  - { core: assignment.userEmail, source: owner }
  - { core: assetTag, source: tag }
`,
  'cmdb.yaml',
);

/** Tickets of a fake service desk, with a log of what the core asked of it. */
class FakeDesk implements ConnectorTickets {
  autoLink = false;
  readonly tickets = new Map<string, TicketRecord>();
  readonly notes: { key: string; context: AssetContext }[] = [];
  readonly attached: string[] = [];
  private tick = 0;

  put(t: Partial<TicketRecord> & { key: string }): void {
    this.tick += 1;
    this.tickets.set(t.key, {
      kind: 'incident',
      state: 'New',
      open: true,
      title: `ticket ${t.key}`,
      assetExternalIds: [],
      ...this.tickets.get(t.key),
      ...t,
      updatedAt: new Date(Date.UTC(2026, 11, 1, 0, 0, this.tick)).toISOString(),
    });
  }

  notesOn(key: string): AssetContext[] {
    return this.notes.filter((n) => n.key === key).map((n) => n.context);
  }

  async readTicket(key: string): Promise<TicketRecord | null> {
    const t = this.tickets.get(key);
    return t ? structuredClone(t) : null;
  }

  async addContext(key: string, context: AssetContext): Promise<void> {
    this.notes.push({ key, context });
  }

  async *changedTickets(since: string | null): AsyncIterable<TicketRecord[]> {
    const all = [...this.tickets.values()]
      .filter((t) => since === null || t.updatedAt >= since)
      .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
    for (let i = 0; i < all.length; i += 2)
      yield all.slice(i, i + 2).map((t) => structuredClone(t));
  }

  async ticketsOfRecord(externalId: string): Promise<TicketRecord[]> {
    return [...this.tickets.values()].filter((t) => t.assetExternalIds.includes(externalId));
  }

  async attachRecord(key: string, externalId: string): Promise<void> {
    const t = this.tickets.get(key)!;
    if (t.assetExternalIds.includes(externalId)) return;
    this.attached.push(`${key} ${externalId}`);
    this.put({ key, assetExternalIds: [...t.assetExternalIds, externalId] });
  }
}

let h: Harness;
let cmdb: FakeSystem;
let mdm: FakeSystem;
let desk: FakeDesk;

beforeEach(async () => {
  h = await ingestHarness();
  cmdb = new FakeSystem('cmdb');
  desk = new FakeDesk();
  mdm = new FakeSystem('mdm');
  mdm.put({ id: 'm1', serial: 'ZZ99110001', name: 'phone-1' });
  cmdb.put({
    id: 'ci1',
    serial: 'C02AAA0001',
    name: 'mac-1',
    owner: 'ana@example.com',
    tag: 'AT-1001',
  });
  cmdb.put({
    id: 'ci2',
    serial: 'C02AAA0002',
    name: 'mac-2',
    owner: 'ben@example.com',
    tag: 'AT-1002',
  });
  cmdb.put({ id: 'ci3', serial: 'C02AAA0003', name: 'Ordinateur portable é', tag: 'AT-1003' });
});
afterEach(async () => h.close());

function engine(): SyncEngine {
  const connector = { ...cmdb.connector({ write: false, create: false }), tickets: desk };
  const connectors = new Map<string, EngineConnector>([
    ['cmdb', { connector, mapping: CMDB_MAPPING }],
    ['mdm', { connector: mdm.connector({ write: false, create: false }), mapping: CMDB_MAPPING }],
  ]);
  const store = h.store as KyselyStore;
  return new SyncEngine({
    store,
    state: new SyncStateStore(store.kysely, () => new Date()),
    ingestor: h.ingestor,
    connectors,
    logger: silentLogger(),
    clock: () => new Date('2026-12-02T08:00:00.000Z'),
    newRunId: randomUUID,
  });
}

async function assetOf(serial: string) {
  const [asset] = await h.store.findAssets(serial);
  return asset!;
}

describe('TicketLinker through the sync engine', () => {
  test('a dry run plans the links and unlinks a ticket read would make, and makes none', async () => {
    await engine().run({ full: true, dryRun: false });
    desk.put({ key: 'INC001', assetExternalIds: ['ci1'] });
    await engine().run({ full: false, dryRun: false });
    desk.put({ key: 'INC001', assetExternalIds: ['ci2'] });
    desk.put({ key: 'INC002', assetExternalIds: ['ci3'] });
    const notes = desk.notes.length;

    const dry = await engine().run({ full: false, dryRun: true });
    const planned = (r: typeof dry) =>
      r.connectors[0]!.plan.filter((p) => p.action === 'link' || p.action === 'unlink')
        .map((p) => `${p.action} ${p.ticketKey} ${p.assetId}`)
        .sort();
    const [a1, a2, a3] = await Promise.all(['1', '2', '3'].map((n) => assetOf(`C02AAA000${n}`)));
    expect(planned(dry)).toEqual(
      [`link INC001 ${a2.id}`, `link INC002 ${a3.id}`, `unlink INC001 ${a1.id}`].sort(),
    );
    expect(desk.notes.length).toBe(notes);
    expect((await assetOf('C02AAA0002')).tickets).toEqual([]);

    const real = await engine().run({ full: false, dryRun: false });
    expect(real.connectors[0]!.tickets).toMatchObject({ linked: 2, unlinked: 1 });
  });

  test('an incident naming a CI links the asset and gets its context note once', async () => {
    await engine().run({ full: true, dryRun: false });
    desk.put({ key: 'INC001', title: 'Screen flickers', assetExternalIds: ['ci1'] });

    const first = await engine().run({ full: false, dryRun: false });
    expect(first.connectors[0]!.tickets).toMatchObject({ read: 1, linked: 1, notes: 1, failed: 0 });
    const asset = await assetOf('C02AAA0001');
    expect(asset.tickets).toEqual([
      expect.objectContaining({ system: 'cmdb', key: 'INC001', kind: 'incident', open: true }),
    ]);
    const [note] = desk.notesOn('INC001');
    expect(note!.lines.join('\n')).toContain('Owner: ana@example.com');
    expect(note!.assets[0]).toMatchObject({ assetTag: 'AT-1001', lifecycleStage: 'in_stock' });
    const history = await h.store.getHistory(asset.id);
    expect(history.map((e) => e.field)).toContain('ticket cmdb INC001');

    const second = await engine().run({ full: false, dryRun: false });
    expect(second.connectors[0]!.tickets).toMatchObject({ linked: 0, notes: 0 });
    expect(desk.notesOn('INC001')).toHaveLength(1);
  });

  test('a ticket that changes its CI moves the link and posts the new context', async () => {
    await engine().run({ full: true, dryRun: false });
    desk.put({ key: 'INC001', assetExternalIds: ['ci1'] });
    await engine().run({ full: false, dryRun: false });
    desk.put({ key: 'INC001', assetExternalIds: ['ci2'] });
    const report = await engine().run({ full: false, dryRun: false });
    expect(report.connectors[0]!.tickets).toMatchObject({ linked: 1, unlinked: 1, notes: 1 });
    expect((await assetOf('C02AAA0001')).tickets).toEqual([]);
    expect((await assetOf('C02AAA0002')).tickets.map((t) => t.key)).toEqual(['INC001']);
    expect(desk.notesOn('INC001')[1]!.lines.join('\n')).toContain('ben@example.com');
  });

  test('the context lists the other open incidents on the same asset, not closed ones', async () => {
    await engine().run({ full: true, dryRun: false });
    desk.put({ key: 'INC001', title: 'Battery swells', assetExternalIds: ['ci1'] });
    desk.put({
      key: 'INC000',
      title: 'Old one',
      state: 'Closed',
      open: false,
      assetExternalIds: ['ci1'],
    });
    await engine().run({ full: false, dryRun: false });
    desk.put({ key: 'INC002', title: 'Keyboard', assetExternalIds: ['ci1'] });
    await engine().run({ full: false, dryRun: false });
    const note = desk.notesOn('INC002')[0]!;
    expect(note.assets[0]!.otherOpenIncidents.map((i) => i.key)).toEqual(['INC001']);
    expect(note.lines.join('\n')).toContain('INC001 "Battery swells" (cmdb)');
    expect(desk.notesOn('INC000')).toEqual([]);
  });

  test('a ticket event from a webhook links and notes; a deleted ticket unlinks', async () => {
    await engine().run({ full: true, dryRun: false });
    desk.put({ key: 'RITM001', kind: 'request', assetExternalIds: ['ci3'] });
    const report = await engine().applyWebhookEvents('cmdb', [
      { kind: 'ticket', ticketKey: 'RITM001' },
      { kind: 'ticket', ticketKey: 'RITM001' },
    ]);
    expect(report.connectors.find((c) => c.connector === 'cmdb')!.tickets).toMatchObject({
      read: 1,
      linked: 1,
      notes: 1,
    });
    expect(desk.notesOn('RITM001')[0]!.lines.join('\n')).toContain('Ordinateur portable é');
    desk.tickets.delete('RITM001');
    await engine().applyWebhookEvents('cmdb', [{ kind: 'ticket', ticketKey: 'RITM001' }]);
    expect((await assetOf('C02AAA0003')).tickets).toEqual([]);
  });

  test('linking by hand names the record on the ticket, and never twice', async () => {
    await engine().run({ full: true, dryRun: false });
    desk.put({ key: 'CHG001', kind: 'change' });
    const linker = engine().tickets!;
    const asset = await assetOf('AT-1002');
    const outcome = await linker.link('cmdb', desk, asset.id, 'CHG001', 'run-1');
    expect(outcome.linked).toEqual([asset.id]);
    expect(desk.tickets.get('CHG001')!.assetExternalIds).toEqual(['ci2']);
    await linker.link('cmdb', desk, asset.id, 'CHG001', 'run-2');
    expect(desk.attached).toEqual(['CHG001 ci2']);
    expect(desk.notesOn('CHG001')).toHaveLength(1);
  });

  test('a manual link to an asset the system does not hold survives a refresh', async () => {
    await engine().run({ full: true, dryRun: false });
    const linker = engine().tickets!;
    const onlyInMdm = await assetOf('ZZ99110001');
    desk.put({ key: 'INC010' });
    await linker.link('cmdb', desk, onlyInMdm.id, 'INC010', 'run-1');
    await linker.refresh('cmdb', desk, 'INC010', 'run-2');
    expect((await assetOf('ZZ99110001')).tickets.map((t) => t.key)).toEqual(['INC010']);
    expect(desk.tickets.get('INC010')!.assetExternalIds).toEqual([]);
    expect(desk.attached).toEqual([]);
  });

  test('auto-linking attaches an asset named by serial or tag in the text, only when on', async () => {
    await engine().run({ full: true, dryRun: false });
    desk.put({ key: 'INC020', text: 'Laptop C02AAA0002 will not boot, tag AT-1001 is fine? 2026' });
    await engine().run({ full: false, dryRun: false });
    expect(desk.attached).toEqual([]);
    desk.autoLink = true;
    desk.put({ key: 'INC020' });
    await engine().run({ full: false, dryRun: false });
    expect(desk.attached.sort()).toEqual(['INC020 ci1', 'INC020 ci2']);
    expect((await assetOf('C02AAA0002')).tickets.map((t) => t.key)).toEqual(['INC020']);
  });

  test('a dry run reads no tickets', async () => {
    await engine().run({ full: true, dryRun: false });
    desk.put({ key: 'INC001', assetExternalIds: ['ci1'] });
    const report = await engine().run({ full: false, dryRun: true });
    expect(report.connectors[0]!.tickets.read).toBe(0);
    expect(desk.notes).toEqual([]);
  });
});

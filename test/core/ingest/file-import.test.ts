import fs from 'node:fs';
import path from 'node:path';
import { importFile } from '../../../core/ingest/file-import';
import { loadMapping } from '../../../core/mapping/mapping-loader';
import { silentLogger } from '../../../core/logging/logger';
import type { Store, StoreTx } from '../../../core/store/store';
import { AssetIngestor } from '../../../core/ingest/asset-ingestor';
import { makeSerialPolicy } from '../../../core/identity/normalize';
import { EQUAL_AUTHORITY } from '../../../core/reconcile/authority';
import { ingestHarness, type Harness } from '../../support/ingest-harness';

const mapping = loadMapping(path.join(__dirname, '../../../mappings/spreadsheet.yaml'));
const HEADER =
  'Asset Tag,Serial Number,Name,Category,Manufacturer,Status,Purchase Date,MAC Address';

let h: Harness;
beforeEach(async () => (h = await ingestHarness()));
afterEach(async () => h.close());

function write(name: string, content: string | Buffer): string {
  const file = path.join(h.dir, name);
  fs.writeFileSync(file, content);
  return file;
}

const run = (file: string, ingestor = h.ingestor) =>
  importFile(
    {
      file,
      displayName: path.basename(file),
      source: 'sheet',
      mapping,
      runId: 'r1',
      observedAt: '2026-12-01T00:00:00.000Z',
    },
    { ingestor, logger: silentLogger() },
  );

describe('importFile', () => {
  test('one asset per device; importing the same file again changes nothing', async () => {
    const file = write(
      'a.csv',
      [
        HEADER,
        'AB-1,C02XK1ABCD12,Mac 1,Laptop,Apple,In Use,2024-01-15,a4:83:e7:00:00:01',
        'AB-2,PF3W55ZV,ThinkPad,Laptop,Lenovo,In Stock,2023-06-01,',
        'AB-3, c02xk1abcd12 ,Mac 1 (dup row),Laptop,Apple Inc.,In Use,,',
      ].join('\n'),
    );
    const first = await run(file);
    expect(first.counts).toMatchObject({ created: 2, rejected: 0, conflict: 0 });
    expect(await h.store.countAssets()).toBe(2);
    const [asset] = await h.store.findAssets('C02XK1ABCD12');
    const historyBefore = (await h.store.getHistory(asset.id)).length;
    const second = await run(file);
    expect(second.counts).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect((await h.store.getHistory(asset.id)).length).toBe(historyBefore);
    const [again] = await h.store.findAssets('C02XK1ABCD12');
    expect(again.updatedAt).toBe(asset.updatedAt);
  });

  test('a malformed row, an invalid date and an unknown status are per-row errors with lines', async () => {
    const file = write(
      'b.csv',
      [
        HEADER,
        'AB-1,SERIAL0001,ok,Laptop,Apple,In Use,2024-01-15,',
        'AB-2,SERIAL0002,too,few',
        'AB-3,SERIAL0003,bad date,Laptop,Apple,In Use,2023-02-30,',
        'AB-4,SERIAL0004,bad status,Laptop,Apple,Borrowed,,',
        'AB-5,SERIAL0005,stray "quote,Laptop,Apple,In Use,,',
      ].join('\n'),
    );
    const report = await run(file);
    const bad = report.rows
      .filter((r) => r.status === 'rejected')
      .map((r) => `${r.ref} ${r.reasons[0]}`);
    expect(bad).toEqual([
      expect.stringMatching(/^b\.csv:3 malformed CSV row: 4 values for 8 columns/),
      expect.stringMatching(/^b\.csv:4 purchase\.date: .*2023-02-30/),
      expect.stringMatching(/^b\.csv:5 lifecycle\.stage: 'Borrowed' is not a valid/),
      expect.stringMatching(/^b\.csv:6 malformed CSV: Invalid Opening Quote/),
    ]);
    expect(report.counts.created).toBe(1);
    expect(await h.store.countAssets()).toBe(1);
  });

  test('an unknown column is reported and ignored', async () => {
    const file = write(
      'c.csv',
      `${HEADER},Favourite Colour\nAB-1,SERIAL0001,x,Laptop,Apple,In Use,,,teal\n`,
    );
    const report = await run(file);
    expect(report.unmappedColumns).toEqual(['Favourite Colour']);
    expect(report.counts.created).toBe(1);
  });

  test('a 10 MB field is rejected with its size; nothing is stored for that row', async () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const file = write('d.csv', `${HEADER}\nAB-1,SERIAL0001,${huge},Laptop,Apple,In Use,,\n`);
    const report = await run(file);
    expect(report.rows[0].status).toBe('rejected');
    expect(report.rows[0].reasons[0]).toMatch(
      /name: value has 10485760 characters; the limit is 65536/,
    );
    expect(await h.store.countAssets()).toBe(0);
  });

  test('invalid UTF-8 bytes reject their row, other rows import', async () => {
    const good = Buffer.from(`${HEADER}\nAB-1,SERIAL0001,ok,Laptop,Apple,In Use,,\n`);
    const bad = Buffer.concat([
      Buffer.from('AB-2,SERIAL0002,caf'),
      Buffer.from([0xe9]),
      Buffer.from(',Laptop,Apple,In Use,,\n'),
    ]);
    const report = await run(write('e.csv', Buffer.concat([good, bad])));
    expect(report.rows.map((r) => r.status)).toEqual(['created', 'rejected']);
    expect(report.rows[1].reasons[0]).toMatch(/line 3 has bytes that are not valid UTF-8/);
  });

  test('CJK, emoji and ’ round-trip exactly', async () => {
    const names = ['田中のThinkPad', 'Büro-Drucker 🖨️', 'Zoë’s MacBook'];
    const rows = names.map((n, i) => `AB-${i},SERIAL000${i},"${n}",Laptop,Apple,In Use,,`);
    await run(write('f.csv', [HEADER, ...rows].join('\n')));
    for (const [i, name] of names.entries()) {
      const [asset] = await h.store.findAssets(`AB-${i}`);
      expect(asset.name).toBe(name);
    }
  });

  test('JSON exports import the same way, with indexed refs', async () => {
    const records = [
      { 'Asset Tag': 'AB-1', 'Serial Number': 'SERIAL0001', Status: 'In Use' },
      'not an object',
    ];
    const report = await run(write('g.json', JSON.stringify(records)));
    expect(report.rows.map((r) => [r.ref, r.status])).toEqual([
      ['g.json[0]', 'created'],
      ['g.json[1]', 'rejected'],
    ]);
  });

  test('a failure in the middle of a merge leaves no partial asset behind', async () => {
    const failing = failingHistoryStore(h.store);
    const ingestor = new AssetIngestor({
      store: failing,
      authority: EQUAL_AUTHORITY,
      serialPolicy: makeSerialPolicy(),
      clock: () => new Date(),
      newId: () => 'fixed-id',
      logger: silentLogger(),
    });
    const file = write(
      'h.csv',
      `${HEADER}\nAB-1,SERIAL0001,x,Laptop,Apple,In Use,,a4:83:e7:00:00:01\n`,
    );
    await expect(run(file, ingestor)).rejects.toThrow('disk full');
    expect(await h.store.countAssets()).toBe(0);
    expect(await h.store.findAssets('SERIAL0001')).toEqual([]);
    expect(await h.store.getHistory('fixed-id')).toEqual([]);
  });

  test('semicolon and tab separated files, blank rows, and missing columns', async () => {
    const semi = [
      HEADER.replace(/,/g, ';'),
      'AB-1;SERIAL0001;x;Laptop;Apple;In Use;;',
      ';;;;;;;',
      '',
    ].join('\n');
    const a = await run(write('semi.csv', semi));
    expect(a.rows.map((r) => r.status)).toEqual(['created']);
    const tab = [HEADER.replace(/,/g, '\t'), 'AB-2\tSERIAL0002\ty\tLaptop\tApple\tIn Use\t\t'].join(
      '\n',
    );
    expect((await run(write('tab.tsv', tab))).counts.created).toBe(1);
    const renamed = await run(write('renamed.csv', 'Asset Tag,Serial No\nAB-3,SERIAL0003\n'));
    const missing = renamed.missingColumns.map((m) => m.column);
    expect(missing).toContain('Serial Number');
    expect(renamed.unmappedColumns).toEqual(['Serial No']);
  });

  test('a new asset has a history row for every first value, defaults included', async () => {
    await run(write('i.csv', `${HEADER}\nAB-1,SERIAL0001,x,Laptop,Apple,In Stock,,\n`));
    const [asset] = await h.store.findAssets('AB-1');
    const fields = (await h.store.getHistory(asset.id)).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['lifecycle.stage', 'category', 'assetTag']));
  });

  test('two rows with one asset tag and two serials are conflicts, not one mixed asset', async () => {
    const file = write(
      'j.csv',
      `${HEADER}\nAB-5001,SER5001A,a,Laptop,Apple,In Use,,\nAB-5001,SER5001B,b,Laptop,Apple,In Stock,,\n`,
    );
    const report = await run(file);
    expect(report.rows.map((r) => r.status)).toEqual(['conflict', 'conflict']);
    expect(await h.store.countAssets()).toBe(0);
    await run(file);
    expect((await h.store.listConflicts()).map((c) => c.occurrences)).toEqual([2]);
  });

  test('a shared MAC keeps two devices apart, and the report counts that conflict once', async () => {
    const file = write(
      'k.csv',
      [
        HEADER,
        'AB-1,C02XK1ABCD12,Mac 1,Laptop,Apple,In Use,,db:47:08:75:2b:0f',
        'AB-2,PF3W55ZV,ThinkPad,Laptop,Lenovo,In Use,,DB-47-08-75-2B-0F',
        'AB-3,DQCJU2K,Latitude,Laptop,Dell,In Use,,',
      ].join('\n'),
    );
    const report = await run(file);
    expect(report.counts).toMatchObject({ created: 3, conflict: 0, rejected: 0 });
    expect(await h.store.countAssets()).toBe(3);
    const [stored] = await h.store.listConflicts();
    expect(report.conflicts).toEqual([
      {
        id: stored!.id,
        kind: 'identifier_disagreement',
        summary: stored!.summary,
        refs: ['k.csv:2', 'k.csv:3'],
      },
    ]);
    expect(report.rows[2]!.conflicts).toEqual([]);
    expect((await run(file)).conflicts.map((c) => c.id)).toEqual([stored!.id]);
  });
});

/** A store whose transactions fail at the history write, after the asset was inserted. */
function failingHistoryStore(store: Store): Store {
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop !== 'transaction') return Reflect.get(target, prop, receiver);
      return <T>(fn: (tx: StoreTx) => Promise<T>) =>
        target.transaction((tx) => {
          const wrapped = new Proxy(tx, {
            get(t, p, r) {
              if (p === 'appendHistory') return async () => Promise.reject(new Error('disk full'));
              const value = Reflect.get(t, p, r);
              return typeof value === 'function' ? value.bind(t) : value;
            },
          });
          return fn(wrapped);
        });
    },
  });
}

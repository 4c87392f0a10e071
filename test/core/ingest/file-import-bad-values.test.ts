import fs from 'node:fs';
import path from 'node:path';
import { importFile } from '../../../core/ingest/file-import';
import { loadMapping } from '../../../core/mapping/mapping-loader';
import { silentLogger } from '../../../core/logging/logger';
import { ingestHarness, type Harness } from '../../support/ingest-harness';

const mapping = loadMapping(path.join(__dirname, '../../../mappings/spreadsheet.yaml'));
const HEADER = 'Asset Tag,Serial Number,Name,Status,RAM (GB),Cost,MAC Address,IMEI,Assigned To';

let h: Harness;
beforeEach(async () => (h = await ingestHarness()));
afterEach(async () => h.close());

function run(name: string, lines: string[]) {
  const file = path.join(h.dir, name);
  fs.writeFileSync(file, [HEADER, ...lines].join('\n'));
  return importFile(
    {
      file,
      displayName: name,
      source: 'sheet',
      mapping,
      runId: 'r1',
      observedAt: '2026-12-01T00:00:00.000Z',
    },
    { ingestor: h.ingestor, logger: silentLogger() },
  );
}

describe('importFile: values the asset cannot hold', () => {
  test('a negative size rejects its row with line and field; the other rows are stored', async () => {
    const report = await run('ram.csv', [
      'AB-1,SER0001A,a,In Use,16,,,,',
      'AB-2,SER0002A,b,In Use,-16,,,,',
      'AB-3,SER0003A,c,In Use,8,-1,,,',
      'AB-4,SER0004A,d,In Use,32,,,,',
    ]);
    expect(report.rows.map((r) => [r.ref, r.status])).toEqual([
      ['ram.csv:2', 'created'],
      ['ram.csv:3', 'rejected'],
      ['ram.csv:4', 'rejected'],
      ['ram.csv:5', 'created'],
    ]);
    expect(report.rows[1].reasons).toEqual([
      expect.stringMatching(/^hardware\.memoryGb: -16 is not allowed \(.*>=0\)$/),
    ]);
    expect(report.rows[2].reasons).toEqual([expect.stringMatching(/^purchase\.cost: -1 /)]);
    expect(await h.store.countAssets()).toBe(2);
    const [kept] = await h.store.findAssets('AB-4');
    expect(kept.hardware.memoryGb).toBe(32);
  });
});

describe('importFile: malformed identifiers and e-mail addresses', () => {
  test('each is left out with a warning naming column and value; the row is imported', async () => {
    const report = await run('ids.csv', [
      'AB-1,SER0001A,a,In Use,,,not a mac;a4:83:e7:00:00:01,abc,Not An Email',
    ]);
    const [row] = report.rows;
    expect(row.status).toBe('created');
    expect(row.reasons).toEqual([
      "column 'MAC Address' value 'NOT A MAC' left out: not a MAC address",
      "column 'IMEI' value 'abc' left out: not an IMEI (14 to 16 digits)",
      "column 'Assigned To' value 'not an email' left out: not an e-mail address",
    ]);
    const [asset] = await h.store.findAssets('AB-1');
    expect(asset.identifiers.macAddresses).toEqual(['A4:83:E7:00:00:01']);
    expect(asset.identifiers.imeis).toEqual([]);
    expect(asset.assignment.userEmail).toBeUndefined();
  });

  test('valid values and placeholder MACs pass without a warning', async () => {
    const report = await run('ok.csv', [
      'AB-1,SER0001A,a,In Use,,,00:00:00:00:00:00,35-209900-176148-1,Ravi.Patel@Example.com',
    ]);
    expect(report.rows[0].reasons).toEqual([]);
    const [asset] = await h.store.findAssets('AB-1');
    expect(asset.identifiers.imeis).toEqual(['352099001761481']);
    expect(asset.assignment.userEmail).toBe('ravi.patel@example.com');
  });

  test('a row whose only identifier was malformed is rejected, with the warning', async () => {
    const report = await run('only-mac.csv', [',,dock,In Use,,,not a mac,,']);
    expect(report.rows[0].status).toBe('rejected');
    expect(report.rows[0].reasons).toEqual([
      "column 'MAC Address' value 'NOT A MAC' left out: not a MAC address",
      expect.stringMatching(/^no usable identifier/),
    ]);
  });
});

describe('importFile: serials', () => {
  test('a zero-width space or other format character in a serial is not another device', async () => {
    const report = await run('zw.csv', [
      ',SER0003A,a,In Use,,,,,',
      ',SER\u200B0003A\u200B,b,In Use,,,,,',
      ',\uFEFFSER0003A\u2060 ,c,In Use,,,,,',
    ]);
    expect(report.counts.created).toBe(1);
    expect(await h.store.countAssets()).toBe(1);
    const [asset] = await h.store.findAssets('SER0003A');
    expect(asset.serial).toBe('SER0003A');
  });

  test('TBD and 0123456789ABCDEF are placeholders: such rows never merge', async () => {
    const report = await run('tbd.csv', [
      'AB-1,TBD,a,In Use,,,,,',
      'AB-2,TBD,b,In Use,,,,,',
      'AB-3,0123456789ABCDEF,c,In Use,,,,,',
      'AB-4,0123456789abcdef,d,In Use,,,,,',
      ',TBD,e,In Use,,,,,',
    ]);
    expect(report.rows.map((r) => r.status)).toEqual([
      'created',
      'created',
      'created',
      'created',
      'rejected',
    ]);
    expect(report.rows[4].reasons[0]).toMatch(/serial 'TBD' is a placeholder/);
    const [asset] = await h.store.findAssets('AB-1');
    expect(asset.serial).toBeUndefined();
  });
});

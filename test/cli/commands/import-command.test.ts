import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../support/run-cli';

const HEADER = 'Asset Tag,Serial Number,Name,Status,RAM (GB),MAC Address,IMEI,Assigned To';

let cwd: string;
beforeEach(() => (cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'assetbridge-import-'))));
afterEach(() => fs.rmSync(cwd, { recursive: true, force: true }));

async function importing(name: string, content: string, ...flags: string[]) {
  fs.writeFileSync(path.join(cwd, name), content);
  return cli(['import', name, '--source', 'spreadsheet', ...flags]);
}

const cli = (args: string[]) => runCli(cwd, args);

describe('assetbridge import', () => {
  test('a bad number rejects its row by line; the other rows are stored; exit 1', async () => {
    const rows = ['AB-1,SER0001A,a,In Use,16,,,', 'AB-2,SER0002A,b,In Use,-16,,,'];
    const r = await importing(
      'ram.csv',
      [HEADER, ...rows, 'AB-3,SER0003A,c,In Use,8,,,'].join('\n'),
    );
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/created {4}2/);
    expect(r.out).toMatch(/ram\.csv:3: rejected: hardware\.memoryGb: -16 is not allowed/);
    expect(r.err).toBe('');
  });

  test('malformed identifiers are warnings naming line, column and value; exit 0', async () => {
    const r = await importing(
      'ids.csv',
      `${HEADER}\nAB-1,SER0001A,a,In Use,16,not a mac,abc,Not An Email\n`,
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /Warnings:\n {2}ids\.csv:2: column 'MAC Address' value 'NOT A MAC' left out/,
    );
    expect(r.out).toMatch(/column 'IMEI' value 'abc' left out/);
    expect(r.out).toMatch(/column 'Assigned To' value 'not an email' left out/);
  });

  test('an unclosed quote refuses the file with exit 2, naming the line; nothing is stored', async () => {
    const rows = ['AB-1,SER0001A,a,In Use,,,,', 'AB-2,"SER0002A,b,In Use,,,,'];
    const more = [3, 4, 5, 6, 7, 8].map((n) => `AB-${n},SER000${n}A,x,In Use,,,,`);
    const r = await importing('q.csv', [HEADER, ...rows, ...more].join('\n'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/q\.csv:3: a quoted field starts on this line and is not closed/);
    expect((await cli(['show', 'AB-1'])).err).toMatch(
      /no asset has id, asset tag or serial 'AB-1'/,
    );
  });

  test('an empty file exits 2: no header row', async () => {
    const r = await importing('empty.csv', '');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no header row in empty\.csv/);
  });

  test.each([
    ['header.csv', `${HEADER}\n`],
    ['none.json', '[]'],
  ])('%s imports nothing and says so; exit 0', async (name, content) => {
    const r = await importing(name, content);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      new RegExp(`^No records in ${name.replace('.', '\\.')}: nothing imported`),
    );
    const json = await importing(name, content, '--json');
    expect(JSON.parse(json.out)).toMatchObject({ rows: [], counts: { created: 0, rejected: 0 } });
  });
});

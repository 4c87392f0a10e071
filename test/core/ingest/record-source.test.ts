import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isAssetbridgeError } from '../../../core/errors';
import { findQuoteProblem, readRecordFile } from '../../../core/ingest/record-source';

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assetbridge-source-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function read(name: string, content: string) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return readRecordFile(file, name);
}

function refusal(name: string, content: string): { code: string; message: string } {
  try {
    read(name, content);
  } catch (err) {
    if (isAssetbridgeError(err)) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error(`${name} was read`);
}

const ROWS = ['Asset Tag,Serial Number,Name', 'AB-1,SER1,a', 'AB-2,SER2,b'];

describe('readRecordFile: quotes', () => {
  test('an unclosed quote refuses the file, naming the line where the field starts', () => {
    const text = [...ROWS, 'AB-3,"SER3,c', ...[4, 5, 6, 7, 8, 9].map((n) => `AB-${n},SER${n},x`)];
    const r = refusal('q.csv', text.join('\n'));
    expect(r.code).toBe('IMPORT_FILE');
    expect(r.message).toMatch(/^q\.csv:4: a quoted field starts on this line and is not closed/);
    expect(r.message).toMatch(/nothing was imported/);
  });

  test('an unclosed quote that a later quote seems to close is found at its start too', () => {
    const text = [...ROWS, 'AB-3,"SER3,c', 'AB-4,SER4,d', 'AB-5,"SER5",e', 'AB-6,SER6,f'];
    const r = refusal('q2.csv', text.join('\r\n'));
    expect(r.message).toMatch(/^q2\.csv:4: the quoted field that starts on this line has text/);
    expect(r.message).toMatch(/closing quote \(line 6\)/);
  });

  test('quoted fields with delimiters, doubled quotes and line breaks read as before', () => {
    const { rows } = read('ok.csv', [...ROWS, 'AB-3,"SER3","a ""b"", c', 'd"'].join('\n'));
    expect(rows.map((r) => r.ref)).toEqual(['ok.csv:2', 'ok.csv:3', 'ok.csv:4']);
    expect(rows[2].record).toEqual({
      'Asset Tag': 'AB-3',
      'Serial Number': 'SER3',
      Name: 'a "b", c\nd',
    });
  });

  test('findQuoteProblem scans from a line and follows doubled quotes', () => {
    expect(findQuoteProblem('a,"b""c",d\ne,"f', ',')).toEqual({ kind: 'unclosed', line: 2 });
    expect(findQuoteProblem('a;"b"x;c', ';')).toEqual({
      kind: 'text-after-quote',
      line: 1,
      closedAt: 1,
    });
    expect(findQuoteProblem('a,"b\nc",d\n', ',', 1)).toBeNull();
  });
});

describe('readRecordFile: empty files', () => {
  test.each([
    ['0 bytes', ''],
    ['only a byte order mark', '\uFEFF'],
    ['only blank lines', '\n \r\n'],
  ])('a CSV file of %s has no header row', (_, content) => {
    expect(refusal('e.csv', content)).toEqual({
      code: 'IMPORT_FILE',
      message: expect.stringMatching(/^no header row in e\.csv/),
    });
  });

  test('a header-only CSV file and an empty JSON array have no records', () => {
    expect(read('h.csv', `${ROWS[0]}\n`)).toEqual({
      rows: [],
      columns: ['Asset Tag', 'Serial Number', 'Name'],
    });
    expect(read('e.json', '[]')).toEqual({ rows: [], columns: [] });
  });

  test('an empty JSON file is refused as empty', () => {
    expect(refusal('e.json', ' \n').message).toBe(
      'e.json: the file is empty (expected a JSON array of records)',
    );
  });
});

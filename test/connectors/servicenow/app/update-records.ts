import fs from 'node:fs';
import path from 'node:path';

/** One record of a built app: its table and its fields as text (CDATA unwrapped, entities decoded). */
export interface UpdateRecord {
  file: string;
  table: string;
  fields: Record<string, string>;
  /** Attributes of fields, e.g. sys_scope's display_value. */
  attributes: Record<string, Record<string, string>>;
}

const RECORD =
  /^<\?xml[^>]*>\s*<record_update(?: table="\w+")?>\s*<(\w+) action="[A-Z_]+">([\s\S]*)<\/\1>\s*<\/record_update>\s*$/;
const FIELD = /<([\w.]+)((?:\s+[\w:]+="[^"]*")*)\s*(?:\/>|>([\s\S]*?)<\/\1>)/g;
const ATTRIBUTE = /([\w:]+)="([^"]*)"/g;

function decode(text: string): string {
  const cdata = /^<!\[CDATA\[([\s\S]*)\]\]>$/.exec(text);
  if (cdata) return cdata[1];
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Parses one update-set XML file as the SDK writes it (one flat record per file). */
export function parseUpdateRecord(file: string, xml: string): UpdateRecord {
  const match = RECORD.exec(xml);
  if (!match) throw new Error(`${file}: not a single record_update`);
  const fields: Record<string, string> = {};
  const attributes: Record<string, Record<string, string>> = {};
  for (const field of match[2].matchAll(FIELD)) {
    const [, name, attrs, body] = field;
    fields[name] = decode(body ?? '');
    attributes[name] = Object.fromEntries(
      [...attrs.matchAll(ATTRIBUTE)].map(([, key, value]) => [key, decode(value)]),
    );
  }
  return { file, table: match[1], fields, attributes };
}

/** Every record under `dir` (recursively), in file-name order. */
export function readUpdateRecords(dir: string): UpdateRecord[] {
  const files = fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.xml'))
    .sort();
  return files.map((name) =>
    parseUpdateRecord(name, fs.readFileSync(path.join(dir, name), 'utf8')),
  );
}

import { readFileSync } from 'node:fs';
import { AssetbridgeError } from '../errors';
import { compileField } from './mapping-fields';
import {
  MAPPING_KEYS,
  MappingFieldFile,
  MappingFile,
  type Mapping,
  type MappingField,
} from './mapping-schema';
import { parseSourcePath } from './source-path';
import {
  parseYamlSource,
  throwIssues,
  zodToFileIssues,
  type FileIssue,
  type IssuePath,
  type YamlSource,
} from './yaml-document';

function fieldNamer(data: unknown) {
  const entries = (data as { fields?: unknown } | null)?.fields;
  return (path: IssuePath): string => {
    if (path[0] === 'fields' && typeof path[1] === 'number') {
      const core = Array.isArray(entries) ? (entries[path[1]] as { core?: unknown })?.core : null;
      return typeof core === 'string' && core !== '' ? core : `fields[${path[1]}]`;
    }
    return path.length === 0 ? '(root)' : String(path[0]);
  };
}

function collectFields(source: YamlSource, raw: unknown[], issues: FileIssue[]): MappingField[] {
  const fieldOf = fieldNamer(source.data);
  const fields: MappingField[] = [];
  const seenIn = new Map<string, number>();
  raw.forEach((entry, i) => {
    const base = ['fields', i];
    const parsed = MappingFieldFile.safeParse(entry);
    if (!parsed.success) {
      issues.push(...zodToFileIssues(parsed.error, source, fieldOf, MAPPING_KEYS, base));
      return;
    }
    const report = (path: (string | number)[], message: string) => {
      const at = [...base, ...path];
      issues.push({ file: source.file, line: source.lineOf(at), field: fieldOf(at), message });
    };
    const field = compileField(parsed.data, source.lineOf(base), report);
    if (parsed.data.direction !== 'out') {
      const first = seenIn.get(parsed.data.core);
      if (first !== undefined) {
        report(['core'], `is mapped inward twice (first on line ${first})`);
        return;
      }
      seenIn.set(parsed.data.core, source.lineOf(base));
    }
    if (field !== null) fields.push(field);
  });
  return fields;
}

function rootIssue(source: YamlSource, message: string): FileIssue {
  return { file: source.file, line: 1, field: '(root)', message };
}

/** Checks mapping text; throws MAPPING_INVALID listing every problem found. */
export function parseMapping(text: string, file: string): Mapping {
  const source = parseYamlSource(text, file);
  if (source.syntaxIssues.length > 0) {
    throwIssues('MAPPING_INVALID', `mapping ${file} is not valid YAML`, source.syntaxIssues);
  }
  const data = source.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    const issue = rootIssue(source, 'expected a mapping with version, connector and fields');
    throwIssues('MAPPING_INVALID', `mapping ${file} is invalid`, [issue]);
  }
  const issues: FileIssue[] = [];
  const parsed = MappingFile.safeParse(data);
  if (!parsed.success) {
    issues.push(...zodToFileIssues(parsed.error, source, fieldNamer(data), MAPPING_KEYS));
  }
  const rawFields = (data as { fields?: unknown }).fields;
  const fields = Array.isArray(rawFields) ? collectFields(source, rawFields, issues) : [];
  const externalId = parsed.success ? parsed.data.externalId : undefined;
  const idSegments = externalId === undefined ? null : parseSourcePath(externalId);
  if (typeof idSegments === 'string') {
    const at = ['externalId'];
    const message = `source path '${externalId}' ${idSegments}`;
    issues.push({ file, line: source.lineOf(at), field: 'externalId', message });
  }
  if (issues.length > 0 || !parsed.success || typeof idSegments === 'string') {
    throwIssues('MAPPING_INVALID', `mapping ${file} is invalid`, issues);
  }
  const m = parsed.data;
  return {
    file,
    connector: m.connector,
    object: m.object ?? null,
    externalId:
      idSegments === null || externalId === undefined
        ? null
        : { text: externalId, segments: idSegments },
    authority: m.authority ?? null,
    fields,
  };
}

/** Reads and checks a mapping file; `file` is kept as given in messages. */
export function loadMapping(file: string): Mapping {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const reason =
      (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : 'cannot be read';
    throw new AssetbridgeError('MAPPING_INVALID', `mapping file ${file} ${reason}`, {
      cause: err,
      details: { issues: [{ file, line: 1, field: '(file)', message: `file ${reason}` }] },
    });
  }
  return parseMapping(text, file);
}

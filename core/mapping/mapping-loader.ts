import { readFileSync } from 'node:fs';
import { AssetbridgeError } from '../errors';
import { compileField } from './mapping-fields';
import { didYouMean } from './did-you-mean';
import { documentKind } from './document-kind';
import { MappingFieldFile, MappingFile, type Mapping, type MappingField } from './mapping-schema';
import { plainZodMessages } from './plain-zod-messages';
import { salvage } from './salvage';
import { parseSourcePath } from './source-path';
import {
  parseYamlSource,
  throwIssues,
  zodToFileIssues,
  type FieldNamer,
  type FileIssue,
  type IssuePath,
  type YamlSource,
} from './yaml-document';

/** `fields.assetTag.transforms[1]`: field entries by their core field when they name one. */
function fieldNamer(data: unknown): FieldNamer {
  const entries = (data as { fields?: unknown } | null)?.fields;
  return (path: IssuePath): string => {
    let out = '';
    path.forEach((key, depth) => {
      if (depth === 1 && path[0] === 'fields' && typeof key === 'number') {
        const core = Array.isArray(entries) ? (entries[key] as { core?: unknown })?.core : null;
        out += typeof core === 'string' && core !== '' ? `.${core}` : `[${key}]`;
      } else if (typeof key === 'number') out += `[${key}]`;
      else out += out === '' ? key : `.${key}`;
    });
    return out === '' ? '(root)' : out;
  };
}

/** Keys the entry has whose values did not fit the schema (so their checks are skipped). */
function brokenKeys(entry: unknown, kept: object): Set<string> {
  if (entry === null || typeof entry !== 'object') return new Set();
  const given = Object.entries(entry)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k);
  return new Set(given.filter((k) => k in MappingFieldFile.shape && !(k in kept)));
}

function collectFields(source: YamlSource, raw: unknown[], issues: FileIssue[]): MappingField[] {
  const fieldOf = fieldNamer(source.data);
  const fields: MappingField[] = [];
  const seenIn = new Map<string, number>();
  raw.forEach((entry, i) => {
    const base = ['fields', i];
    const parsed = MappingFieldFile.safeParse(entry, { error: plainZodMessages });
    if (!parsed.success) {
      issues.push(...zodToFileIssues(parsed.error, source, fieldOf, MappingFieldFile, base));
    }
    const kept = parsed.success ? parsed.data : salvage(MappingFieldFile, entry);
    if (kept === undefined) return;
    const report = (path: (string | number)[], message: string) => {
      const at = [...base, ...path];
      issues.push({ file: source.file, line: source.lineOf(at), field: fieldOf(at), message });
    };
    const parts = { entry: kept, broken: brokenKeys(entry, kept) };
    const field = compileField(parts, source.lineOf(base), report);
    if (kept.core !== undefined && kept.direction !== 'out' && !parts.broken.has('direction')) {
      const first = seenIn.get(kept.core);
      if (first !== undefined) {
        report(['core'], `is mapped inward twice (first on line ${first})`);
        return;
      }
      seenIn.set(kept.core, source.lineOf(base));
    }
    if (field !== null) fields.push(field);
  });
  return fields;
}

function rootIssue(source: YamlSource, message: string): FileIssue {
  return { file: source.file, line: 1, field: '(root)', message };
}

function externalIdIssue(source: YamlSource, externalId: string | undefined): FileIssue | null {
  const segments = externalId === undefined ? null : parseSourcePath(externalId);
  if (typeof segments !== 'string') return null;
  const message = `source path '${externalId}' ${segments}`;
  return { file: source.file, line: source.lineOf(['externalId']), field: 'externalId', message };
}

export interface ParseMappingOptions {
  /**
   * Connector types a mapping may be for (`import` among them); when given, another `connector`
   * is a problem. A config checks this itself, against the connector that uses the mapping.
   */
  knownConnectors?: readonly string[];
}

function connectorIssue(
  source: YamlSource,
  connector: string | undefined,
  known: readonly string[] | undefined,
): FileIssue | null {
  if (connector === undefined || known === undefined || known.includes(connector)) return null;
  const message =
    `unknown connector type '${connector}'${didYouMean(connector, known)}; ` +
    `known types: ${known.join(', ')}`;
  return { file: source.file, line: source.lineOf(['connector']), field: 'connector', message };
}

/**
 * Checks mapping text; throws MAPPING_INVALID listing every problem found. Schema errors hide
 * nothing: the checks of every part that fits the schema still run.
 */
export function parseMapping(
  text: string,
  file: string,
  options: ParseMappingOptions = {},
): Mapping {
  const source = parseYamlSource(text, file);
  if (source.syntaxIssues.length > 0) {
    throwIssues('MAPPING_INVALID', `mapping ${file} is not valid YAML`, source.syntaxIssues);
  }
  const data = source.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    const issue = rootIssue(source, 'expected a mapping with version, connector and fields');
    throwIssues('MAPPING_INVALID', `mapping ${file} is invalid`, [issue]);
  }
  if (documentKind(data) === 'config') {
    const message = `${file} is a configuration file, not a mapping file; check it with \`assetbridge validate ${file}\``;
    throwIssues('MAPPING_INVALID', `mapping ${file} is invalid`, [rootIssue(source, message)]);
  }
  const issues: FileIssue[] = [];
  const parsed = MappingFile.safeParse(data, { error: plainZodMessages });
  if (!parsed.success) {
    issues.push(...zodToFileIssues(parsed.error, source, fieldNamer(data), MappingFile));
  }
  const rawFields = (data as { fields?: unknown }).fields;
  const fields = Array.isArray(rawFields) ? collectFields(source, rawFields, issues) : [];
  const top = salvage(MappingFile, data);
  for (const issue of [
    connectorIssue(source, top?.connector, options.knownConnectors),
    externalIdIssue(source, top?.externalId),
  ]) {
    if (issue !== null) issues.push(issue);
  }
  if (issues.length > 0 || !parsed.success) {
    throwIssues('MAPPING_INVALID', `mapping ${file} is invalid`, issues);
  }
  const m = parsed.data;
  const idSegments = m.externalId === undefined ? null : parseSourcePath(m.externalId);
  return {
    file,
    connector: m.connector,
    object: m.object ?? null,
    externalId:
      m.externalId === undefined || idSegments === null || typeof idSegments === 'string'
        ? null
        : { text: m.externalId, segments: idSegments },
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

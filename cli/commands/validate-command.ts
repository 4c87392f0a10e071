import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONNECTOR_TYPES, connectorModule } from '../../connectors/registry';
import { loadConfig, parseConfig } from '../../core/config/config-loader';
import { AssetbridgeError, isAssetbridgeError } from '../../core/errors';
import { documentKind } from '../../core/mapping/document-kind';
import { parseMapping } from '../../core/mapping/mapping-loader';
import { parseYamlSource, throwIssues, type FileIssue } from '../../core/mapping/yaml-document';
import type { CliIo } from '../cli-io';
import { EXIT } from '../cli-io';

interface ConfigSummary {
  kind: 'config';
  config: string;
  valid: true;
  connectors: string[];
  sources: string[];
  mappings: string[];
}

interface MappingSummary {
  kind: 'mapping';
  mapping: string;
  valid: true;
  connector: string;
  fields: string[];
}

type Summary = ConfigSummary | MappingSummary;

/** The file's text, or null when it cannot be read (the config loader then says why). */
function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** Checks one file as what it is: a mapping file by its shape, else a configuration file. */
function validateFile(io: CliIo, target: string): Summary {
  const file = path.resolve(io.cwd, target);
  const text = readText(file);
  const source = text === null ? null : parseYamlSource(text, file);
  if (source !== null && source.syntaxIssues.length > 0) {
    // Neither a configuration nor a mapping can be told apart in text YAML cannot read.
    throwIssues('CONFIG_INVALID', `${target} is not valid YAML`, source.syntaxIssues);
  }
  if (text !== null && documentKind(source!.data) === 'mapping') {
    const mapping = parseMapping(text, file, { knownConnectors: [...CONNECTOR_TYPES, 'import'] });
    const fields = mapping.fields.map((f) => f.core);
    return { kind: 'mapping', mapping: target, valid: true, connector: mapping.connector, fields };
  }
  const options = {
    env: io.env,
    knownConnectorTypes: CONNECTOR_TYPES,
    connectorOptions: (type: string) => connectorModule(type)?.optionsSchema,
  };
  const loaded = text === null ? loadConfig(file, options) : parseConfig(text, file, options);
  return {
    kind: 'config',
    config: target,
    valid: true,
    connectors: loaded.config.connectors.map((c) => c.name),
    sources: loaded.config.sources.map((s) => s.name),
    mappings: [...loaded.mappings.keys()],
  };
}

function describe(summary: Summary): string {
  if (summary.kind === 'mapping') {
    return (
      `${summary.mapping}: valid mapping for connector ${summary.connector} ` +
      `(${summary.fields.length} field(s))\n`
    );
  }
  return (
    `${summary.config}: valid (${summary.connectors.length} connector(s), ` +
    `${summary.sources.length} source(s), ${summary.mappings.length} mapping(s) checked)\n`
  );
}

const FILE_CODES = ['CONFIG_INVALID', 'MAPPING_INVALID'] as const;

/**
 * `assetbridge validate [files...]`: checks each file as what it is, a configuration file (and
 * every mapping it names) or a mapping file. Every problem of every file is reported; the valid
 * ones are listed first.
 */
export function validateCommand(io: CliIo, files: readonly string[], json: boolean): number {
  const targets = files.length > 0 ? files : [io.env.ASSETBRIDGE_CONFIG ?? 'assetbridge.yaml'];
  const valid: Summary[] = [];
  const failed: AssetbridgeError[] = [];
  for (const target of targets) {
    try {
      valid.push(validateFile(io, target));
    } catch (err) {
      if (!FILE_CODES.some((code) => isAssetbridgeError(err, code))) throw err;
      failed.push(err as AssetbridgeError);
    }
  }
  if (failed.length === 0 && json) {
    io.stdout(`${JSON.stringify(targets.length === 1 ? valid[0] : valid, null, 2)}\n`);
  } else if (!json) valid.forEach((s) => io.stdout(describe(s)));
  if (failed.length === 1 && targets.length === 1) throw failed[0];
  if (failed.length > 0) {
    const issues = failed.flatMap((err) => (err.details.issues as FileIssue[] | undefined) ?? []);
    const code = failed.every((e) => e.code === 'MAPPING_INVALID')
      ? 'MAPPING_INVALID'
      : 'CONFIG_INVALID';
    throwIssues(code, `${failed.length} of ${targets.length} files are invalid`, issues);
  }
  return EXIT.OK;
}

export function isUsageError(err: unknown): boolean {
  return (
    err instanceof AssetbridgeError &&
    ['USAGE', 'CONFIG_INVALID', 'MAPPING_INVALID'].includes(err.code)
  );
}

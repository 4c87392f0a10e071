import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AssetbridgeError, isAssetbridgeError } from '../errors';
import { didYouMean } from '../mapping/did-you-mean';
import { documentKind } from '../mapping/document-kind';
import { loadMapping } from '../mapping/mapping-loader';
import type { Mapping } from '../mapping/mapping-schema';
import { plainZodMessages } from '../mapping/plain-zod-messages';
import { salvage } from '../mapping/salvage';
import {
  parseYamlSource,
  throwIssues,
  zodToFileIssues,
  type FileIssue,
  type IssuePath,
  type YamlSource,
} from '../mapping/yaml-document';
import {
  checkAuthorityRules,
  checkConnectorTypes,
  checkSchedules,
  checkUniqueNames,
  type Report,
} from './config-checks';
import { AssetbridgeConfig, type ConfigParts } from './config-schema';
import { findLiteralSecrets, findMissingEnv } from './secrets';

export interface LoadedConfig {
  /** The config file, as given. */
  file: string;
  config: AssetbridgeConfig;
  /** Mapping reference as written in the config (`../mappings/jamf.yaml`) → checked mapping. */
  mappings: Map<string, Mapping>;
}

export interface LoadConfigOptions {
  env: NodeJS.ProcessEnv;
  knownConnectorTypes: readonly string[];
  /** The schema of a connector type's `options` block, checked before anything runs. */
  connectorOptions?: (type: string) => z.ZodType | undefined;
  /**
   * False for commands that only read the store (`runs`, `show`, `conflicts`, `inbox`): unset
   * connector secrets are then not an issue. Commands that talk to a connector resolve its
   * secrets with `resolveSecrets`, which still names every missing variable. True by default.
   */
  requireSecrets?: boolean;
}

/** `connectors[jamf-prod].auth.clientIdEnv`: list items by name when they have one. */
function configFieldNamer(data: unknown) {
  return (issuePath: IssuePath): string => {
    let node = data;
    let out = '';
    for (const key of issuePath) {
      if (typeof key === 'number') {
        const name = Array.isArray(node) ? (node[key] as { name?: unknown } | null)?.name : null;
        out += `[${typeof name === 'string' && name !== '' ? name : key}]`;
      } else out += out === '' ? key : `.${key}`;
      node =
        node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : null;
    }
    return out === '' ? '(root)' : out;
  };
}

/** The mapping file path for a reference, relative to the config file's folder. */
export function resolveFromConfig(configFile: string, ref: string): string {
  return path.isAbsolute(ref) ? ref : path.join(path.dirname(configFile), ref);
}

interface MappingUser {
  at: (string | number)[];
  ref: string;
  type: string;
}

/** Who uses which mapping, read from the raw data so it works even when the schema fails. */
function mappingUsers(data: unknown): MappingUser[] {
  const users: MappingUser[] = [];
  const raw = (data ?? {}) as { connectors?: unknown; sources?: unknown };
  for (const list of ['connectors', 'sources'] as const) {
    const items = raw[list];
    if (!Array.isArray(items)) continue;
    items.forEach((item: { mapping?: unknown; type?: unknown } | null, i) => {
      const type = list === 'sources' ? 'import' : item?.type;
      if (typeof item?.mapping === 'string' && typeof type === 'string') {
        users.push({ at: [list, i], ref: item.mapping, type });
      }
    });
  }
  return users;
}

function loadMappings(
  source: YamlSource,
  issues: FileIssue[],
  report: Report,
): Map<string, Mapping> {
  const mappings = new Map<string, Mapping>();
  const failed = new Set<string>();
  const users = mappingUsers(source.data);
  for (const user of users) {
    if (!mappings.has(user.ref) && !failed.has(user.ref)) {
      try {
        mappings.set(user.ref, loadMapping(resolveFromConfig(source.file, user.ref)));
      } catch (err) {
        if (!isAssetbridgeError(err, 'MAPPING_INVALID')) throw err;
        failed.add(user.ref);
        const inner = err.details.issues as FileIssue[];
        if (inner.length === 1 && inner[0].field === '(file)') {
          report(
            [...user.at, 'mapping'],
            `mapping file ${inner[0].file} ${inner[0].message.replace('file ', '')}`,
          );
        } else issues.push(...inner);
      }
    }
    const mapping = mappings.get(user.ref);
    if (mapping !== undefined && mapping.connector !== user.type) {
      report(
        [...user.at, 'mapping'],
        `mapping ${user.ref} is for connector '${mapping.connector}', not '${user.type}'`,
      );
    }
  }
  return mappings;
}

function secretIssues(source: YamlSource, fieldOf: (p: IssuePath) => string): FileIssue[] {
  return findLiteralSecrets(source.data).map((s) => ({
    file: source.file,
    line: source.lineOf(s.path),
    field: fieldOf(s.path),
    message: `a secret must not be written in the file; use '${s.key}Env' naming an environment variable`,
  }));
}

/** The semantic checks, on every part of the config that fits the schema. */
function checkParts(parts: ConfigParts, options: LoadConfigOptions, report: Report): void {
  checkConnectorTypes(parts, options.knownConnectorTypes, report);
  checkConnectorOptions(parts, options, report);
  checkUniqueNames(parts, report);
  checkSchedules(parts, report);
  checkAuthorityRules(parts, report);
  const missing = options.requireSecrets === false ? [] : findMissingEnv(parts, options.env);
  for (const m of missing) {
    report(m.path, `environment variable ${m.variable} is not set`);
  }
}

function notAConfig(source: YamlSource): FileIssue {
  const connector = (source.data as { connector?: unknown }).connector;
  const what = typeof connector === 'string' ? ` (connector: ${connector})` : '';
  const message =
    `${source.file} is a mapping file${what}, not a configuration file; ` +
    `check it with \`assetbridge validate ${source.file}\``;
  return { file: source.file, line: 1, field: '(root)', message };
}

/**
 * Checks config text and every mapping it names; throws CONFIG_INVALID listing all problems.
 * Schema errors hide nothing: the checks of every part that fits the schema still run.
 */
export function parseConfig(text: string, file: string, options: LoadConfigOptions): LoadedConfig {
  const source = parseYamlSource(text, file);
  if (source.syntaxIssues.length > 0) {
    throwIssues('CONFIG_INVALID', `config ${file} is not valid YAML`, source.syntaxIssues);
  }
  if (documentKind(source.data) === 'mapping') {
    throwIssues('CONFIG_INVALID', `config ${file} is invalid`, [notAConfig(source)]);
  }
  const fieldOf = configFieldNamer(source.data);
  const issues = secretIssues(source, fieldOf);
  const secretFields = new Set(issues.map((i) => `${i.line}:${i.field}`));
  const report: Report = (at, message) =>
    issues.push({ file, line: source.lineOf(at), field: fieldOf(at), message });
  const parsed = AssetbridgeConfig.safeParse(source.data, { error: plainZodMessages });
  const data = source.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    report([], 'expected a mapping with version, store and connectors or sources');
  } else {
    if (!parsed.success) {
      const found = zodToFileIssues(parsed.error, source, fieldOf, AssetbridgeConfig);
      issues.push(...found.filter((i) => !secretFields.has(`${i.line}:${i.field}`)));
    }
    const parts = parsed.success ? parsed.data : salvage(AssetbridgeConfig, data);
    if (parts !== undefined) checkParts(parts, options, report);
  }
  const mappings = loadMappings(source, issues, report);
  if (issues.length > 0 || !parsed.success) {
    throwIssues('CONFIG_INVALID', `config ${file} is invalid`, issues);
  }
  const config = parsed.data;
  return { file, config, mappings };
}

/** Reads and checks a config file and all its mappings (paths relative to the config's folder). */
export function loadConfig(file: string, options: LoadConfigOptions): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const reason =
      (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : 'cannot be read';
    throw new AssetbridgeError('CONFIG_INVALID', `config file ${file} ${reason}`, {
      cause: err,
      details: { issues: [{ file, line: 1, field: '(file)', message: `file ${reason}` }] },
    });
  }
  return parseConfig(text, file, options);
}

/** Connector or source name → the mapping key it uses in `LoadedConfig.mappings`. */
export function sourceMappingKeys(config: AssetbridgeConfig): Map<string, string> {
  return new Map([
    ...config.connectors.map((c): [string, string] => [c.name, c.mapping]),
    ...config.sources.map((s): [string, string] => [s.name, s.mapping]),
  ]);
}

/**
 * Checks each connector's `options` block against its type's schema (unknown keys with a
 * did-you-mean, missing ones named), and that the variables its `...Env` options name are set.
 */
function checkConnectorOptions(
  config: ConfigParts,
  options: LoadConfigOptions,
  report: Report,
): void {
  const schemaOf = options.connectorOptions;
  if (schemaOf === undefined) return;
  (config.connectors ?? []).forEach((c, i) => {
    if (c?.type === undefined) return;
    const schema = schemaOf(c.type);
    const result = schema?.safeParse(c.options ?? {}, { error: plainZodMessages });
    if (result === undefined) return;
    const base = ['connectors', i, 'options'];
    if (result.success) {
      if (options.requireSecrets === false) return;
      for (const { at, variable } of envOptions(c.options ?? {})) {
        if (!options.env[variable]) {
          report([...base, ...at], `environment variable ${variable} is not set`);
        }
      }
      return;
    }
    const known = schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
    for (const issue of result.error.issues) {
      const at = [...base, ...issue.path.map((k) => (typeof k === 'symbol' ? String(k) : k))];
      if (issue.code === 'unrecognized_keys') {
        const candidates = issue.path.length === 0 ? known : [];
        for (const key of issue.keys) {
          report([...at, key], `unknown ${c.type} option '${key}'${didYouMean(key, candidates)}`);
        }
      } else if (issue.code === 'invalid_type' && issue.input === undefined) {
        report(at, `${c.type} option is required (expected ${issue.expected})`);
      } else report(at, `${c.type} option: ${issue.message}`);
    }
  });
}

/** Options whose key ends in `Env` (at any depth): the variables they name. */
function envOptions(value: unknown, at: string[] = []): { at: string[]; variable: string }[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([key, v]) =>
    typeof v === 'string' && key.endsWith('Env')
      ? [{ at: [...at, key], variable: v }]
      : envOptions(v, [...at, key]),
  );
}

import { z } from 'zod';
import { didYouMean } from './did-you-mean';
import { plainZodMessages } from './plain-zod-messages';
import { parseSourcePath, type PathSegment } from './source-path';

/** A source path as written and as parsed. */
export interface SourceRef {
  text: string;
  segments: PathSegment[];
}

/** A compiled transform step. See config/README.md for what each one does. */
export type Transform =
  | { kind: 'trim' | 'upper' | 'lower' | 'instant' | 'number' | 'bytesToGb' | 'mbToGb' }
  | { kind: 'date'; format: string | null }
  | { kind: 'divide' | 'multiply'; by: number }
  | { kind: 'regex'; pattern: string; re: RegExp; group: number | string }
  | {
      kind: 'map';
      values: ReadonlyMap<string, string | null>;
      fallback: { value: string | null } | null;
      caseInsensitive: boolean;
    }
  | { kind: 'concat'; sources: SourceRef[]; separator: string }
  | { kind: 'firstNonEmpty'; sources: SourceRef[] }
  | { kind: 'split' | 'join'; separator: string }
  | { kind: 'default'; value: string | number };

export type TransformKind = Transform['kind'];

const NO_PARAMS = ['trim', 'upper', 'lower', 'instant', 'number', 'bytesToGb', 'mbToGb'] as const;
/** Transforms that may be written as a bare name, with their default parameters. */
const BARE_DEFAULTS: Record<string, Transform> = {
  date: { kind: 'date', format: null },
  split: { kind: 'split', separator: ',' },
  join: { kind: 'join', separator: ', ' },
};

export const TRANSFORM_NAMES: readonly TransformKind[] = [
  ...NO_PARAMS,
  'date',
  'divide',
  'multiply',
  'regex',
  'map',
  'concat',
  'firstNonEmpty',
  'split',
  'join',
  'default',
];

/** Transforms that bring their own value, so a field using one needs no `source`. */
export const VALUE_PROVIDERS: ReadonlySet<TransformKind> = new Set([
  'concat',
  'firstNonEmpty',
  'default',
]);

/** A problem with one transform; `path` is relative to the transform entry. */
export interface TransformProblem {
  path: (string | number)[];
  message: string;
}

type Compiled = { transform: Transform } | { problem: TransformProblem };

const fail = (message: string, path: (string | number)[] = []): Compiled => ({
  problem: { path, message },
});

function sourceRefs(paths: readonly string[], name: string): SourceRef[] | Compiled {
  const refs: SourceRef[] = [];
  for (const [i, text] of paths.entries()) {
    const segments = parseSourcePath(text);
    if (typeof segments === 'string') return fail(`${name} source '${text}' ${segments}`, [i]);
    refs.push({ text, segments });
  }
  return refs;
}

/** `{ regex: { pattern, group, flags } }`; `{ regex: 'pattern' }` is short for `{ pattern }`. */
const RegexParams = z.strictObject({
  /** JavaScript regular expression, checked when the file is loaded. */
  pattern: z.string().min(1),
  /** Group to extract, by number or name; default 1 when the pattern has groups, else 0. */
  group: z.union([z.number().int().nonnegative(), z.string().min(1)]).optional(),
  /** Regular expression flags: i, m, s, u. */
  flags: z
    .string()
    .regex(/^[imsu]*$/, 'flags may only use i, m, s and u')
    .optional(),
});

function compileRegex(params: unknown): Compiled {
  const given = typeof params === 'string' ? { pattern: params } : params;
  const parsed = RegexParams.safeParse(given, { error: plainZodMessages });
  if (!parsed.success) return zodProblem(parsed.error);
  const { pattern, flags = '' } = parsed.data;
  let re: RegExp;
  try {
    re = new RegExp(pattern, flags);
  } catch (err) {
    return fail(`regex pattern '${pattern}' does not compile: ${(err as Error).message}`);
  }
  // An empty alternative always matches, which reveals how many groups the pattern has.
  const probe = new RegExp(`${pattern}|`, flags).exec('')!;
  const count = probe.length - 1;
  const group = parsed.data.group ?? (count > 0 ? 1 : 0);
  if (typeof group === 'string' && !Object.keys(probe.groups ?? {}).includes(group)) {
    return fail(`regex has no group named '${group}'`, ['group']);
  }
  if (typeof group === 'number' && group > count) {
    return fail(`regex group ${group} does not exist (the pattern has ${count} groups)`, ['group']);
  }
  return { transform: { kind: 'regex', pattern, re, group } };
}

/** `{ map: { values, default, caseInsensitive } }`. */
const MapParams = z.strictObject({
  /** Vendor value → core value; a null core value means "no value". */
  values: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  /** Result for a value not in `values`; without it such values pass through unchanged. */
  default: z.union([z.string(), z.number(), z.null()]).optional(),
  /** Compare keys ignoring case and surrounding spaces. */
  caseInsensitive: z.boolean().optional(),
});

function compileMap(params: unknown): Compiled {
  const parsed = MapParams.safeParse(params, { error: plainZodMessages });
  if (!parsed.success) return zodProblem(parsed.error);
  const caseInsensitive = parsed.data.caseInsensitive ?? false;
  const values = new Map<string, string | null>();
  for (const [key, value] of Object.entries(parsed.data.values)) {
    const k = caseInsensitive ? key.trim().toLowerCase() : key;
    if (values.has(k)) return fail(`map key '${key}' is listed twice (ignoring case)`, ['values']);
    values.set(k, value === null ? null : String(value));
  }
  const d = parsed.data.default;
  const fallback = d === undefined ? null : { value: d === null ? null : String(d) };
  return { transform: { kind: 'map', values, fallback, caseInsensitive } };
}

/** `{ concat: { sources, separator } }`; `{ concat: [a, b] }` is short for `{ sources }`. */
const ConcatParams = z.strictObject({
  /** Source paths whose non-blank values are joined. */
  sources: z.array(z.string()).min(1),
  /** Text between the parts; one space when absent. */
  separator: z.string().optional(),
});

function compileConcat(params: unknown): Compiled {
  const given = Array.isArray(params) ? { sources: params } : params;
  const parsed = ConcatParams.safeParse(given, { error: plainZodMessages });
  if (!parsed.success) return zodProblem(parsed.error);
  const sources = sourceRefs(parsed.data.sources, 'concat');
  if (!Array.isArray(sources)) return sources;
  return { transform: { kind: 'concat', sources, separator: parsed.data.separator ?? ' ' } };
}

function compileFirstNonEmpty(params: unknown): Compiled {
  const parsed = z.array(z.string()).min(1).safeParse(params);
  if (!parsed.success) return fail('firstNonEmpty needs a list of source paths');
  const sources = sourceRefs(parsed.data, 'firstNonEmpty');
  return Array.isArray(sources) ? { transform: { kind: 'firstNonEmpty', sources } } : sources;
}

function compileDate(params: unknown): Compiled {
  const format =
    typeof params === 'object' && params !== null
      ? (params as { format?: unknown }).format
      : params;
  if (
    typeof format !== 'string' ||
    !/YYYY/.test(format) ||
    !/MM?/.test(format) ||
    !/DD?/.test(format)
  ) {
    return fail("date format must be a string with YYYY, MM and DD, for example 'DD/MM/YYYY'");
  }
  return { transform: { kind: 'date', format } };
}

/** The first problem zod found in a transform's parameters, at its path inside them. */
function zodProblem(error: z.ZodError): Compiled {
  const issue = error.issues[0];
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    return fail(`unknown key '${issue.keys[0]}'`, [...path, issue.keys[0]]);
  }
  return fail(issue.message, path);
}

function compileWithParams(name: string, params: unknown): Compiled {
  switch (name) {
    case 'date':
      return compileDate(params);
    case 'divide':
    case 'multiply':
      if (typeof params !== 'number' || !Number.isFinite(params) || params <= 0) {
        return fail(`${name} needs a positive number, got ${JSON.stringify(params)}`);
      }
      return { transform: { kind: name, by: params } };
    case 'regex':
      return compileRegex(params);
    case 'map':
      return compileMap(params);
    case 'concat':
      return compileConcat(params);
    case 'firstNonEmpty':
      return compileFirstNonEmpty(params);
    case 'split':
    case 'join':
      if (typeof params !== 'string' || params === '')
        return fail(`${name} needs a separator string`);
      return { transform: { kind: name, separator: params } };
    case 'default':
      if (typeof params !== 'string' && typeof params !== 'number') {
        return fail('default needs a string or number value');
      }
      return { transform: { kind: 'default', value: params } };
    default:
      return fail(`transform '${name}' takes no parameters; write it as a plain name`);
  }
}

function unknownName(name: string): Compiled {
  return fail(`unknown transform '${name}'${didYouMean(name, TRANSFORM_NAMES)}`);
}

/** Compiles one entry of a `transforms` list: a name, or a one-key object `{ name: params }`. */
export function compileTransform(raw: unknown): Compiled {
  if (typeof raw === 'string') {
    if ((NO_PARAMS as readonly string[]).includes(raw)) {
      return { transform: { kind: raw as (typeof NO_PARAMS)[number] } };
    }
    if (raw in BARE_DEFAULTS) return { transform: BARE_DEFAULTS[raw] };
    if (TRANSFORM_NAMES.includes(raw as TransformKind)) {
      return fail(`transform '${raw}' needs parameters: write { ${raw}: ... }`);
    }
    return unknownName(raw);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return fail('a transform is a name or a one-key mapping such as { divide: 1024 }');
  }
  const keys = Object.keys(raw);
  if (keys.length !== 1) {
    return fail(`a transform mapping has exactly one key, got ${keys.length} (${keys.join(', ')})`);
  }
  const name = keys[0];
  if (!TRANSFORM_NAMES.includes(name as TransformKind)) return unknownName(name);
  const compiled = compileWithParams(name, (raw as Record<string, unknown>)[name]);
  if ('problem' in compiled) compiled.problem.path = [name, ...compiled.problem.path];
  return compiled;
}

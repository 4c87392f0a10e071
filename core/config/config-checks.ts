import { validate as validateCron } from 'node-cron';
import { CORE_FIELDS, CORE_FIELD_PATHS } from '../model/core-fields';
import { didYouMean } from '../mapping/did-you-mean';
import type { ConfigParts } from './config-schema';

/** A problem at a config path. */
export type Report = (path: (string | number)[], message: string) => void;

/*
 * Each check takes the parts of the config that fit the schema (all of it when it is valid), so
 * that a schema error elsewhere hides no problem; a part that did not fit is skipped.
 */

export function checkConnectorTypes(
  config: ConfigParts,
  known: readonly string[],
  report: Report,
): void {
  (config.connectors ?? []).forEach((c, i) => {
    if (c?.type === undefined || known.includes(c.type)) return;
    const list = known.length === 0 ? 'none' : known.join(', ');
    report(
      ['connectors', i, 'type'],
      `unknown connector type '${c.type}'${didYouMean(c.type, known)}; known types: ${list}`,
    );
  });
}

export function checkUniqueNames(config: ConfigParts, report: Report): void {
  const seen = new Map<string, string>();
  const visit = (list: 'connectors' | 'sources', name: string | undefined, i: number) => {
    if (name === undefined) return;
    const earlier = seen.get(name);
    if (earlier !== undefined)
      report([list, i, 'name'], `name '${name}' is already used by ${earlier}`);
    else seen.set(name, `${list}[${i}]`);
  };
  (config.connectors ?? []).forEach((c, i) => visit('connectors', c?.name, i));
  (config.sources ?? []).forEach((s, i) => visit('sources', s?.name, i));
}

function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function checkSchedules(config: ConfigParts, report: Report): void {
  (config.connectors ?? []).forEach((c, i) => {
    const schedule = c?.schedule;
    if (schedule === undefined) return;
    for (const key of ['incremental', 'full'] as const) {
      const expr = schedule[key];
      if (expr === undefined) continue;
      const problem = validateCron(expr) ? cronStepProblem(expr) : cronShapeProblem(expr);
      if (!validateCron(expr) || problem !== null) {
        report(
          ['connectors', i, 'schedule', key],
          `'${expr}' is not a valid cron expression (${problem ?? 'see the cron syntax'})`,
        );
      }
    }
    if (schedule.timezone !== undefined && !validTimeZone(schedule.timezone)) {
      report(
        ['connectors', i, 'schedule', 'timezone'],
        `unknown time zone '${schedule.timezone}' (expected an IANA name such as Europe/Berlin)`,
      );
    }
  });
}

/** Field names and largest values of a 6-field cron expression (seconds first). */
const CRON_FIELDS = [
  ['second', 59],
  ['minute', 59],
  ['hour', 23],
  ['day of month', 31],
  ['month', 12],
  ['day of week', 7],
] as const;

const CRON_MIN: Record<string, number> = { 'day of month': 1, month: 1 };

/** Why node-cron refused `expr`: the number of fields, or a number outside its field's range. */
function cronShapeProblem(expr: string): string {
  const parts = expr.trim().split(/\s+/);
  if (parts.length !== 5 && parts.length !== 6) {
    return "expected 5 or 6 fields, for example '*/15 * * * *'";
  }
  const fields = parts.length === 5 ? CRON_FIELDS.slice(1) : CRON_FIELDS;
  for (const [index, part] of parts.entries()) {
    const [name, max] = fields[index]!;
    const min = CRON_MIN[name] ?? 0;
    for (const n of part.replace(/\/\d+/g, '').match(/\d+/g) ?? []) {
      if (Number(n) > max || Number(n) < min) {
        return `${n} in the ${name} field, which goes from ${min} to ${max}`;
      }
    }
  }
  return "a field is not a number, range, list or step, for example '*/15 * * * *'";
}

/** A step longer than its field's range (`*\/61` minutes): node-cron accepts it, cron means nothing. */
function cronStepProblem(expr: string): string | null {
  const parts = expr.trim().split(/\s+/);
  const fields = parts.length === 5 ? CRON_FIELDS.slice(1) : CRON_FIELDS;
  for (const [index, part] of parts.entries()) {
    const [name, max] = fields[index] ?? [];
    for (const step of part.matchAll(/\/(\d+)/g)) {
      if (name !== undefined && Number(step[1]) > (max as number)) {
        return `a step of ${step[1]} in the ${name} field, which goes up to ${max}`;
      }
    }
  }
  return null;
}

const GROUPS = [...new Set(CORE_FIELDS.map((f) => f.group))];
const PREFIXES = [
  ...new Set(CORE_FIELD_PATHS.filter((p) => p.includes('.')).map((p) => `${p.split('.')[0]}.*`)),
];

/** Why a field pattern matches nothing, or null when it is fine. */
export function fieldPatternProblem(pattern: string): string | null {
  if (pattern === '*' || CORE_FIELD_PATHS.includes(pattern) || PREFIXES.includes(pattern))
    return null;
  if (pattern.startsWith('@')) {
    const group = pattern.slice(1);
    if ((GROUPS as string[]).includes(group)) return null;
    return `unknown field group '${pattern}'${didYouMean(group, GROUPS)}`;
  }
  const all = [...CORE_FIELD_PATHS, ...PREFIXES];
  return `field pattern '${pattern}' matches no core field${didYouMean(pattern, all)}`;
}

/** Every connector and source name, or null when some are not known (they did not fit). */
function allNames(config: ConfigParts): string[] | null {
  const items = [...(config.connectors ?? [undefined]), ...(config.sources ?? [undefined])];
  const names = items.map((item) => item?.name);
  return names.every((n) => n !== undefined) ? (names as string[]) : null;
}

export function checkAuthorityRules(config: ConfigParts, report: Report): void {
  const names = allNames(config);
  (config.authority?.rules ?? []).forEach((rule, i) => {
    if (rule === undefined) return;
    const source = rule.source;
    if (names !== null && source !== undefined && source !== '*' && !names.includes(source)) {
      const known = names.length === 0 ? 'none defined' : names.join(', ');
      report(
        ['authority', 'rules', i, 'source'],
        `unknown source '${source}'${didYouMean(source, names)}; connectors and sources: ${known}`,
      );
    }
    (rule.fields ?? []).forEach((pattern, j) => {
      if (pattern === undefined) return;
      const problem = fieldPatternProblem(pattern);
      if (problem !== null) report(['authority', 'rules', i, 'fields', j], problem);
    });
  });
}

import { CORE_FIELD_PATHS, coreField, type CoreFieldDef } from '../model/core-fields';
import { didYouMean } from './did-you-mean';
import type { MappingField, MappingFieldFile } from './mapping-schema';
import type { Salvaged } from './salvage';
import { parseSourcePath } from './source-path';
import { compileTransform, VALUE_PROVIDERS, type Transform } from './transform-schema';
import { invertTransforms } from './transforms';

/** A problem at a path inside one field entry (relative to the entry). */
export interface FieldProblem {
  path: (string | number)[];
  message: string;
}

type Report = (path: (string | number)[], message: string) => void;

/** A transform list compiled; `complete` is false when some entry had a problem (reported). */
interface CompiledList {
  transforms: Transform[];
  complete: boolean;
}

function compileList(raw: readonly unknown[], key: string, report: Report): CompiledList {
  const transforms: Transform[] = [];
  raw.forEach((entry, j) => {
    const compiled = compileTransform(entry);
    if ('problem' in compiled) report([key, j, ...compiled.problem.path], compiled.problem.message);
    else transforms.push(compiled.transform);
  });
  return { transforms, complete: transforms.length === raw.length };
}

function checkEnumMap(def: CoreFieldDef, transforms: Transform[], report: Report): void {
  const last = transforms[transforms.length - 1];
  if (def.values === undefined || last?.kind !== 'map') return;
  const allowed = def.values;
  const targets = [...last.values.values()];
  if (last.fallback !== null) targets.push(last.fallback.value);
  for (const target of targets) {
    if (target !== null && !allowed.includes(target)) {
      const hint = didYouMean(target, allowed);
      const where = ['transforms', transforms.length - 1, 'map'];
      report(
        where,
        `map value '${target}' is not a valid ${def.path}${hint}; expected one of ${allowed.join(', ')}`,
      );
    }
  }
}

/** A field entry as far as it fits the schema; `broken` names the keys that did not. */
export interface FieldParts {
  entry: Salvaged<MappingFieldFile>;
  broken: ReadonlySet<string>;
}

function outTransformsFor(
  { entry, broken }: FieldParts,
  inward: CompiledList,
  report: Report,
): Transform[] | null {
  const direction = entry.direction;
  if (direction === 'in' || direction === undefined) return null;
  if (entry.outTransforms !== undefined) {
    const out = compileList(entry.outTransforms, 'outTransforms', report).transforms;
    out.forEach((t, j) => {
      if (VALUE_PROVIDERS.has(t.kind)) {
        report(
          ['outTransforms', j],
          `transform '${t.kind}' reads the vendor record and cannot be used in outTransforms`,
        );
      }
    });
    return out;
  }
  if (broken.has('outTransforms') || !inward.complete) return [];
  const inverse = invertTransforms(inward.transforms);
  if (typeof inverse === 'string') {
    report(['direction'], `${inverse}; give outTransforms for direction '${direction}'`);
    return [];
  }
  return inverse;
}

/** The checks between keys, each made only when the keys it needs are all known. */
function checkSourceNeeds({ entry, broken }: FieldParts, inward: CompiledList, report: Report) {
  if (entry.source !== undefined || broken.has('source')) return;
  const provides = inward.transforms.some((t) => VALUE_PROVIDERS.has(t.kind));
  if (!provides && inward.complete && !broken.has('transforms')) {
    report(
      [],
      'needs a source, or a transform that brings a value (concat, firstNonEmpty, default)',
    );
  }
  if (entry.direction !== undefined && entry.direction !== 'in') {
    report(
      ['direction'],
      `direction '${entry.direction}' needs a source: the path the value is written to`,
    );
  }
}

/**
 * Checks one field entry, also when some of its keys did not fit the schema (those are in
 * `broken`, already reported): every check whose keys are known still runs. Returns the field
 * compiled, or null when it has problems (all reported).
 */
export function compileField(parts: FieldParts, line: number, report: Report): MappingField | null {
  const { entry, broken } = parts;
  let ok = broken.size === 0;
  const fail: Report = (path, message) => {
    ok = false;
    report(path, message);
  };
  const core = entry.core;
  const def = core === undefined ? undefined : coreField(core);
  if (core !== undefined && def === undefined)
    fail(['core'], `unknown core field '${core}'${didYouMean(core, CORE_FIELD_PATHS)}`);
  const segments = entry.source === undefined ? null : parseSourcePath(entry.source);
  if (typeof segments === 'string') fail(['source'], `source path '${entry.source}' ${segments}`);
  const inward = compileList(entry.transforms ?? [], 'transforms', fail);
  checkSourceNeeds(parts, inward, fail);
  if (def !== undefined && inward.complete) checkEnumMap(def, inward.transforms, fail);
  const outTransforms = outTransformsFor(parts, inward, fail);
  if (!ok || core === undefined || def === undefined || typeof segments === 'string') return null;
  return {
    core,
    def,
    source:
      segments === null || entry.source === undefined ? null : { text: entry.source, segments },
    direction: entry.direction ?? 'in',
    transforms: inward.transforms,
    outTransforms,
    authority: entry.authority ?? null,
    line,
  };
}

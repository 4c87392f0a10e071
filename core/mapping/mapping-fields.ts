import { CORE_FIELD_PATHS, coreField, type CoreFieldDef } from '../model/core-fields';
import { didYouMean } from './did-you-mean';
import type { MappingField, MappingFieldFile } from './mapping-schema';
import { parseSourcePath } from './source-path';
import { compileTransform, VALUE_PROVIDERS, type Transform } from './transform-schema';
import { invertTransforms } from './transforms';

/** A problem at a path inside one field entry (relative to the entry). */
export interface FieldProblem {
  path: (string | number)[];
  message: string;
}

type Report = (path: (string | number)[], message: string) => void;

function compileList(raw: readonly unknown[], key: string, report: Report): Transform[] {
  const out: Transform[] = [];
  raw.forEach((entry, j) => {
    const compiled = compileTransform(entry);
    if ('problem' in compiled) report([key, j, ...compiled.problem.path], compiled.problem.message);
    else out.push(compiled.transform);
  });
  return out;
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

function outTransformsFor(
  file: MappingFieldFile,
  transforms: Transform[],
  report: Report,
): Transform[] | null {
  if (file.direction === 'in') return null;
  if (file.outTransforms !== undefined) {
    const out = compileList(file.outTransforms, 'outTransforms', report);
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
  const inverse = invertTransforms(transforms);
  if (typeof inverse === 'string') {
    report(['direction'], `${inverse}; give outTransforms for direction '${file.direction}'`);
    return [];
  }
  return inverse;
}

/** Checks one field entry; returns it compiled, or null when it has problems (all reported). */
export function compileField(
  file: MappingFieldFile,
  line: number,
  report: Report,
): MappingField | null {
  let ok = true;
  const fail: Report = (path, message) => {
    ok = false;
    report(path, message);
  };
  const def = coreField(file.core);
  if (def === undefined)
    fail(['core'], `unknown core field '${file.core}'${didYouMean(file.core, CORE_FIELD_PATHS)}`);
  const segments = file.source === undefined ? null : parseSourcePath(file.source);
  if (typeof segments === 'string') fail(['source'], `source path '${file.source}' ${segments}`);
  const transforms = compileList(file.transforms, 'transforms', fail);
  const provides = transforms.some((t) => VALUE_PROVIDERS.has(t.kind));
  if (file.source === undefined && !provides) {
    fail(
      ['core'],
      'needs a source, or a transform that brings a value (concat, firstNonEmpty, default)',
    );
  }
  if (file.source === undefined && file.direction !== 'in') {
    fail(
      ['direction'],
      `direction '${file.direction}' needs a source: the path the value is written to`,
    );
  }
  if (def !== undefined) checkEnumMap(def, transforms, fail);
  const outTransforms = outTransformsFor(file, transforms, fail);
  if (!ok || def === undefined || typeof segments === 'string') return null;
  return {
    core: file.core,
    def,
    source: segments === null || file.source === undefined ? null : { text: file.source, segments },
    direction: file.direction,
    transforms,
    outTransforms,
    authority: file.authority ?? null,
    line,
  };
}

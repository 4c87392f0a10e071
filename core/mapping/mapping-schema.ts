import { z } from 'zod';
import type { CoreFieldDef } from '../model/core-fields';
import type { SourceRef, Transform } from './transform-schema';

/** Authority of a source for a field: 0 (never wins) to 100 (always wins). */
export const AuthorityValue = z.number().int().min(0).max(100);

/** Which way a mapped field flows. */
export const DIRECTIONS = ['in', 'out', 'both'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/**
 * One entry of `fields:` in a mapping file, as written. Transform entries are checked one by one
 * by `compileTransform`, which gives better messages than a union schema would.
 */
export const MappingFieldFile = z.strictObject({
  /** The core field this entry fills, a path from CORE_FIELDS such as `hardware.memoryGb`. */
  core: z.string().min(1),
  /**
   * Path of the value in the vendor record: `hardware.serialNumber`, `a.b[0].c`, a CSV column
   * name, or `['P.O. Number']` for a key holding dots. Optional when a transform brings the value
   * (`concat`, `firstNonEmpty`, `default`). Required for `out` and `both`: it is where the value
   * is written.
   */
  source: z.string().min(1).optional(),
  /** `in` (vendor to core, the default), `out` (core to vendor) or `both`. */
  direction: z.enum(DIRECTIONS).default('in'),
  /** Steps applied in order to the vendor value on the way in. */
  transforms: z.array(z.unknown()).default([]),
  /**
   * Steps applied to the core value on the way out. When absent they are derived from
   * `transforms` (unit conversions reversed, value maps inverted when unambiguous).
   */
  outTransforms: z.array(z.unknown()).optional(),
  /** Authority of this source for this field; overrides the mapping's `authority`. */
  authority: AuthorityValue.optional(),
  /** Free text for people reading the file. */
  description: z.string().optional(),
});
export type MappingFieldFile = z.infer<typeof MappingFieldFile>;

/** A mapping file as written (`version: 1`). */
export const MappingFile = z.strictObject({
  /** Format version of the file; only 1 exists. */
  version: z.literal(1),
  /** Connector type the mapping is for (`jamf`, `intune`, `servicenow`, `jsm`, ...) or `import`. */
  connector: z.string().regex(/^[a-z][a-z0-9_-]*$/, 'expected a lower-case connector type'),
  /** Vendor object kind, for connectors that read more than one (`computer`, `mobile_device`). */
  object: z.string().min(1).optional(),
  /** Source path of the record's id in the vendor system (a column name for imports). */
  externalId: z.string().min(1).optional(),
  /** Default authority of this source for every field it maps (0..100). */
  authority: AuthorityValue.optional(),
  /** Free text for people reading the file. */
  description: z.string().optional(),
  /** The mapped fields; at least one. */
  fields: z.array(z.unknown()).min(1, 'expected at least one field'),
});
export type MappingFile = z.infer<typeof MappingFile>;

/** A checked, ready-to-use field entry. */
export interface MappingField {
  core: string;
  def: CoreFieldDef;
  source: SourceRef | null;
  direction: Direction;
  transforms: Transform[];
  /** Transforms for the way out; null for `in` fields. */
  outTransforms: Transform[] | null;
  authority: number | null;
  /** Line of the entry in its file, for messages. */
  line: number;
}

/** A checked, ready-to-use mapping. */
export interface Mapping {
  /** The file it came from, as given. */
  file: string;
  connector: string;
  object: string | null;
  externalId: SourceRef | null;
  authority: number | null;
  fields: MappingField[];
}

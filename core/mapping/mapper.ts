import { AssetbridgeError } from '../errors';
import type { Asset } from '../model/asset';
import { getField, type FieldValue } from '../model/core-fields';
import { coerceToField } from './coerce';
import { describeValue, isBlank } from './describe-value';
import type { Mapping, MappingField } from './mapping-schema';
import { readPath, writePath } from './source-path';
import { applyTransforms } from './transforms';

/** Core values read from one vendor record. */
export interface MappedRecord {
  /** The record's id in the vendor system, as text; null when the mapping has none or it is blank. */
  externalId: string | null;
  /** Core field path → canonical value. Blank values are left out. */
  values: Record<string, FieldValue>;
}

/** A value that could not be mapped; the field is left out of the record. */
export interface FieldError {
  field: string;
  /** The source path, or the transforms that bring the value when there is no source. */
  source: string;
  message: string;
}

/** Where a mapping field reads its value: the source path, or its transforms when it has none. */
export function sourceLabel(field: MappingField): string {
  if (field.source !== null) return field.source.text;
  return field.transforms.map((t) => t.kind).join(', ');
}

function externalIdOf(mapping: Mapping, record: unknown, errors: FieldError[]): string | null {
  if (mapping.externalId === null) return null;
  const raw = readPath(record, mapping.externalId.segments);
  if (isBlank(raw)) return null;
  if (typeof raw === 'string') return raw.trim();
  if (typeof raw === 'number' || typeof raw === 'bigint') return String(raw);
  const message = `external id ${describeValue(raw)} is not text or a number`;
  errors.push({ field: 'externalId', source: mapping.externalId.text, message });
  return null;
}

/** Maps one vendor record to core values; a value that fails becomes a FieldError. */
export function mapInbound(
  mapping: Mapping,
  record: unknown,
): { record: MappedRecord; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const values: Record<string, FieldValue> = {};
  for (const field of mapping.fields) {
    if (field.direction === 'out') continue;
    const raw = field.source === null ? undefined : readPath(record, field.source.segments);
    try {
      const value = coerceToField(applyTransforms(field.transforms, raw, record), field.def);
      if (value !== null) values[field.core] = value;
    } catch (err) {
      const message = `${field.core}: ${(err as Error).message}`;
      errors.push({ field: field.core, source: sourceLabel(field), message });
    }
  }
  return { record: { externalId: externalIdOf(mapping, record, errors), values }, errors };
}

/**
 * The vendor object for the fields with direction `out` or `both`, nested by source path. Fields
 * without a value in the asset are left out (nothing is cleared in the vendor system).
 */
export function mapOutbound(mapping: Mapping, asset: Asset): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of mapping.fields) {
    if (field.direction === 'in' || field.source === null) continue;
    const value = getField(asset, field.core);
    if (value === null) continue;
    let vendorValue: unknown;
    try {
      vendorValue = applyTransforms(field.outTransforms ?? [], value, asset);
    } catch (err) {
      throw new AssetbridgeError(
        'RECORD_INVALID',
        `asset ${asset.id} field ${field.core}: cannot build the value for ${mapping.file}: ${(err as Error).message}`,
        { cause: err, details: { assetId: asset.id, field: field.core, mapping: mapping.file } },
      );
    }
    if (!isBlank(vendorValue)) writePath(out, field.source.segments, vendorValue);
  }
  return out;
}

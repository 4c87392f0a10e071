import type { FieldValue } from '../model/core-fields';
import type { IdentityKeys, Observation } from './observation';
import {
  manufacturerKey,
  matchableAssetTag,
  matchableSerial,
  normalizeImei,
  normalizeMac,
  normalizeSerial,
  normalizeUdid,
  type SerialPolicy,
} from './normalize';

const asList = (value: FieldValue | undefined): string[] =>
  value === null || value === undefined ? [] : Array.isArray(value) ? value : [String(value)];

const uniqueSorted = (values: (string | null)[]): string[] =>
  [...new Set(values.filter((v): v is string => v !== null))].sort();

/** Identity keys of an observation; placeholder serials and malformed identifiers are dropped. */
export function identityKeys(obs: Observation, policy: SerialPolicy): IdentityKeys {
  const v = obs.values;
  return {
    externalId: obs.externalId,
    serial: matchableSerial(v.serial, policy),
    manufacturer: manufacturerKey(v.manufacturer),
    udid: normalizeUdid(v['identifiers.udid']),
    imeis: uniqueSorted(asList(v['identifiers.imeis']).map(normalizeImei)),
    macs: uniqueSorted(asList(v['identifiers.macAddresses']).map(normalizeMac)),
    assetTag: matchableAssetTag(v.assetTag, policy),
  };
}

export function hasUsableIdentity(keys: IdentityKeys): boolean {
  return (
    keys.externalId !== null ||
    keys.serial !== null ||
    keys.udid !== null ||
    keys.imeis.length > 0 ||
    keys.macs.length > 0 ||
    keys.assetTag !== null
  );
}

/**
 * Observation values with identifiers in canonical form: serial normalised (a placeholder serial
 * is dropped: it carries no identity and would only mislead), MACs, IMEIs and UDID normalised.
 */
export function canonicalValues(obs: Observation, keys: IdentityKeys): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = { ...obs.values };
  const serial = normalizeSerial(obs.values.serial);
  if (keys.serial !== null) out.serial = keys.serial;
  else if (serial !== null) delete out.serial;
  if ('identifiers.udid' in out) setOrDelete(out, 'identifiers.udid', keys.udid);
  if ('identifiers.imeis' in out) setOrDelete(out, 'identifiers.imeis', keys.imeis);
  if ('identifiers.macAddresses' in out) setOrDelete(out, 'identifiers.macAddresses', keys.macs);
  return out;
}

function setOrDelete(
  out: Record<string, FieldValue>,
  key: string,
  value: string | string[] | null,
) {
  if (value === null || (Array.isArray(value) && value.length === 0)) delete out[key];
  else out[key] = value;
}

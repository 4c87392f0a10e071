import type { Asset } from '../model/asset';
import {
  matchableAssetTag,
  matchableSerial,
  normalizeImei,
  normalizeMac,
  normalizeUdid,
  type SerialPolicy,
} from '../identity/normalize';
import type { IdentifierKind } from '../store/store-types';

/** The identity-index rows an asset should have: every matchable identifier it carries. */
export function identityIndexRows(
  asset: Asset,
  policy: SerialPolicy,
): { kind: IdentifierKind; value: string }[] {
  const rows = new Map<string, { kind: IdentifierKind; value: string }>();
  const add = (kind: IdentifierKind, value: string | null) => {
    if (value !== null) rows.set(`${kind}:${value}`, { kind, value });
  };
  for (const s of [asset.serial, ...asset.identifiers.serials])
    add('serial', matchableSerial(s, policy));
  add('udid', normalizeUdid(asset.identifiers.udid));
  asset.identifiers.imeis.forEach((v) => add('imei', normalizeImei(v)));
  asset.identifiers.macAddresses.forEach((v) => add('mac', normalizeMac(v)));
  add('asset_tag', matchableAssetTag(asset.assetTag, policy));
  return [...rows.values()];
}

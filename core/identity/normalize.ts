/**
 * Normalisation of identifiers before matching. Blank means absent: every function returns null
 * for a value that carries no identity.
 */

/** Placeholder serials seen in the field; matched after normalisation (upper case, trimmed). */
export const DEFAULT_PLACEHOLDER_SERIALS: readonly string[] = [
  '0',
  'NONE',
  'NULL',
  'N/A',
  'NA',
  'UNKNOWN',
  'NOT AVAILABLE',
  'NOT APPLICABLE',
  'NOT SPECIFIED',
  'TO BE FILLED BY O.E.M.',
  'TO BE FILLED BY OEM',
  'DEFAULT STRING',
  'SYSTEM SERIAL NUMBER',
  'CHASSIS SERIAL NUMBER',
  'SERIAL NUMBER',
  'INVALID',
  'UNDEFINED',
  '123456789',
  '1234567890',
  '0123456789',
];

export interface SerialPolicy {
  /** Extra placeholder values from the config, compared after normalisation. */
  placeholders: ReadonlySet<string>;
}

export function makeSerialPolicy(extra: readonly string[] = []): SerialPolicy {
  const all = [...DEFAULT_PLACEHOLDER_SERIALS, ...extra].map((s) => normalizeSerial(s));
  return { placeholders: new Set(all.filter((s): s is string => s !== null)) };
}

const DEFAULT_POLICY = makeSerialPolicy();

/** Trimmed, inner whitespace removed, upper case; null when blank. */
export function normalizeSerial(raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  const text = String(raw).normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  return text === '' ? null : text;
}

/** True when a normalised serial carries no identity (placeholder, one repeated character, ...). */
export function isPlaceholderSerial(
  serial: string,
  policy: SerialPolicy = DEFAULT_POLICY,
): boolean {
  if (policy.placeholders.has(serial)) return true;
  if (serial.length < 3) return true;
  if (/^(.)\1+$/.test(serial)) return true;
  return /^[^A-Z0-9]+$/.test(serial);
}

/** A serial usable for matching, or null. */
export function matchableSerial(
  raw: unknown,
  policy: SerialPolicy = DEFAULT_POLICY,
): string | null {
  const serial = normalizeSerial(raw);
  return serial !== null && !isPlaceholderSerial(serial, policy) ? serial : null;
}

/** `AA:BB:CC:DD:EE:FF`; null for anything that is not 12 hex digits or is all zeros / broadcast. */
export function normalizeMac(raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  const hex = String(raw)
    .replace(/[\s:.-]/g, '')
    .toUpperCase();
  if (!/^[0-9A-F]{12}$/.test(hex)) return null;
  if (/^0{12}$/.test(hex) || /^F{12}$/.test(hex)) return null;
  return hex.match(/.{2}/g)!.join(':');
}

/** Digits only; 14 to 16 digits (IMEI, IMEISV) or null. */
export function normalizeImei(raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  const digits = String(raw).replace(/\D/g, '');
  if (digits.length < 14 || digits.length > 16 || /^0+$/.test(digits)) return null;
  return digits;
}

/** UDID or hardware UUID: upper case, trimmed; null when blank or all zeros. */
export function normalizeUdid(raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  const text = String(raw).trim().toUpperCase();
  if (text === '' || /^[0-]+$/.test(text)) return null;
  return text;
}

const MANUFACTURER_ALIASES: Record<string, string> = {
  HEWLETTPACKARD: 'HP',
  HPINC: 'HP',
  HEWLETTPACKARDENTERPRISE: 'HPE',
  APPLEINC: 'APPLE',
  DELLINC: 'DELL',
  DELLTECHNOLOGIES: 'DELL',
  LENOVOGROUPLIMITED: 'LENOVO',
  MICROSOFTCORPORATION: 'MICROSOFT',
  SAMSUNGELECTRONICS: 'SAMSUNG',
  SAMSUNGELECTRONICSCOLTD: 'SAMSUNG',
  CISCOSYSTEMS: 'CISCO',
  CISCOSYSTEMSINC: 'CISCO',
};

/** Comparable manufacturer key (`Apple Inc.` and `apple` give `APPLE`); null when blank. */
export function manufacturerKey(raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  const key = String(raw)
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
  if (key === '') return null;
  const stripped = key.replace(/(INCORPORATED|INC|CORPORATION|CORP|LTD|LLC|GMBH|CO)$/, '');
  return MANUFACTURER_ALIASES[key] ?? MANUFACTURER_ALIASES[stripped] ?? (stripped || key);
}

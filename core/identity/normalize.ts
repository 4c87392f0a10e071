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
  'TBD',
  'TBA',
  'TBC',
  'TO BE DETERMINED',
  'TO BE ADVISED',
  'TO BE CONFIRMED',
  'PENDING',
  'NOT SET',
  'NOT FOUND',
  'NO SERIAL',
  'NO SERIAL NUMBER',
  'NIL',
  'EMPTY',
  'BLANK',
  'MISSING',
  'N.A.',
  'N\\A',
  '#N/A',
  '#VALUE!',
  '#REF!',
  '123456789',
  '1234567890',
  '0123456789',
  '0123456789ABCDEF',
];

/** Whitespace and invisible format characters (\p{Cf}: zero-width space, BOM, ...). */
const INVISIBLE = /[\s\p{Cf}]+/gu;

/** Runs of consecutive characters (`12345`, `0123456789ABCDEF`, `98765`) this long or longer. */
const SEQUENTIAL_RUN = 5;
const SEQUENCE = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export interface SerialPolicy {
  /** Extra placeholder values from the config, compared after normalisation. */
  placeholders: ReadonlySet<string>;
}

export function makeSerialPolicy(extra: readonly string[] = []): SerialPolicy {
  const all = [...DEFAULT_PLACEHOLDER_SERIALS, ...extra].map((s) => normalizeSerial(s));
  return { placeholders: new Set(all.filter((s): s is string => s !== null)) };
}

const DEFAULT_POLICY = makeSerialPolicy();

/** Whitespace and invisible characters removed, upper case; null when blank. */
export function normalizeSerial(raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  const text = String(raw).normalize('NFKC').replace(INVISIBLE, '').toUpperCase();
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
  if (isSequentialRun(serial)) return true;
  return /^[^A-Z0-9]+$/.test(serial);
}

/** `12345`, `ABCDEF`, `0123456789ABCDEF`, `987654`: each character next to the one before. */
function isSequentialRun(serial: string): boolean {
  if (serial.length < SEQUENTIAL_RUN) return false;
  const at = [...serial].map((ch) => SEQUENCE.indexOf(ch));
  if (at.some((i) => i < 0)) return false;
  const step = at[1] - at[0];
  if (step !== 1 && step !== -1) return false;
  return at.every((i, k) => k === 0 || i - at[k - 1] === step);
}

/**
 * An asset tag usable for matching, or null: compared as serials are (whitespace and invisible
 * characters removed, upper case), and the same placeholders (`N/A`, `TBD`, `0`) carry no
 * identity.
 */
export function matchableAssetTag(
  raw: unknown,
  policy: SerialPolicy = DEFAULT_POLICY,
): string | null {
  return matchableSerial(raw, policy);
}

/** A serial usable for matching, or null. */
export function matchableSerial(
  raw: unknown,
  policy: SerialPolicy = DEFAULT_POLICY,
): string | null {
  const serial = normalizeSerial(raw);
  return serial !== null && !isPlaceholderSerial(serial, policy) ? serial : null;
}

/**
 * Why an identifier carries no identity: `malformed` (not an identifier of its kind at all) or
 * `placeholder` (well formed but shared by many devices, like an all-zero MAC address).
 */
export type IdentifierDefect = 'malformed' | 'placeholder';

const macHex = (raw: unknown) =>
  String(raw)
    .replace(/[\s\p{Cf}:.-]/gu, '')
    .toUpperCase();

/** Why a MAC address is not usable, or null when it is (blank is not a defect). */
export function macDefect(raw: unknown): IdentifierDefect | null {
  if (raw === null || raw === undefined || String(raw).trim() === '') return null;
  const hex = macHex(raw);
  if (!/^[0-9A-F]{12}$/.test(hex)) return 'malformed';
  return /^0{12}$/.test(hex) || /^F{12}$/.test(hex) ? 'placeholder' : null;
}

/** `AA:BB:CC:DD:EE:FF`; null for anything that is not 12 hex digits or is all zeros / broadcast. */
export function normalizeMac(raw: unknown): string | null {
  if (raw === null || raw === undefined || macDefect(raw) !== null) return null;
  const hex = macHex(raw);
  return hex === '' ? null : hex.match(/.{2}/g)!.join(':');
}

/** Why an IMEI is not usable, or null when it is (blank is not a defect). */
export function imeiDefect(raw: unknown): IdentifierDefect | null {
  if (raw === null || raw === undefined || String(raw).trim() === '') return null;
  const digits = String(raw).replace(/\D/g, '');
  if (digits.length < 14 || digits.length > 16) return 'malformed';
  return /^0+$/.test(digits) ? 'placeholder' : null;
}

/** Digits only; 14 to 16 digits (IMEI, IMEISV) or null. */
export function normalizeImei(raw: unknown): string | null {
  if (raw === null || raw === undefined || imeiDefect(raw) !== null) return null;
  const digits = String(raw).replace(/\D/g, '');
  return digits === '' ? null : digits;
}

/** UDID or hardware UUID: upper case, trimmed, no invisible characters; null if blank or zeros. */
export function normalizeUdid(raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  const text = String(raw)
    .replace(/\p{Cf}/gu, '')
    .trim()
    .toUpperCase();
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

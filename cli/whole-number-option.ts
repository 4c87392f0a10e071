import { AssetbridgeError } from '../core/errors';

/** The whole numbers an option accepts; `min` defaults to 1 (a positive whole number). */
export interface WholeNumberRange {
  min?: number;
  max?: number;
}

/**
 * The value of a numeric command-line option (`--limit`, `--port`, `--fleet-size`, `--seed`) as a
 * whole number: digits only, no sign, fraction, exponent or blank, within `range`. Anything else
 * is a USAGE error (exit 2) naming the option and the value. Every numeric option of every
 * command is read through here.
 */
export function wholeNumberOption(
  flag: string,
  value: string,
  range: WholeNumberRange = {},
): number {
  const min = range.min ?? 1;
  const max = range.max ?? Number.MAX_SAFE_INTEGER;
  const text = value.trim();
  const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (Number.isSafeInteger(n) && n >= min && n <= max) return n;
  const what =
    range.max !== undefined
      ? `a whole number from ${min} to ${max}`
      : min === 1
        ? 'a positive whole number'
        : `a whole number from ${min} up`;
  throw new AssetbridgeError('USAGE', `${flag} must be ${what}; got "${value}"`, {
    details: { option: flag, value },
  });
}

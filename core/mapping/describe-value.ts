const MAX = 80;

/** A value for an error message: strings quoted and cut to 80 characters (never mid-character). */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    let out = '';
    let count = 0;
    for (const ch of value) {
      if (count === MAX) return `'${out}…'`;
      out += ch;
      count++;
    }
    return `'${out}'`;
  }
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (value instanceof Date) return `a Date`;
  if (value !== null && typeof value === 'object') return 'an object';
  return String(value);
}

/** Blank means absent: null, undefined, an empty or whitespace-only string, an empty list. */
export function isBlank(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return !/\S/.test(value);
  return Array.isArray(value) && value.length === 0;
}

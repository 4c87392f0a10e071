/** Values per IN-list: well below SQLite's oldest variable limit (999). */
export const MAX_IN_LIST = 500;

/** Bound parameters per multi-row INSERT statement. */
export const MAX_INSERT_PARAMS = 900;

/** Splits `items` into consecutive slices of at most `size` items. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) {
    throw new RangeError(`chunk size must be a positive integer, got ${size}`);
  }
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Rows per multi-row INSERT for a table with `columns` columns. */
export function rowsPerInsert(columns: number): number {
  return Math.max(1, Math.floor(MAX_INSERT_PARAMS / columns));
}

/** Distinct values in first-seen order. */
export function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

/** Keeps the last item for each key, in the order of their last occurrence. */
export function lastByKey<T>(items: readonly T[], key: (item: T) => string): T[] {
  const map = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    map.delete(k);
    map.set(k, item);
  }
  return [...map.values()];
}

/** Runs `query` once per chunk of at most `size` distinct values and concatenates the results. */
export async function inChunks<T>(
  values: readonly string[],
  query: (part: string[]) => Promise<T[]>,
  size: number = MAX_IN_LIST,
): Promise<T[]> {
  const out: T[] = [];
  for (const part of chunk(unique(values), size)) out.push(...(await query(part)));
  return out;
}

/** Runs `write` once per chunk of at most `size` rows, in order. */
export async function forChunks<T>(
  rows: readonly T[],
  size: number,
  write: (part: T[]) => Promise<unknown>,
): Promise<void> {
  for (const part of chunk(rows, size)) await write(part);
}

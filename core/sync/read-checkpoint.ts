import type { z } from 'zod';
import { AssetbridgeError } from '../errors';

/**
 * Reads back a checkpoint a connector's reader wrote as JSON. `{ "done": ... }` (the last page's
 * checkpoint) gives `null`: the read had finished. Anything else must fit `schema` and pass
 * `usable` (a position the reader can still start from), or it is a `USAGE` error naming
 * `system`'s reader and asking for a full run.
 */
export function parseReadCheckpoint<T>(
  checkpoint: string,
  schema: z.ZodType<T>,
  system: string,
  usable: (position: T) => boolean = () => true,
): T | null {
  let raw: unknown = null;
  try {
    raw = JSON.parse(checkpoint);
  } catch {
    raw = null;
  }
  if (typeof raw === 'object' && raw !== null && 'done' in raw) return null;
  const parsed = schema.safeParse(raw);
  if (!parsed.success || !usable(parsed.data)) {
    throw new AssetbridgeError(
      'USAGE',
      `${system} read checkpoint '${checkpoint.slice(0, 80)}' is not one this connector wrote; ` +
        'run with --full',
    );
  }
  return parsed.data;
}

import type { Logger } from 'pino';
import type { BatchUpdateResult, ConnectorWriter, WriteRequest, WriteResult } from './connector';

/** What became of one update: sent in a batch (a result or its own error), or null: send alone. */
export type UpdateOutcome = { result: WriteResult } | { error: Error } | null;

interface Update {
  binding: { externalId: string };
  req: WriteRequest;
}

const DEFAULT_BATCH_SIZE = 100;

/**
 * Sends updates through the writer's `updateBatch` in groups when it has one, and hands each
 * update's outcome to `handle` (which keeps per-record error isolation). Without `updateBatch`, or
 * when a batch call fails as a whole, every update of the group is handed over to be sent alone.
 */
export async function sendUpdates<T extends Update>(
  writer: ConnectorWriter,
  updates: readonly T[],
  handle: (update: T, outcome: UpdateOutcome) => Promise<void>,
  log: Logger,
  /** Updates sent alone at once. */
  concurrency = 1,
): Promise<void> {
  if (!writer.updateBatch) {
    await forEachConcurrently(updates, concurrency, (u) => handle(u, null));
    return;
  }
  const size = Math.max(1, Math.floor(writer.maxBatchSize ?? DEFAULT_BATCH_SIZE));
  for (let i = 0; i < updates.length; i += size) {
    const group = updates.slice(i, i + size);
    const results = await batch(writer, group, log);
    await forEachConcurrently([...group.entries()], concurrency, ([k, u]) =>
      handle(u, outcomeOf(results?.[k])),
    );
  }
}

async function batch(
  writer: ConnectorWriter,
  group: readonly Update[],
  log: Logger,
): Promise<BatchUpdateResult[] | null> {
  const items = group.map((u) => ({ externalId: u.binding.externalId, req: u.req }));
  try {
    const results = await writer.updateBatch!(items);
    if (results.length === items.length) return results;
    log.warn({ sent: items.length, answered: results.length }, 'batch answer has the wrong length');
  } catch (err) {
    log.warn({ err, records: items.length }, 'batch update failed; updating one by one');
  }
  return null;
}

function outcomeOf(result: BatchUpdateResult | undefined): UpdateOutcome {
  if (result === undefined) return null;
  return result.ok ? { result: result.result } : { error: result.error };
}

/** Runs `fn` over `items` with at most `limit` calls in flight, in order of the items. */
export async function forEachConcurrently<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
}

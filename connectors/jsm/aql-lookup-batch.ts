import type { AssetsClient } from './assets-client';
import type { AssetObjectWire } from './assets-wire';
import { aqlString } from './assets-reader';

const PAGE_SIZE = 100;

/**
 * How long a look-up waits for others to join its query (our choice): the records written at once
 * each look up right after their previous write, a few milliseconds apart, not in one tick.
 */
const GATHER_MS = 20;

interface Waiter {
  resolve(objects: AssetObjectWire[]): void;
  reject(err: unknown): void;
}

interface Pending {
  scope: string;
  attribute: string;
  values: Set<string>;
  waiters: Waiter[];
}

/**
 * Look-ups by one attribute that records written at once make within a few milliseconds become one
 * `attribute in (...)` AQL query, so that creating many objects costs a fraction of the AQL
 * budget (jira.md §1.2: 1000 per minute). Each caller gets every candidate and keeps the exact
 * matches itself.
 */
export class AqlLookupBatch {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly client: AssetsClient) {}

  /** Objects within `scope` (an AQL condition) whose `attribute` may equal `value`. */
  lookup(scope: string, attribute: string, value: string): Promise<AssetObjectWire[]> {
    const key = `${scope}\u0000${attribute}`;
    let batch = this.pending.get(key);
    if (batch === undefined) {
      batch = { scope, attribute, values: new Set(), waiters: [] };
      this.pending.set(key, batch);
      setTimeout(() => {
        this.pending.delete(key);
        void this.flush(batch!);
      }, GATHER_MS);
    }
    batch.values.add(value);
    return new Promise((resolve, reject) => batch!.waiters.push({ resolve, reject }));
  }

  private async flush(batch: Pending): Promise<void> {
    const values = [...batch.values].map(aqlString).join(', ');
    const aql = `${batch.scope} AND ${aqlString(batch.attribute)} in (${values})`;
    try {
      const objects: AssetObjectWire[] = [];
      for (let startAt = 0; ; startAt += PAGE_SIZE) {
        const page = await this.client.aql(aql, startAt, PAGE_SIZE);
        objects.push(...page.values);
        const last = page.isLast ?? page.last ?? page.values.length < PAGE_SIZE;
        if (last || page.values.length === 0) break;
      }
      for (const w of batch.waiters) w.resolve(objects);
    } catch (err) {
      for (const w of batch.waiters) w.reject(err);
    }
  }
}

import { z } from 'zod';
import { parseReadCheckpoint } from '../../core/sync/read-checkpoint';
import type { ReadPage, ReadRequest, VendorRecord } from '../../core/sync/connector';
import { minuteIn, type AccountZone } from './account-zone';
import type { AssetsCatalog, ObjectTypeInfo } from './assets-catalog';
import type { AssetsClient } from './assets-client';
import { assetsRecord } from './assets-record';
import type { JiraUsers } from './jira-users';

/** Where a read stands: the object type (index in the configured list) and the next offset. */
const Checkpoint = z.object({
  type: z.number().int().min(0),
  startAt: z.number().int().min(0),
});
type Checkpoint = z.infer<typeof Checkpoint>;

export interface AssetsReaderDeps {
  client: AssetsClient;
  catalog: AssetsCatalog;
  users: JiraUsers;
  zone: AccountZone;
  pageSize: number;
}

/** An AQL string literal: double quotes, with `"` and `\` escaped. */
export function aqlString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * The AQL of one object type, with the `Updated >=` bound of an incremental read written as
 * `yyyy-MM-dd HH:mm` in the account's time zone (rounded down to the minute AQL compares at).
 */
export function typeQuery(type: ObjectTypeInfo, since: string | null, zone = 'UTC'): string {
  const base = `objectType = ${aqlString(type.name)}`;
  return since === null ? base : `${base} AND Updated >= ${aqlString(minuteIn(since, zone))}`;
}

/**
 * Reads the configured object types with AQL, one type after the other, paged with `startAt` and
 * `maxResults` until `isLast`. Incremental reads add `Updated >= "<watermark minute>"` (in the
 * account's time zone; an
 * inclusive bound; the minute is rounded down, so some records come again and are dropped as
 * seen). Full reads report the sum of `aql/totalcount` as the expected total. The schema and the
 * attributes are read again at the start of every read.
 */
export class AssetsReader {
  constructor(private readonly d: AssetsReaderDeps) {}

  async *read(req: ReadRequest): AsyncIterable<ReadPage> {
    this.d.catalog.reset();
    this.d.users.reset();
    const types = await this.d.catalog.types();
    const since = req.mode === 'incremental' ? req.watermark : null;
    const zone = since === null ? 'UTC' : await this.d.zone.get();
    const expectedTotal = since === null ? await this.total(types, req.signal) : undefined;
    let at = startOf(req.checkpoint, types.length);
    const seen = new Set<string>();
    while (at !== null) {
      const type = types[at.type]!;
      const page = await this.d.client.aql(
        typeQuery(type, since, zone),
        at.startAt,
        this.d.pageSize,
        req.signal,
      );
      const records: VendorRecord[] = [];
      for (const obj of page.values) {
        const key = `${obj.id}@${obj.updated}`;
        if (seen.has(key)) continue;
        seen.add(key);
        records.push(await assetsRecord(obj, type, this.d.users));
      }
      const last = page.isLast ?? page.last ?? page.values.length < this.d.pageSize;
      const next: Checkpoint | null =
        last || page.values.length === 0
          ? at.type + 1 < types.length
            ? { type: at.type + 1, startAt: 0 }
            : null
          : { type: at.type, startAt: at.startAt + page.values.length };
      yield { records, checkpoint: JSON.stringify(next ?? { done: true }), expectedTotal };
      at = next;
    }
  }

  private async total(types: readonly ObjectTypeInfo[], signal?: AbortSignal): Promise<number> {
    let sum = 0;
    for (const type of types) sum += await this.d.client.totalCount(typeQuery(type, null), signal);
    return sum;
  }
}

function startOf(checkpoint: string | null, typeCount: number): Checkpoint | null {
  if (checkpoint === null) return { type: 0, startAt: 0 };
  return parseReadCheckpoint(checkpoint, Checkpoint, 'JSM', (at) => at.type < typeCount);
}

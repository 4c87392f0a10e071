import type {
  BatchUpdate,
  BatchUpdateResult,
  Connector,
  ReadPage,
  ReadRequest,
  VendorRecord,
  WriteRequest,
  WriteResult,
} from '../../../core/sync/connector';
import { AssetbridgeError } from '../../../core/errors';

export interface FakeDevice {
  id: string;
  serial: string;
  name?: string;
  owner?: string;
  tag?: string;
  updated: string;
  /** Set by `retire`: the record stays, marked retired. */
  retired?: boolean;
}

/**
 * An in-memory vendor system with paged reads, writes and a request log, for engine tests. The
 * connector over it follows the contract exactly as a real one would.
 */
export class FakeSystem {
  /** How long a create takes; creates in flight at once are counted. */
  createDelayMs = 0;
  maxInFlight = 0;
  private inFlight = 0;
  readonly devices = new Map<string, FakeDevice>();
  readonly calls: string[] = [];
  failReadAfterPages: number | null = null;
  failUpdateFor = new Set<string>();
  /** The next create reaches the "vendor" but the answer is lost. */
  loseNextCreateAnswer = false;
  /** The next `updateBatch` call fails as a whole (the vendor rejects the batch). */
  failNextBatch = false;
  /** A look-up that finds no serial falls back to the name, as a CMDB's identification may. */
  findByName = false;
  private nextId = 1000;
  private tick = 0;

  constructor(
    readonly name: string,
    private readonly pageSize = 2,
  ) {}

  put(d: Omit<FakeDevice, 'updated'> & { updated?: string }): void {
    this.devices.set(d.id, { ...d, updated: d.updated ?? this.now() });
  }

  now(): string {
    this.tick += 1;
    return new Date(Date.UTC(2026, 10, 1, 0, 0, this.tick)).toISOString();
  }

  mutating(): string[] {
    return this.calls.filter((c) => !c.startsWith('read') && !c.startsWith('find'));
  }

  connector(options: {
    write: boolean;
    create: boolean;
    retire?: boolean;
    batchSize?: number;
  }): Connector {
    return {
      name: this.name,
      type: 'fake',
      read: (req) => this.readPages(req),
      webhooks: {
        verify: () => ({ ok: true, deliveryId: 'd', sentAt: null }),
        parse: () => [],
        fetch: async (externalId) => {
          this.calls.push(`fetch ${externalId}`);
          const d = this.devices.get(externalId);
          return d ? this.record(d) : null;
        },
      },
      writer: options.write
        ? {
            find: (req) => this.find(req),
            create: options.create ? (req) => this.create(req) : undefined,
            update: (id, req) => this.update(id, req),
            retire: options.retire ? (id) => this.retire(id) : undefined,
            updateBatch: options.batchSize ? (items) => this.updateBatch(items) : undefined,
            maxBatchSize: options.batchSize,
          }
        : undefined,
    };
  }

  private record(d: FakeDevice): VendorRecord {
    return { externalId: d.id, observedAt: d.updated, data: { ...d } };
  }

  private async *readPages(req: ReadRequest): AsyncIterable<ReadPage> {
    const all = [...this.devices.values()]
      .filter((d) => req.mode === 'full' || req.watermark === null || d.updated >= req.watermark)
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    let offset = req.checkpoint ? Number(req.checkpoint) : 0;
    let pages = 0;
    while (offset < all.length) {
      if (this.failReadAfterPages !== null && pages >= this.failReadAfterPages) {
        throw new Error('connection reset by peer');
      }
      this.calls.push(`read ${offset}`);
      const slice = all.slice(offset, offset + this.pageSize);
      offset += slice.length;
      pages += 1;
      const expectedTotal = req.mode === 'full' ? all.length : undefined;
      yield {
        records: slice.map((d) => this.record(d)),
        checkpoint: String(offset),
        expectedTotal,
      };
    }
  }

  private async find(req: WriteRequest): Promise<VendorRecord | null> {
    this.calls.push('find');
    const serial = String((req.full as { serial?: string }).serial ?? req.asset.serial ?? '');
    const name = String((req.full as { name?: string }).name ?? '');
    const all = [...this.devices.values()];
    const hit =
      all.find((d) => d.serial === serial) ??
      (this.findByName ? all.find((d) => d.name === name) : undefined);
    return hit ? this.record(hit) : null;
  }

  private async create(req: WriteRequest): Promise<WriteResult> {
    this.calls.push('create');
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise((resolve) => setTimeout(resolve, this.createDelayMs));
    this.inFlight -= 1;
    const id = `N${this.nextId++}`;
    const fields = req.full as Partial<FakeDevice>;
    this.devices.set(id, { ...fields, id, serial: String(fields.serial), updated: this.now() });
    if (this.loseNextCreateAnswer) {
      this.loseNextCreateAnswer = false;
      throw new AssetbridgeError('WRITE_OUTCOME_UNKNOWN', 'socket hang up after POST');
    }
    return { externalId: id, record: this.record(this.devices.get(id)!) };
  }

  private async retire(externalId: string): Promise<void> {
    this.calls.push(`retire ${externalId}`);
    const d = this.devices.get(externalId)!;
    Object.assign(d, { retired: true, updated: this.now() });
  }

  private async updateBatch(items: readonly BatchUpdate[]): Promise<BatchUpdateResult[]> {
    this.calls.push(`batch ${items.map((i) => i.externalId).join(',')}`);
    if (this.failNextBatch) {
      this.failNextBatch = false;
      throw new Error('413 Payload Too Large');
    }
    const out: BatchUpdateResult[] = [];
    for (const { externalId, req } of items) {
      if (this.failUpdateFor.has(externalId)) {
        out.push({ ok: false, error: new Error(`400 Bad Request: ${externalId} is locked`) });
        continue;
      }
      const d = this.devices.get(externalId)!;
      Object.assign(d, req.changes, { updated: this.now() });
      out.push({ ok: true, result: { externalId, record: this.record(d) } });
    }
    return out;
  }

  private async update(externalId: string, req: WriteRequest): Promise<WriteResult> {
    this.calls.push(`update ${externalId} ${Object.keys(req.changes).sort().join(',')}`);
    if (this.failUpdateFor.has(externalId))
      throw new Error(`400 Bad Request: ${externalId} is locked`);
    const d = this.devices.get(externalId)!;
    Object.assign(d, req.changes, { updated: this.now() });
    return { externalId, record: this.record(d) };
  }
}

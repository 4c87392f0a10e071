import type { Kysely } from 'kysely';
import type { StoreDb } from '../store/db-schema';

type SyncStateTable = {
  connector: string;
  mode: string | null;
  run_id: string | null;
  watermark: string | null;
  pending_watermark: string | null;
  checkpoint: string | null;
  outbound_watermark: string | null;
  updated_at: string;
};

type SyncBindingsTable = {
  connector: string;
  external_id: string;
  asset_id: string;
  held: string;
  version: string | null;
  last_seen_run: string | null;
  missing_runs: number;
  status: string;
  retired_at: string | null;
  updated_at: string;
};

export type SyncDb = {
  sync_state: SyncStateTable;
  sync_bindings: SyncBindingsTable;
};

export interface SyncState {
  connector: string;
  mode: 'full' | 'incremental' | null;
  /** The run an interrupted read belongs to; resumed reads continue it. */
  runId: string | null;
  /** Inclusive lower bound of the next incremental read. */
  watermark: string | null;
  /** Newest observation of the read under way; becomes the watermark when the read completes. */
  pendingWatermark: string | null;
  checkpoint: string | null;
  /** Assets updated at or after this instant are considered for writes to this connector. */
  outboundWatermark: string | null;
}

export type BindingStatus = 'present' | 'missing' | 'retired';

/** One vendor record of a connector and what the vendor last held of the outbound fields. */
export interface Binding {
  connector: string;
  externalId: string;
  assetId: string;
  held: Record<string, unknown>;
  version: string | null;
  lastSeenRun: string | null;
  missingRuns: number;
  status: BindingStatus;
  /** When the engine asked this system to retire the record (the asset was retired); null before. */
  retiredAt?: string | null;
}

/** What the reader and writers use of the sync state: the store itself, or a dry run's overlay. */
export interface SyncStateView {
  state(connector: string): Promise<SyncState>;
  saveState(state: SyncState): Promise<void>;
  bindings(connector: string, externalIds: readonly string[]): Promise<Map<string, Binding>>;
  bindingsOfAssets(connector: string, assetIds: readonly string[]): Promise<Binding[]>;
  upsertBindings(bindings: readonly Binding[]): Promise<void>;
  /** Present or missing bindings that the run did not see. */
  unseen(connector: string, runId: string): Promise<Binding[]>;
  countSeen(connector: string, runId: string): Promise<number>;
  countActive(connector: string): Promise<number>;
}

const CHUNK = 400;

/** Sync state and bindings, on the same kysely handle as the store (SQLite or PostgreSQL). */
export class SyncStateStore implements SyncStateView {
  private readonly db: Kysely<StoreDb & SyncDb>;

  /** `db` is the store's kysely handle; the sync tables come from migration 0003. */
  constructor(
    db: Kysely<StoreDb>,
    private readonly clock: () => Date,
  ) {
    this.db = db.withTables<SyncDb>();
  }

  async state(connector: string): Promise<SyncState> {
    const row = await this.db
      .selectFrom('sync_state')
      .selectAll()
      .where('connector', '=', connector)
      .executeTakeFirst();
    return {
      connector,
      mode: (row?.mode as SyncState['mode']) ?? null,
      runId: row?.run_id ?? null,
      watermark: row?.watermark ?? null,
      pendingWatermark: row?.pending_watermark ?? null,
      checkpoint: row?.checkpoint ?? null,
      outboundWatermark: row?.outbound_watermark ?? null,
    };
  }

  async saveState(state: SyncState): Promise<void> {
    const row = {
      connector: state.connector,
      mode: state.mode,
      run_id: state.runId,
      watermark: state.watermark,
      pending_watermark: state.pendingWatermark,
      checkpoint: state.checkpoint,
      outbound_watermark: state.outboundWatermark,
      updated_at: this.clock().toISOString(),
    };
    const { connector: _c, ...update } = row;
    await this.db
      .insertInto('sync_state')
      .values(row)
      .onConflict((oc) => oc.column('connector').doUpdateSet(update))
      .execute();
  }

  async bindings(connector: string, externalIds: readonly string[]): Promise<Map<string, Binding>> {
    const out = new Map<string, Binding>();
    for (let i = 0; i < externalIds.length; i += CHUNK) {
      const rows = await this.db
        .selectFrom('sync_bindings')
        .selectAll()
        .where('connector', '=', connector)
        .where('external_id', 'in', externalIds.slice(i, i + CHUNK))
        .execute();
      rows.forEach((r) => out.set(r.external_id, toBinding(r)));
    }
    return out;
  }

  async bindingsOfAssets(connector: string, assetIds: readonly string[]): Promise<Binding[]> {
    const out: Binding[] = [];
    for (let i = 0; i < assetIds.length; i += CHUNK) {
      const rows = await this.db
        .selectFrom('sync_bindings')
        .selectAll()
        .where('connector', '=', connector)
        .where('asset_id', 'in', assetIds.slice(i, i + CHUNK))
        .execute();
      out.push(...rows.map(toBinding));
    }
    return out;
  }

  async upsertBindings(bindings: readonly Binding[]): Promise<void> {
    const now = this.clock().toISOString();
    for (const b of bindings) {
      const row = {
        connector: b.connector,
        external_id: b.externalId,
        asset_id: b.assetId,
        held: JSON.stringify(b.held),
        version: b.version,
        last_seen_run: b.lastSeenRun,
        missing_runs: b.missingRuns,
        status: b.status,
        retired_at: b.retiredAt ?? null,
        updated_at: now,
      };
      const { connector: _c, external_id: _e, ...update } = row;
      await this.db
        .insertInto('sync_bindings')
        .values(row)
        .onConflict((oc) => oc.columns(['connector', 'external_id']).doUpdateSet(update))
        .execute();
    }
  }

  /** Present or missing bindings that the run did not see. */
  async unseen(connector: string, runId: string): Promise<Binding[]> {
    const rows = await this.db
      .selectFrom('sync_bindings')
      .selectAll()
      .where('connector', '=', connector)
      .where('status', '!=', 'retired')
      .where((eb) => eb.or([eb('last_seen_run', 'is', null), eb('last_seen_run', '!=', runId)]))
      .execute();
    return rows.map(toBinding);
  }

  async countSeen(connector: string, runId: string): Promise<number> {
    const row = await this.db
      .selectFrom('sync_bindings')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('connector', '=', connector)
      .where('last_seen_run', '=', runId)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async countActive(connector: string): Promise<number> {
    const row = await this.db
      .selectFrom('sync_bindings')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('connector', '=', connector)
      .where('status', '!=', 'retired')
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }
}

function toBinding(r: SyncBindingsTable): Binding {
  return {
    connector: r.connector,
    externalId: r.external_id,
    assetId: r.asset_id,
    held: JSON.parse(r.held) as Record<string, unknown>,
    version: r.version,
    lastSeenRun: r.last_seen_run,
    missingRuns: Number(r.missing_runs),
    status: r.status as BindingStatus,
    retiredAt: r.retired_at ?? null,
  };
}

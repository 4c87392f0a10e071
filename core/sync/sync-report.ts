import type { RowStatus } from '../ingest/ingest-outcome';
import { emptyTicketSummary, type TicketSummary } from './ticket-linker';

/**
 * What a run does (or, in a dry run, would do) in one system:
 * - `create`, `update`: a write of `fields` (before → after) to the system's record;
 * - `retire`: the system's record of a retired or disposed asset is marked retired there;
 * - `retire-missing`: the core asset is retired, its record missing from too many complete reads;
 * - `link`, `unlink`: the ticket `ticketKey` of the system is linked to or unlinked from the asset.
 */
export interface PlannedWrite {
  action: 'create' | 'update' | 'retire' | 'retire-missing' | 'link' | 'unlink';
  assetId: string;
  externalId: string | null;
  fields: { path: string; before: unknown; after: unknown }[];
  ticketKey?: string;
}

export interface RecordFailure {
  connector: string;
  ref: string;
  message: string;
}

/** What one connector did in one run. */
export interface ConnectorReport {
  connector: string;
  read: {
    mode: 'full' | 'incremental' | null;
    pages: number;
    records: number;
    complete: boolean;
    resumed: boolean;
    outcomes: Record<RowStatus, number>;
    /** Fields both this system and the core changed since the last sync. */
    fieldConflicts: number;
  };
  missing: { marked: number; retired: number; stopped: string | null };
  /** `retired`: records this system was asked to retire (their asset was retired or disposed). */
  writes: {
    created: number;
    updated: number;
    unchanged: number;
    failed: number;
    retired: number;
    /** Creates not tried: an open conflict says the record found was another asset's. */
    held: number;
  };
  /** Tickets read, links made and removed, context notes posted (connectors with tickets). */
  tickets: TicketSummary;
  plan: PlannedWrite[];
  failures: RecordFailure[];
  error: string | null;
}

export interface SyncReport {
  runId: string;
  dryRun: boolean;
  /** Read and stored only; nothing was written to the systems. */
  readOnly: boolean;
  startedAt: string;
  endedAt: string;
  connectors: ConnectorReport[];
  /** True when any record failed, a read failed, or a missing sweep was stopped. */
  someFailed: boolean;
}

export function emptyConnectorReport(connector: string): ConnectorReport {
  return {
    connector,
    read: {
      mode: null,
      pages: 0,
      records: 0,
      complete: false,
      resumed: false,
      fieldConflicts: 0,
      outcomes: { created: 0, updated: 0, unchanged: 0, conflict: 0, rejected: 0 },
    },
    missing: { marked: 0, retired: 0, stopped: null },
    writes: { created: 0, updated: 0, unchanged: 0, failed: 0, retired: 0, held: 0 },
    tickets: emptyTicketSummary(),
    plan: [],
    failures: [],
    error: null,
  };
}

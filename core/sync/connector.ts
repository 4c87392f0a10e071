import type { Logger } from 'pino';
import type { z } from 'zod';
import type { ConnectorConfig } from '../config/config-schema';
import type { ConnectorSecrets } from '../config/secrets';
import type { HttpFactory } from '../http/http-factory';
import type { Mapping } from '../mapping/mapping-schema';
import type { Asset, TicketKind } from '../model/asset';

/**
 * The connector contract. A connector is one folder under `connectors/` whose `index.ts` exports
 * one `ConnectorModule`; `connectors/registry.ts` lists them. A connector knows one vendor and
 * this contract, never another connector.
 */
export interface ConnectorModule {
  /** Connector type as configs name it: `jamf`, `intune`, `servicenow`, `jsm`. */
  readonly type: string;
  readonly displayName: string;
  readonly capabilities: ConnectorCapabilities;
  /** zod schema of the connector's `options` block in the config; validated before anything runs. */
  readonly optionsSchema: z.ZodType;
  /** Builds an instance; everything it touches of the outside world comes in through `deps`. */
  create(deps: ConnectorDeps): Connector;
}

export interface ConnectorCapabilities {
  read: boolean;
  write: boolean;
  webhooks: boolean;
  tickets: boolean;
}

/** What the runtime gives a connector instance. */
export interface ConnectorDeps {
  /** Instance name from the config (`jamf-prod`); the source name of its records. */
  name: string;
  config: ConnectorConfig;
  /** Parsed with the module's `optionsSchema`. */
  options: unknown;
  secrets: ConnectorSecrets;
  mapping: Mapping;
  /** HTTP clients sharing this instance's limiter, retries and request stats. */
  http: HttpFactory;
  logger: Logger;
  clock: () => Date;
}

/** One record as read from a vendor, before mapping. */
export interface VendorRecord {
  /**
   * Stable id within the instance. Where a vendor has id namespaces (Jamf computers and mobile
   * devices), the connector prefixes them: `computer:42`, `mobile:42`.
   */
  externalId: string;
  /** When the vendor last changed or observed the record (UTC instant). */
  observedAt: string;
  /** The vendor's own change marker (`sys_mod_count`, `updated`), for echo suppression. */
  version?: string;
  /** The record in the vendor's wire shape; the mapping reads from it. */
  data: unknown;
}

export interface ReadRequest {
  /** `full` reads everything; `incremental` reads what changed since `watermark` (inclusive). */
  mode: 'full' | 'incremental';
  watermark: string | null;
  /** Where an interrupted read stopped (the `checkpoint` of the last page handled), or null. */
  checkpoint: string | null;
  signal?: AbortSignal;
}

export interface ReadPage {
  records: VendorRecord[];
  /** Opaque position after this page; stored after the page is applied. */
  checkpoint: string;
  /**
   * For full reads, how many records the vendor says exist (Jamf `totalCount`, `X-Total-Count`).
   * A full read that ends with fewer distinct records is incomplete, never a shrunk fleet.
   */
  expectedTotal?: number;
}

/** A write the sync engine asks for: only the fields that differ from what the vendor holds. */
export interface WriteRequest {
  asset: Asset;
  /** Vendor-shaped fields (from `mapOutbound`), only those that changed. */
  changes: Record<string, unknown>;
  /** The full outbound view, for creates and for looking a record up. */
  full: Record<string, unknown>;
  /**
   * Which of these records are already the records of other assets (record id → that asset's
   * id): a writer asks before a write that the vendor could match to one of them (the IRE's
   * fall-back to the name, say), so that two assets never share one record.
   */
  claimedByOthers?(externalIds: readonly string[]): Promise<ReadonlyMap<string, string>>;
}

export interface WriteResult {
  externalId: string;
  /** The record as the vendor now holds it, when the answer carries it. */
  record?: VendorRecord;
  /**
   * True when the update sent nothing: the record already held every value that could be sent
   * (the rest, such as an owner the vendor does not know, was left out). Counted as unchanged.
   */
  unchanged?: boolean;
}

/** One record of a batch update: the same as the arguments of `update`. */
export interface BatchUpdate {
  externalId: string;
  req: WriteRequest;
}

/** The outcome of one record of a batch update; a failed record fails alone. */
export type BatchUpdateResult = { ok: true; result: WriteResult } | { ok: false; error: Error };

export interface ConnectorWriter {
  /** Looks up the vendor record of an asset (serial, asset tag) before a create, and again
   * before retrying a create whose outcome is unknown. */
  find(req: WriteRequest): Promise<VendorRecord | null>;
  /** Absent for systems that do not take new records from us (MDMs): only bound records are updated. */
  create?(req: WriteRequest): Promise<WriteResult>;
  update(externalId: string, req: WriteRequest): Promise<WriteResult>;
  /**
   * Marks a record retired in the vendor (never a hard delete). The engine calls it once per
   * record, after the asset was retired or disposed (by a missing sweep or by a source), for each
   * system other than the one the asset went missing from that holds a record of it. Must be
   * idempotent: a run killed between the call and its checkpoint calls it again.
   */
  retire?(externalId: string, asset: Asset): Promise<void>;
  /**
   * Updates several records in one call (a vendor batch API). When present the engine sends its
   * updates through it, at most `maxBatchSize` at a time; the answer has one result per item, in
   * the order of `items`. A throw (or an answer of the wrong length) fails the call as a whole:
   * the engine then updates those records one by one with `update`.
   */
  updateBatch?(items: readonly BatchUpdate[]): Promise<BatchUpdateResult[]>;
  /** Most items per `updateBatch` call; 100 when absent. */
  readonly maxBatchSize?: number;
}

/** A webhook request exactly as received: the signature is checked over `rawBody`. */
export interface RawWebhook {
  headers: Readonly<Record<string, string | undefined>>;
  rawBody: Buffer;
  receivedAt: Date;
}

export type WebhookVerdict =
  | {
      ok: true;
      deliveryId: string;
      /** When the sender sent the event (from a signed part of the request), or null. */
      sentAt: Date | null;
      /**
       * How long after `sentAt` the delivery may still arrive, when the sender documents a
       * longer window (its retries of a failed delivery) than the receiver's tolerance; the
       * receiver allows the larger of the two for the past, never more for the future.
       */
      maxAgeMs?: number;
    }
  | { ok: false; reason: string };

/** What a webhook tells us; always a hint to read the record or ticket again. */
export type WebhookEvent =
  { kind: 'record'; externalId: string; deleted: boolean } | { kind: 'ticket'; ticketKey: string };

export interface ConnectorWebhooks {
  /** Checks signature (constant time) and timestamp; never parses before it has verified. */
  verify(req: RawWebhook): WebhookVerdict;
  /** Parses a verified body; throws RECORD_INVALID with a reason for a malformed one. */
  parse(req: RawWebhook): WebhookEvent[];
  /** Reads one record again; null when the vendor says it no longer exists. */
  fetch(externalId: string): Promise<VendorRecord | null>;
}

export interface TicketRecord {
  /** The ticket's number as people use it (`INC0010001`, `ITSM-42`). */
  key: string;
  kind: TicketKind;
  /** The state as the vendor shows it (`In Progress`, `Waiting for support`). */
  state: string;
  /** False once the ticket is resolved, closed or cancelled. */
  open: boolean;
  title: string;
  url?: string;
  /** External ids (in this instance) of the assets the ticket names: its CI or Assets field,
   * and its affected CIs. */
  assetExternalIds: string[];
  /** Summary and description, for the optional linking by a serial or asset tag named in them. */
  text?: string;
  updatedAt: string;
}

/** One asset as the context note of a ticket shows it; built by the core from the store. */
export interface AssetContextEntry {
  assetId: string;
  name: string | null;
  assetTag: string | null;
  serial: string | null;
  category: string | null;
  model: string | null;
  owner: string | null;
  department: string | null;
  location: string | null;
  lifecycleStage: string;
  warrantyEnd: string | null;
  /** Last check-in with an MDM (or any source) and which one. */
  lastSeenAt: string | null;
  lastSeenSource: string | null;
  compliance: string | null;
  /** Other open incidents on the same asset, in any system. */
  otherOpenIncidents: { system: string; key: string; title: string | null }[];
}

/** What `addContext` posts. `lines` is the plain-text rendering; a connector may render
 * `assets` itself (ADF, HTML work note). `fingerprint` is stable for the same content. */
export interface AssetContext {
  assets: AssetContextEntry[];
  lines: string[];
  fingerprint: string;
}

export interface ConnectorTickets {
  /** When true (an option of the instance, off by default), a ticket that names a known serial or
   * asset tag in its `text` gets that asset attached through `attachRecord`. */
  readonly autoLink?: boolean;
  readTicket(key: string): Promise<TicketRecord | null>;
  /** Adds asset context to the ticket (work note, ADF comment). The core calls it only when the
   * context changed since the last one it posted on that ticket. */
  addContext(key: string, context: AssetContext): Promise<void>;
  /** Tickets changed since `since` (inclusive; everything recent when null), in pages; the core
   * keeps the watermark. Absent when a connector learns of tickets only by webhook. */
  changedTickets?(since: string | null, signal?: AbortSignal): AsyncIterable<TicketRecord[]>;
  /** Tickets connected to one record (JSM `objectconnectedtickets`, ServiceNow `task_ci` and
   * `cmdb_ci`), to backfill links. */
  ticketsOfRecord?(externalId: string): Promise<TicketRecord[]>;
  /** Names a record on a ticket (sets its CI or adds an affected CI; adds to the Assets field);
   * used by `assetbridge link` and by optional auto-linking. Never adds it twice. */
  attachRecord?(key: string, externalId: string): Promise<void>;
}

/** A configured connector instance. Optional parts follow `capabilities`. */
export interface Connector {
  readonly name: string;
  readonly type: string;
  read?(req: ReadRequest): AsyncIterable<ReadPage>;
  writer?: ConnectorWriter;
  webhooks?: ConnectorWebhooks;
  tickets?: ConnectorTickets;
  /** Releases sockets and timers. */
  close?(): Promise<void>;
}

import { z } from 'zod';

export const CATEGORIES = [
  'laptop',
  'desktop',
  'server',
  'network',
  'mobile',
  'tablet',
  'printer',
  'peripheral',
  'other',
] as const;
export const Category = z.enum(CATEGORIES);
export type Category = z.infer<typeof Category>;

export const LIFECYCLE_STAGES = [
  'planned',
  'ordered',
  'in_stock',
  'deployed',
  'in_maintenance',
  'retired',
  'disposed',
  'lost',
  'stolen',
] as const;
export const LifecycleStage = z.enum(LIFECYCLE_STAGES);
export type LifecycleStage = z.infer<typeof LifecycleStage>;

export const COMPLIANCE_STATES = [
  'compliant',
  'noncompliant',
  'in_grace_period',
  'unknown',
] as const;
export const ComplianceState = z.enum(COMPLIANCE_STATES);
export type ComplianceState = z.infer<typeof ComplianceState>;

export const TICKET_KINDS = ['incident', 'request', 'change'] as const;
export const TicketKind = z.enum(TICKET_KINDS);
export type TicketKind = z.infer<typeof TicketKind>;

/** `YYYY-MM-DD` calendar date. */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');
/** ISO-8601 UTC instant as produced by `Date.prototype.toISOString`. */
export const IsoInstant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, 'expected a UTC instant');

/** An id the asset has in one connector instance, for example `jamf-prod` / `computer:42`. */
export const ExternalId = z.object({
  system: z.string().min(1),
  id: z.string().min(1),
  /** An older id of the same device (re-enrolment); kept so that it still resolves. */
  alias: z.boolean().default(false),
  /** When the source last reported the device under this id. */
  observedAt: IsoInstant.optional(),
});
export type ExternalId = z.infer<typeof ExternalId>;

export const CustodyEntry = z.object({
  at: IsoInstant,
  from: z.string().min(1),
  to: z.string().min(1),
  note: z.string().optional(),
});
export type CustodyEntry = z.infer<typeof CustodyEntry>;

export const WIPE_METHODS = [
  'nist_800_88_clear',
  'nist_800_88_purge',
  'crypto_erase',
  'physical_destruction',
  'degauss',
  'mdm_wipe',
] as const;

export const DisposalRecord = z.object({
  wipeMethod: z.enum(WIPE_METHODS).optional(),
  /** Reference to the wipe certificate or report, for example a vendor certificate number. */
  wipeProofRef: z.string().min(1).optional(),
  wipedAt: IsoInstant.optional(),
  custody: z.array(CustodyEntry).default([]),
  /**
   * The email address of the person who approved the disposal. Writes check it (DisposalPatch in
   * core/store/disposal-recorder.ts); a stored record is read as it was written.
   */
  approvedBy: z.string().min(1).optional(),
  /** When the disposal was approved. */
  approvedAt: IsoInstant.optional(),
  disposalVendor: z.string().optional(),
  certificateRef: z.string().optional(),
});
export type DisposalRecord = z.infer<typeof DisposalRecord>;

export const TicketLink = z.object({
  system: z.string().min(1),
  key: z.string().min(1),
  kind: TicketKind,
  state: z.string().optional(),
  /** False once the ticket is resolved, closed or cancelled; unknown when absent. */
  open: z.boolean().optional(),
  title: z.string().optional(),
  url: z.string().optional(),
  linkedAt: IsoInstant,
  updatedAt: IsoInstant,
});
export type TicketLink = z.infer<typeof TicketLink>;

const opt = <T extends z.ZodTypeAny>(schema: T) => schema.nullable().optional();

/**
 * The reconciled record of one real device. Scalar fields listed in `CORE_FIELDS` are merged per
 * field by source authority; `disposal` and `tickets` are written by their own operations.
 */
export const Asset = z.object({
  id: z.string().min(1),
  assetTag: opt(z.string()),
  serial: opt(z.string()),
  name: opt(z.string()),
  category: Category,
  manufacturer: opt(z.string()),
  model: opt(z.string()),
  os: z.object({ name: opt(z.string()), version: opt(z.string()) }),
  hardware: z.object({
    cpu: opt(z.string()),
    memoryGb: opt(z.number().nonnegative()),
    storageGb: opt(z.number().nonnegative()),
  }),
  lifecycle: z.object({ stage: LifecycleStage }),
  assignment: z.object({
    userEmail: opt(z.string()),
    department: opt(z.string()),
    location: opt(z.string()),
    costCenter: opt(z.string()),
  }),
  purchase: z.object({
    date: opt(IsoDate),
    cost: opt(z.number().nonnegative()),
    currency: opt(z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 currency code')),
    vendor: opt(z.string()),
    poNumber: opt(z.string()),
  }),
  warranty: z.object({ start: opt(IsoDate), end: opt(IsoDate), contract: opt(z.string()) }),
  identifiers: z.object({
    serials: z.array(z.string()),
    macAddresses: z.array(z.string()),
    udid: opt(z.string()),
    imeis: z.array(z.string()),
    hostnames: z.array(z.string()),
    external: z.array(ExternalId),
  }),
  lastSeen: z.object({ at: opt(IsoInstant), source: opt(z.string()) }),
  compliance: z.object({ state: opt(ComplianceState) }),
  disposal: DisposalRecord.nullable().optional(),
  tickets: z.array(TicketLink),
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
});
export type Asset = z.infer<typeof Asset>;

/** A fresh asset with every section present and empty. */
export function emptyAsset(id: string, now: string): Asset {
  return {
    id,
    category: 'other',
    os: {},
    hardware: {},
    lifecycle: { stage: 'in_stock' },
    assignment: {},
    purchase: {},
    warranty: {},
    identifiers: { serials: [], macAddresses: [], imeis: [], hostnames: [], external: [] },
    lastSeen: {},
    compliance: {},
    disposal: null,
    tickets: [],
    createdAt: now,
    updatedAt: now,
  };
}

import { z } from 'zod';

/** Request and response shapes of `/api/now/identifyreconcile` (c_IdentifyReconcileAPI.md). */

const sourceInfoSchema = z.object({
  source_name: z.string().optional(),
  source_feed: z.string().optional(),
  source_native_key: z.string().optional(),
  source_recency_timestamp: z.string().optional(),
});

const valuesSchema = z.record(z.string(), z.unknown());

const subItemSchema = z.object({
  className: z.string().min(1),
  internal_id: z.string().optional(),
  values: valuesSchema.default({}),
  sys_object_source_info: sourceInfoSchema.optional(),
});

export const ireItemSchema = subItemSchema.extend({
  lookup: z.array(subItemSchema).optional(),
  related: z.array(subItemSchema).optional(),
  settings: z
    .object({
      skipReclassificationRestrictionRules: z.boolean(),
      updateWithoutDowngrade: z.boolean(),
      updateWithoutSwitch: z.boolean(),
      updateWithoutUpgrade: z.boolean(),
    })
    .partial()
    .optional(),
});

export const ireRelationSchema = z.object({
  parent: z.number().int().optional(),
  child: z.number().int().optional(),
  parent_id: z.string().optional(),
  child_id: z.string().optional(),
  type: z.string(),
  sys_rel_source_info: sourceInfoSchema.optional(),
});

export const irePayloadSchema = z.object({
  items: z.array(ireItemSchema),
  relations: z.array(ireRelationSchema).optional(),
  referenceItems: z
    .array(
      z.object({ referenced: z.string(), referencedBy: z.string(), referenceField: z.string() }),
    )
    .optional(),
});

export type IreItem = z.infer<typeof ireItemSchema>;
export type IreSubItem = z.infer<typeof subItemSchema>;
export type IreRelation = z.infer<typeof ireRelationSchema>;
export type IrePayload = z.infer<typeof irePayloadSchema>;

export type AttemptResult = 'MATCHED' | 'MULTI_MATCH' | 'NO_MATCH' | 'SKIPPED';

export interface IdentificationAttempt {
  info?: string;
  identifierName: string;
  attemptResult: AttemptResult;
  attributes: string[];
  searchOnTable?: string;
  hybridEntryCiAttributes: string[];
}

export interface IreMessage {
  error: string;
  message: string;
}

export interface IreInfo {
  code: 'SKIPPED_CLASS_SWITCH' | 'SKIPPED_CLASS_DOWNGRADE' | 'SKIPPED_CLASS_UPGRADE';
  message: string;
  ruleSysId: string;
}

export interface IreRelatedItem {
  className: string;
  sysId?: string;
  operation?: string;
  inputIndices: { mainIndex: number; subIndex: number }[];
  markers: string[];
  mergedPayloadIds: string[];
}

export interface IreItemResult {
  className: string;
  operation: string;
  sysId: string;
  partialSysIds?: string[];
  incompleteSysIds?: string[];
  relatedSysIds?: (string | null)[];
  relatedItems?: IreRelatedItem[];
  additionalRelatedItems?: IreRelatedItem[];
  identifierEntrySysId: string;
  identificationAttempts: IdentificationAttempt[];
  info?: IreInfo[];
  markers: string[];
  inputIndices: number[];
  mergedPayloadIds: string[];
  errorCount: number;
  errors?: IreMessage[];
  warnings?: IreMessage[];
  warningCount?: number;
}

export interface IreRelationResult {
  className: 'cmdb_rel_ci';
  operation: string;
  markers: string[];
  inputIndices: number[];
  mergedPayloadIds: string[];
  errorCount: number;
  errors?: IreMessage[];
}

export interface IreSummaryEntry {
  inserted: number;
  updated: number;
  unchanged: number;
  skipped: number;
  partial: number;
  incomplete: number;
  warnings: number;
  errors: number;
  additionalInserted: number;
  mergedPartialPayloads: number;
}

export interface IreResult {
  items: IreItemResult[];
  additionalCommittedItems: IreItemResult[];
  relations: IreRelationResult[];
  additionalCommittedRelations: IreRelationResult[];
  hasError?: boolean;
  hasWarning?: boolean;
  summary?: Record<string, IreSummaryEntry>;
}

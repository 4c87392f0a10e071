import { HARDWARE_ENTRY_IDS, identifyHardware, type Identification } from './ire-identify';
import type {
  IdentificationAttempt,
  IreItem,
  IreItemResult,
  IreMessage,
  IrePayload,
  IreResult,
} from './ire-payload';
import { IreCommitter, type Reclassification } from './ire-commit';
import { duplicateGroups, mergeGroup } from './ire-dedupe';
import { relationResults } from './ire-relations';
import { summarize } from './ire-summary';
import { toStoredString } from './record-input';
import type { SnRecord } from './record-store';
import type { ServiceNowState } from './servicenow-state';

export interface EnhancedOptions {
  partial_payloads: boolean;
  partial_commits: boolean;
  deduplicate_payloads: boolean;
  generate_summary: boolean;
}

export interface IreRunOptions {
  dataSource?: string;
  enhanced: boolean;
  /** False for the `/query` dry-run endpoints. */
  commit: boolean;
  options: EnhancedOptions;
  user: string;
}

const UNKNOWN = 'Unknown';

function message(error: string, text: string): IreMessage {
  return { error, message: text };
}

/** Identification and reconciliation of a payload, as `/api/now/identifyreconcile*` run it. */
export class IreEngine {
  private readonly committer: IreCommitter;

  constructor(private readonly state: ServiceNowState) {
    this.committer = new IreCommitter(state);
  }

  run(payload: IrePayload, opts: IreRunOptions): IreResult {
    const { items, byIndex } = this.items(payload, opts);
    const result: IreResult = {
      items,
      additionalCommittedItems: [],
      relations: relationResults(this.state, payload, byIndex, opts),
      additionalCommittedRelations: [],
    };
    if (opts.enhanced) {
      const all = [...items, ...result.relations];
      result.hasError = all.some((r) => r.errorCount > 0);
      result.hasWarning = items.some((r) => (r.warningCount ?? 0) > 0);
      if (opts.options.generate_summary) result.summary = summarize(items);
    }
    return result;
  }

  /**
   * Items in payload order. Items that describe the same CI are DUPLICATE_PAYLOAD_RECORDS errors
   * on the plain API and merged into one result on the enhanced API (deduplicate_payloads).
   * `byIndex` maps each payload index to its result, for relations.
   */
  private items(
    payload: IrePayload,
    opts: IreRunOptions,
  ): { items: IreItemResult[]; byIndex: IreItemResult[] } {
    const items: IreItemResult[] = [];
    const byIndex: IreItemResult[] = [];
    const merge = opts.enhanced && opts.options.deduplicate_payloads;
    const groupOf = new Map<number, number[]>();
    for (const group of duplicateGroups(payload.items)) group.forEach((i) => groupOf.set(i, group));
    payload.items.forEach((item, index) => {
      const group = groupOf.get(index);
      let result: IreItemResult;
      if (!group) {
        result = this.item(item, index, opts);
      } else if (merge && group[0] !== index) {
        byIndex[index] = byIndex[group[0]];
        return;
      } else if (merge) {
        result = this.item(mergeGroup(payload.items, group), index, opts);
        result.inputIndices = [...group];
      } else {
        const others = group.filter((i) => i !== index).join(', ');
        const text = `In payload duplicate items at indexes [${index}, ${others}] identify the same CI`;
        result = this.fail(
          this.base(item, index, opts),
          message('DUPLICATE_PAYLOAD_RECORDS', text),
          opts,
        );
      }
      items.push(result);
      byIndex[index] = result;
    });
    return { items, byIndex };
  }

  private base(item: IreItem, index: number, opts: IreRunOptions): IreItemResult {
    const result: IreItemResult = {
      className: item.className,
      operation: 'NO_CHANGE',
      sysId: UNKNOWN,
      identifierEntrySysId: UNKNOWN,
      identificationAttempts: [],
      markers: [],
      inputIndices: [index],
      mergedPayloadIds: [],
      errorCount: 0,
    };
    if (opts.enhanced) {
      result.errors = [];
      result.warnings = [];
      result.warningCount = 0;
    }
    return result;
  }

  private fail(result: IreItemResult, error: IreMessage, opts: IreRunOptions): IreItemResult {
    result.operation = 'INSERT_AS_INCOMPLETE';
    result.errors = [...(result.errors ?? []), error];
    result.errorCount = result.errors.length;
    if (opts.enhanced) result.incompleteSysIds = [this.state.rng.hex(32)];
    return result;
  }

  private dataSourceError(item: IreItem, opts: IreRunOptions): IreMessage | null {
    const ds = this.dataSourceOf(item, opts);
    const tail =
      'You need to provide choice value from choice field [discovery_source] in table [cmdb_ci]';
    if (!ds) return message('INVALID_INPUT_DATA', `In payload no data source exist. ${tail}`);
    if (!this.state.isDiscoverySource(ds)) {
      return message('INVALID_INPUT_DATA', `In payload invalid data source [${ds}] exist. ${tail}`);
    }
    return null;
  }

  private dataSourceOf(item: IreItem, opts: IreRunOptions): string {
    return opts.dataSource || item.sys_object_source_info?.source_name || '';
  }

  private item(item: IreItem, index: number, opts: IreRunOptions): IreItemResult {
    const result = this.base(item, index, opts);
    const schema = this.state.store.schema;
    if (!schema.isA(item.className, 'cmdb_ci')) {
      const text = `In payload className [${item.className}] is not a valid class in CMDB`;
      return this.fail(result, message('INVALID_INPUT_DATA', text), opts);
    }
    const dsError = this.dataSourceError(item, opts);
    if (dsError) return this.fail(result, dsError, opts);
    const values = this.valuesOf(item, result, opts);
    const bySource = this.sourceMatch(item, opts);
    if (bySource.attempt) result.identificationAttempts.push(bySource.attempt);
    if (bySource.match) {
      return this.reconcile(item, values, bySource.match, UNKNOWN, result, opts);
    }
    if (!schema.isA(item.className, 'cmdb_ci_hardware')) {
      const text = `Identification rule missing for class [${item.className}]`;
      return this.fail(result, message('IDENTIFICATION_RULE_MISSING', text), opts);
    }
    const id = identifyHardware(this.state.store, values, item.lookup ?? []);
    result.identificationAttempts.push(...id.attempts);
    return this.afterIdentification(item, values, id, result, opts);
  }

  private valuesOf(
    item: IreItem,
    result: IreItemResult,
    opts: IreRunOptions,
  ): Record<string, string> {
    const values: Record<string, string> = {};
    const key = this.partialKey(item, opts);
    const partial = key ? this.state.partialPayloads.get(key) : undefined;
    if (partial && opts.enhanced && opts.options.partial_payloads) {
      Object.assign(values, partial.values);
      result.mergedPayloadIds.push(partial.sysId);
    }
    for (const [k, v] of Object.entries(item.values)) values[k] = toStoredString(v);
    return values;
  }

  private partialKey(item: IreItem, opts: IreRunOptions): string | null {
    const key = item.sys_object_source_info?.source_native_key;
    return key ? `${this.dataSourceOf(item, opts)}|${key}` : null;
  }

  private sourceMatch(
    item: IreItem,
    opts: IreRunOptions,
  ): { attempt?: IdentificationAttempt; match?: SnRecord } {
    const key = item.sys_object_source_info?.source_native_key;
    if (!key) return {};
    const ds = this.dataSourceOf(item, opts);
    const row = this.state.store
      .findBy('sys_object_source', 'id', key)
      .find((r) => r.name === ds && r.target_sys_id);
    const match = row ? this.state.store.get('cmdb_ci', row.target_sys_id) : undefined;
    const attempt: IdentificationAttempt = {
      identifierName: '',
      attemptResult: match ? 'MATCHED' : 'NO_MATCH',
      attributes: [],
      hybridEntryCiAttributes: [],
    };
    if (opts.enhanced) attempt.info = `sys_object_source ${attempt.attemptResult}`;
    return { attempt, match };
  }

  private afterIdentification(
    item: IreItem,
    values: Record<string, string>,
    id: Identification,
    result: IreItemResult,
    opts: IreRunOptions,
  ): IreItemResult {
    if (id.multiMatch) {
      const { table, attributes } = id.multiMatch;
      const text = `Found duplicate records in table [${table}] using fields [${attributes.join(', ')}]`;
      return this.fail(result, message('MULTIPLE_DUPLICATE_RECORDS', text), opts);
    }
    if (id.match) return this.reconcile(item, values, id.match, id.entryId ?? '', result, opts);
    if (id.allSkipped) return this.missingAttributes(item, values, result, opts);
    result.identifierEntrySysId = HARDWARE_ENTRY_IDS.name;
    result.operation = 'INSERT';
    result.sysId = opts.commit
      ? this.committer.insert(item, values, this.dataSourceOf(item, opts), opts).sys_id
      : UNKNOWN;
    this.dropPartial(item, opts);
    this.committer.lookups(item, result, opts);
    return result;
  }

  private missingAttributes(
    item: IreItem,
    values: Record<string, string>,
    result: IreItemResult,
    opts: IreRunOptions,
  ): IreItemResult {
    const text =
      'In payload missing minimum set of input values for criterion (matching) attributes ' +
      `from identify rule for table [cmdb_ci_hardware]. Add these input values in payload item ` +
      `'${JSON.stringify({ className: item.className, values })}'`;
    const warning = message('MISSING_MATCHING_ATTRIBUTES', text);
    const key = this.partialKey(item, opts);
    if (!(opts.enhanced && opts.options.partial_payloads && key)) {
      return this.fail(result, warning, opts);
    }
    const existing = this.state.partialPayloads.get(key);
    const sysId = existing?.sysId ?? this.state.rng.hex(32);
    if (opts.commit)
      this.state.partialPayloads.set(key, { sysId, className: item.className, values });
    result.operation = 'INSERT_AS_PARTIAL';
    result.partialSysIds = [sysId];
    result.mergedPayloadIds = [];
    result.warnings = [warning];
    result.warningCount = 1;
    return result;
  }

  private dropPartial(item: IreItem, opts: IreRunOptions): void {
    const key = this.partialKey(item, opts);
    if (key && opts.commit) this.state.partialPayloads.delete(key);
  }

  private reconcile(
    item: IreItem,
    values: Record<string, string>,
    ci: SnRecord,
    entryId: string,
    result: IreItemResult,
    opts: IreRunOptions,
  ): IreItemResult {
    result.sysId = ci.sys_id;
    result.identifierEntrySysId = entryId;
    const change: Reclassification = this.committer.reclassification(item, ci);
    if (change.info) result.info = [change.info];
    const changed = this.committer.update(
      item,
      values,
      ci,
      change,
      this.dataSourceOf(item, opts),
      opts,
    );
    result.operation = change.operation ?? (changed ? 'UPDATE' : 'NO_CHANGE');
    this.dropPartial(item, opts);
    this.committer.lookups(item, result, opts);
    return result;
  }
}

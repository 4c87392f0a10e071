import type { IreRunOptions } from './ire-engine';
import type { IreItemResult, IrePayload, IreRelation, IreRelationResult } from './ire-payload';
import type { ServiceNowState } from './servicenow-state';

function indexOf(payload: IrePayload, ref: number | undefined, id: string | undefined): number {
  if (id !== undefined) return payload.items.findIndex((i) => i.internal_id === id);
  return ref ?? -1;
}

function endpointError(
  payload: IrePayload,
  items: IreItemResult[],
  relation: IreRelation,
): string | null {
  const parent = indexOf(payload, relation.parent, relation.parent_id);
  const child = indexOf(payload, relation.child, relation.child_id);
  for (const [role, index] of [
    ['parent', parent],
    ['child', child],
  ] as const) {
    if (index < 0 || index >= items.length) {
      return `In payload invalid ${role} index [${index}] for relation type [${relation.type}]`;
    }
    if (items[index].sysId === 'Unknown') {
      return `In payload ${role} item [${index}] of relation was not identified`;
    }
  }
  return null;
}

/** `relations[]`: `cmdb_rel_ci` rows between identified items; NO_CHANGE when already there. */
export function relationResults(
  state: ServiceNowState,
  payload: IrePayload,
  items: IreItemResult[],
  opts: IreRunOptions,
): IreRelationResult[] {
  return (payload.relations ?? []).map((relation, index) => {
    const result: IreRelationResult = {
      className: 'cmdb_rel_ci',
      operation: 'INSERT',
      markers: [],
      inputIndices: [index],
      mergedPayloadIds: [],
      errorCount: 0,
    };
    const type = state.relationType(relation.type);
    const error = type
      ? endpointError(payload, items, relation)
      : `In payload invalid relation type [${relation.type}]`;
    if (error || !type) {
      result.operation = 'INSERT_AS_INCOMPLETE';
      result.errors = [{ error: 'INVALID_INPUT_DATA', message: error ?? '' }];
      result.errorCount = 1;
      return result;
    }
    const parent = items[indexOf(payload, relation.parent, relation.parent_id)].sysId;
    const child = items[indexOf(payload, relation.child, relation.child_id)].sysId;
    const exists = state.store
      .findBy('cmdb_rel_ci', 'parent', parent)
      .some((r) => r.child === child && r.type === type.sys_id);
    if (exists) {
      result.operation = 'NO_CHANGE';
    } else if (opts.commit) {
      state.store.insert('cmdb_rel_ci', { parent, child, type: type.sys_id }, opts.user);
    }
    return result;
  });
}

import type { Asset } from '../model/asset';
import {
  CORE_FIELDS,
  getField,
  sameValue,
  setField,
  type CoreFieldDef,
  type FieldValue,
} from '../model/core-fields';
import { checkTransition } from '../model/lifecycle';
import type { FieldProvenance, HistoryEntry } from '../store/store-types';
import type { AuthorityTable } from './authority';

/** One observation as the reconciler sees it: canonical values from one source. */
export interface ReconcileInput {
  source: string;
  externalId: string | null;
  observedAt: string;
  values: Record<string, FieldValue>;
}

export interface FieldChange {
  field: string;
  oldValue: FieldValue;
  newValue: FieldValue;
  source: string;
  observedAt: string;
  /** Index of the winning input. */
  input: number;
}

export interface FieldRejection {
  input: number;
  field: string;
  message: string;
}

export interface ReconcileResult {
  asset: Asset;
  changes: FieldChange[];
  /** Provenance rows to write (changed winners only). */
  provenance: FieldProvenance[];
  rejections: FieldRejection[];
}

interface Candidate {
  input: number;
  source: string;
  authority: number;
  observedAt: string;
  value: FieldValue;
}

const CURRENT = -1;

/** Orders candidates: authority, then newest observation, then source name, then value. */
function beats(a: Candidate, b: Candidate): boolean {
  if (a.authority !== b.authority) return a.authority > b.authority;
  if (a.observedAt !== b.observedAt) return a.observedAt > b.observedAt;
  if (a.source !== b.source) return a.source > b.source;
  return JSON.stringify(a.value) > JSON.stringify(b.value);
}

/**
 * Merges observations into an asset field by field. Pure: the result depends only on the asset,
 * its provenance and the set of inputs (not their order). A field whose winner equals the current
 * value produces no change and no history.
 */
export function reconcile(
  current: Asset,
  provenance: ReadonlyMap<string, FieldProvenance>,
  inputs: readonly ReconcileInput[],
  authority: AuthorityTable,
  options: { isNew: boolean },
): ReconcileResult {
  const asset = structuredClone(current);
  const result: ReconcileResult = { asset, changes: [], provenance: [], rejections: [] };
  for (const def of CORE_FIELDS) {
    const candidates = candidatesFor(def.path, inputs, authority);
    if (candidates.length === 0) continue;
    if (def.merge === 'union') mergeUnion(def, candidates, result);
    else if (def.merge === 'max') mergeMax(def, candidates, result);
    else mergeByAuthority(def, candidates, provenance, result, options.isNew);
  }
  return result;
}

function candidatesFor(
  field: string,
  inputs: readonly ReconcileInput[],
  authority: AuthorityTable,
) {
  const out: Candidate[] = [];
  inputs.forEach((input, i) => {
    const value = input.values[field];
    if (value === undefined || value === null) return;
    if (Array.isArray(value) && value.length === 0) return;
    out.push({
      input: i,
      source: input.source,
      authority: authority.of(input.source, field),
      observedAt: input.observedAt,
      value,
    });
  });
  return out;
}

function mergeByAuthority(
  def: CoreFieldDef,
  candidates: Candidate[],
  provenance: ReadonlyMap<string, FieldProvenance>,
  result: ReconcileResult,
  isNew: boolean,
): void {
  const oldValue = getField(result.asset, def.path);
  const prov = provenance.get(def.path);
  let best: Candidate = prov
    ? {
        input: CURRENT,
        source: prov.source,
        authority: prov.authority,
        observedAt: prov.observedAt,
        value: oldValue,
      }
    : {
        input: CURRENT,
        source: '',
        authority: Number.NEGATIVE_INFINITY,
        observedAt: '',
        value: oldValue,
      };
  const ranked = [...candidates].sort((a, b) => (beats(a, b) ? -1 : beats(b, a) ? 1 : 0));
  for (const candidate of ranked) {
    if (!beats(candidate, best)) break;
    const rejection = lifecycleRejection(def, result.asset, candidate, isNew);
    if (rejection === null) {
      best = candidate;
      break;
    }
    result.rejections.push({ input: candidate.input, field: def.path, message: rejection });
  }
  if (best.input === CURRENT) return;
  // A new asset records every first value, also one equal to a default (stage in_stock).
  const changed = !sameValue(oldValue, best.value) || (isNew && prov === undefined);
  const sameSource =
    prov !== undefined && prov.source === best.source && prov.authority === best.authority;
  if (!changed && sameSource) {
    // The same value from the same source, seen later: only its time moves on (no history), so
    // that an older report of another value, arriving in a later run, does not beat it.
    if (best.observedAt > prov.observedAt) recordWinner(def, best, oldValue, false, result);
    return;
  }
  recordWinner(def, best, oldValue, changed, result);
}

function lifecycleRejection(def: CoreFieldDef, asset: Asset, c: Candidate, isNew: boolean) {
  if (def.path !== 'lifecycle.stage') return null;
  const to = c.value as Asset['lifecycle']['stage'];
  const from = isNew ? to : asset.lifecycle.stage;
  const check = checkTransition(isNew && to === 'disposed' ? 'retired' : from, to, asset);
  if (check.ok) return null;
  return `cannot move from '${asset.lifecycle.stage}' to '${to}': missing ${check.missing.join('; ')}`;
}

function mergeUnion(def: CoreFieldDef, candidates: Candidate[], result: ReconcileResult): void {
  const oldValue = (getField(result.asset, def.path) as string[] | null) ?? [];
  const merged = new Set(oldValue);
  let newest: Candidate | null = null;
  for (const c of candidates) {
    const added = (c.value as string[]).filter((v) => !merged.has(v));
    if (added.length === 0) continue;
    if (newest === null || beats(c, newest)) newest = c;
  }
  for (const c of candidates) (c.value as string[]).forEach((v) => merged.add(v));
  if (newest === null) return;
  const newValue = [...merged].sort();
  recordWinner(
    def,
    { ...newest, value: newValue },
    oldValue.length ? [...oldValue].sort() : null,
    true,
    result,
  );
}

function mergeMax(def: CoreFieldDef, candidates: Candidate[], result: ReconcileResult): void {
  const oldValue = getField(result.asset, def.path);
  let best: Candidate | null = null;
  for (const c of candidates) {
    if (oldValue !== null && String(c.value) <= String(oldValue)) continue;
    if (best === null || String(c.value) > String(best.value)) best = c;
  }
  if (best === null) return;
  recordWinner(def, best, oldValue, true, result);
  if (def.path === 'lastSeen.at') result.asset.lastSeen.source = best.source;
}

function recordWinner(
  def: CoreFieldDef,
  winner: Candidate,
  oldValue: FieldValue,
  changed: boolean,
  result: ReconcileResult,
): void {
  result.provenance.push({
    assetId: result.asset.id,
    field: def.path,
    source: winner.source,
    authority: winner.authority,
    observedAt: winner.observedAt,
    value: winner.value,
  });
  if (!changed) return;
  setField(result.asset, def.path, winner.value);
  result.changes.push({
    field: def.path,
    oldValue,
    newValue: winner.value,
    source: winner.source,
    observedAt: winner.observedAt,
    input: winner.input,
  });
}

/** History rows for the changes of one reconcile. */
export function historyRows(
  assetId: string,
  changes: readonly FieldChange[],
  runId: string,
  recordedAt: string,
): HistoryEntry[] {
  return changes.map((c) => ({
    assetId,
    field: c.field,
    oldValue: c.oldValue,
    newValue: c.newValue,
    source: c.source,
    observedAt: c.observedAt,
    runId,
    recordedAt,
  }));
}

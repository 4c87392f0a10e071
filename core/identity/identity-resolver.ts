import type { ConflictKind, IdentifierKind } from '../store/store-types';
import type { IdentityKeys } from './observation';
import { UnionFind } from './union-find';

/** What the resolver needs to know of an asset already in the store. */
export interface KnownAsset {
  id: string;
  /** Matchable, normalised serials the asset has been seen with. */
  serials: readonly string[];
  manufacturer: string | null;
  udid: string | null;
}

export interface ResolverInput {
  observations: readonly { source: string; keys: IdentityKeys }[];
  /** Asset id by `externalLinkKey(source, externalId)`. */
  externalLinks: ReadonlyMap<string, string>;
  /** Asset ids by identifier kind, then normalised value. */
  index: Readonly<Record<IdentifierKind, ReadonlyMap<string, readonly string[]>>>;
  assets: ReadonlyMap<string, KnownAsset>;
}

export interface ResolvedGroup {
  /** The existing asset the group merges into; null when a new asset is to be created. */
  assetId: string | null;
  /** Indexes into `observations`, ascending. */
  members: number[];
}

export interface IdentityConflict {
  kind: ConflictKind;
  members: number[];
  assetIds: string[];
  identifier: { kind: IdentifierKind; value: string } | null;
  summary: string;
}

export interface Resolution {
  groups: ResolvedGroup[];
  /** Observations that must not be merged anywhere (they match several assets). */
  conflicted: ReadonlySet<number>;
  conflicts: IdentityConflict[];
}

export const externalLinkKey = (source: string, externalId: string) =>
  `${source}\u0000${externalId}`;

type Level = 'external' | IdentifierKind;
/** Strongest first: an asset tag (the organisation's label) only joins what nothing else did. */
const LEVELS: readonly Level[] = ['external', 'serial', 'udid', 'imei', 'mac', 'asset_tag'];

interface Profile {
  assetIds: Set<string>;
  serials: Set<string>;
  manufacturers: Set<string>;
  udids: Set<string>;
  observations: number[];
}

/**
 * Groups the observations of one batch with each other and with known assets. The result is a
 * function of the set of observations, not of their order: every level (external id, serial, UDID,
 * IMEI, MAC) is applied as a whole, and a level that would join parts that disagree (two assets,
 * two serials, two manufacturers for one serial, two UDIDs) joins none of them.
 */
export class IdentityResolver {
  private readonly n: number;
  private readonly assetIds: string[];
  private readonly assetNode: Map<string, number>;
  private readonly uf: UnionFind;
  private readonly conflicted = new Set<number>();
  private readonly conflicts: IdentityConflict[] = [];
  private readonly direct: Map<number, Map<Level, Set<string>>> = new Map();

  constructor(private readonly input: ResolverInput) {
    this.n = input.observations.length;
    this.assetIds = [...input.assets.keys()].sort();
    this.assetNode = new Map(this.assetIds.map((id, i) => [id, this.n + i]));
    this.uf = new UnionFind(this.n + this.assetIds.length);
  }

  resolve(): Resolution {
    for (let i = 0; i < this.n; i++) this.findDirectMatches(i);
    this.spreadToSameRecord();
    for (const level of LEVELS) this.applyLevel(level);
    return { groups: this.collectGroups(), conflicted: this.conflicted, conflicts: this.conflicts };
  }

  /**
   * A record held back for a conflict holds back its other copies in the batch (the same id from
   * the same source): the external-id level would have joined them, and a copy applied alone
   * would become an asset of its own.
   */
  private spreadToSameRecord(): void {
    const held = new Set<string>();
    for (const i of this.conflicted) {
      const { source, keys } = this.input.observations[i];
      if (keys.externalId !== null) held.add(externalLinkKey(source, keys.externalId));
    }
    if (held.size === 0) return;
    for (let i = 0; i < this.n; i++) {
      const { source, keys } = this.input.observations[i];
      if (keys.externalId !== null && held.has(externalLinkKey(source, keys.externalId))) {
        this.conflicted.add(i);
      }
    }
  }

  private findDirectMatches(i: number): void {
    const { source, keys } = this.input.observations[i];
    const byLevel = new Map<Level, Set<string>>();
    const linked =
      keys.externalId === null
        ? undefined
        : this.input.externalLinks.get(externalLinkKey(source, keys.externalId));
    if (linked !== undefined && this.assetNode.has(linked)) {
      byLevel.set('external', new Set([linked]));
      this.direct.set(i, byLevel);
      return;
    }
    const all = new Set<string>();
    const via = new Set<string>();
    const refused: IdentityConflict[] = [];
    for (const [kind, values] of identifierValues(keys)) {
      for (const value of values) {
        for (const assetId of this.input.index[kind]?.get(value) ?? []) {
          const asset = this.input.assets.get(assetId);
          if (!asset) continue;
          const reason = incompatibility(keys, asset, kind, value);
          if (reason !== null) {
            refused.push({
              kind: 'identifier_disagreement',
              members: [i],
              assetIds: [asset.id],
              identifier: { kind, value },
              summary: `${reason}; not merged`,
            });
            continue;
          }
          if (!byLevel.has(kind)) byLevel.set(kind, new Set());
          byLevel.get(kind)!.add(assetId);
          all.add(assetId);
          via.add(`${kind}\u0000${value}`);
        }
      }
    }
    // A weaker identifier that disagrees with an asset the record matched by another one (a MAC
    // of a Mac re-enrolled under a new UDID, matched by its serial) is no conflict.
    this.conflicts.push(...refused.filter((c) => !all.has(c.assetIds[0])));
    if (all.size > 1) {
      this.conflicted.add(i);
      const assetIds = [...all].sort();
      const [kind, value] = via.size === 1 ? [...via][0].split('\u0000') : [];
      this.conflicts.push({
        kind: 'multiple_assets',
        members: [i],
        assetIds,
        identifier: kind ? { kind: kind as IdentifierKind, value } : null,
        summary: kind
          ? `${kind} ${value} belongs to ${assetIds.length} different assets; nothing was merged`
          : `record matches ${assetIds.length} different assets; nothing was merged`,
      });
      return;
    }
    this.direct.set(i, byLevel);
  }

  private applyLevel(level: Level): void {
    const edges = this.edgesAt(level);
    if (edges.length === 0) return;
    const trial = this.uf.clone();
    for (const [a, b] of edges) trial.union(a, b);
    const byTrialRoot = new Map<number, Set<number>>();
    for (const [a] of edges) {
      const t = trial.find(a);
      if (!byTrialRoot.has(t)) byTrialRoot.set(t, new Set());
    }
    for (const [a, b] of edges) {
      const parts = byTrialRoot.get(trial.find(a))!;
      parts.add(this.uf.find(a));
      parts.add(this.uf.find(b));
    }
    const groups = this.uf.groups();
    for (const roots of byTrialRoot.values()) {
      if (roots.size < 2) continue;
      const parts = [...roots].sort((x, y) => x - y).map((r) => this.profile(groups.get(r)!));
      const why = disagreement(parts, level);
      if (why === null) {
        const [first, ...rest] = [...roots];
        for (const r of rest) this.uf.union(first, r);
      } else {
        this.recordDisagreement(parts, level, why);
      }
    }
  }

  private edgesAt(level: Level): [number, number][] {
    const edges: [number, number][] = [];
    const byValue = new Map<string, number[]>();
    for (let i = 0; i < this.n; i++) {
      if (this.conflicted.has(i)) continue;
      for (const assetId of this.direct.get(i)?.get(level) ?? []) {
        edges.push([i, this.assetNode.get(assetId)!]);
      }
      for (const value of this.levelValues(i, level)) {
        const list = byValue.get(value);
        if (list) list.push(i);
        else byValue.set(value, [i]);
      }
    }
    for (const members of byValue.values()) {
      for (let k = 1; k < members.length; k++) edges.push([members[k - 1], members[k]]);
    }
    return edges;
  }

  private levelValues(i: number, level: Level): string[] {
    const { source, keys } = this.input.observations[i];
    if (level === 'external')
      return keys.externalId === null ? [] : [externalLinkKey(source, keys.externalId)];
    return identifierValues(keys).get(level) ?? [];
  }

  private profile(nodes: number[]): Profile {
    const p: Profile = {
      assetIds: new Set(),
      serials: new Set(),
      manufacturers: new Set(),
      udids: new Set(),
      observations: [],
    };
    for (const node of nodes) {
      if (node >= this.n) {
        const asset = this.input.assets.get(this.assetIds[node - this.n])!;
        p.assetIds.add(asset.id);
        asset.serials.forEach((s) => p.serials.add(s));
        if (asset.manufacturer) p.manufacturers.add(asset.manufacturer);
        if (asset.udid) p.udids.add(asset.udid);
        continue;
      }
      const { keys } = this.input.observations[node];
      p.observations.push(node);
      if (keys.serial) p.serials.add(keys.serial);
      if (keys.manufacturer) p.manufacturers.add(keys.manufacturer);
      if (keys.udid) p.udids.add(keys.udid);
    }
    return p;
  }

  private recordDisagreement(parts: Profile[], level: Level, why: string): void {
    const members = parts.flatMap((p) => p.observations).sort((a, b) => a - b);
    const assetIds = [...new Set(parts.flatMap((p) => [...p.assetIds]))].sort();
    for (const part of parts) {
      const weak = part.assetIds.size === 0 && part.serials.size === 0 && part.udids.size === 0;
      if (weak || level === 'external') part.observations.forEach((i) => this.conflicted.add(i));
    }
    if (level === 'external') {
      const id = this.sharedValue(members, level).split('\u0000')[1] ?? '';
      this.conflicts.push({
        kind: 'identifier_disagreement',
        members,
        assetIds,
        identifier: null,
        summary: `records with the same id ${id} disagree (${why}); none was applied`,
      });
      return;
    }
    const value = this.sharedValue(members, level);
    this.conflicts.push({
      kind: assetIds.length > 1 ? 'multiple_assets' : 'identifier_disagreement',
      members,
      assetIds,
      identifier: { kind: level, value },
      summary: `${level} ${value} is shared by records that disagree (${why}); not merged`,
    });
  }

  private sharedValue(members: number[], level: Level): string {
    const counts = new Map<string, number>();
    for (const i of members) {
      for (const v of this.levelValues(i, level)) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    const best = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
    return best ? best[0] : '';
  }

  private collectGroups(): ResolvedGroup[] {
    const groups: ResolvedGroup[] = [];
    for (const nodes of this.uf.groups().values()) {
      const members = nodes.filter((x) => x < this.n && !this.conflicted.has(x));
      if (members.length === 0) continue;
      const assets = nodes.filter((x) => x >= this.n).map((x) => this.assetIds[x - this.n]);
      groups.push({ assetId: assets[0] ?? null, members });
    }
    return groups.sort((a, b) => a.members[0] - b.members[0]);
  }
}

/** Why a match through `kind` does not count (stronger identifiers contradict it); else null. */
function incompatibility(
  keys: IdentityKeys,
  asset: KnownAsset,
  kind: IdentifierKind,
  value: string,
): string | null {
  if (kind === 'serial') {
    if (keys.manufacturer && asset.manufacturer && keys.manufacturer !== asset.manufacturer) {
      return `serial ${value} is shared by manufacturers ${keys.manufacturer} and ${asset.manufacturer}`;
    }
  } else if (
    keys.serial !== null &&
    asset.serials.length > 0 &&
    !asset.serials.includes(keys.serial)
  ) {
    return `${kind} ${value} is claimed by devices with serials ${keys.serial} and ${asset.serials.join(', ')}`;
  } else if (kind !== 'udid' && keys.udid && asset.udid && keys.udid !== asset.udid) {
    return `${kind} ${value} is claimed by devices with UDIDs ${keys.udid} and ${asset.udid}`;
  }
  return null;
}

function identifierValues(keys: IdentityKeys): Map<IdentifierKind, string[]> {
  const out = new Map<IdentifierKind, string[]>();
  if (keys.serial) out.set('serial', [keys.serial]);
  if (keys.udid) out.set('udid', [keys.udid]);
  if (keys.imeis.length) out.set('imei', keys.imeis);
  if (keys.macs.length) out.set('mac', keys.macs);
  if (keys.assetTag) out.set('asset_tag', [keys.assetTag]);
  return out;
}

function disagreement(parts: Profile[], level: Level): string | null {
  if (level === 'external') return externalDisagreement(parts);
  const assets = new Set(parts.flatMap((p) => [...p.assetIds]));
  if (assets.size > 1) return `they belong to ${assets.size} different assets`;
  const withSerial = parts.filter((p) => p.serials.size > 0);
  for (let a = 0; a < withSerial.length; a++) {
    for (let b = a + 1; b < withSerial.length; b++) {
      const shared = [...withSerial[a].serials].some((s) => withSerial[b].serials.has(s));
      if (!shared) return 'their serials differ';
    }
  }
  const manufacturers = new Set(parts.flatMap((p) => [...p.manufacturers]));
  if (level === 'serial' && manufacturers.size > 1) {
    return `their manufacturers differ (${[...manufacturers].sort().join(', ')})`;
  }
  const udids = new Set(parts.flatMap((p) => [...p.udids]));
  const weak = level === 'imei' || level === 'mac' || level === 'asset_tag';
  if (weak && udids.size > 1) return 'their UDIDs differ';
  return null;
}

/** Records that carry the same id in one source must agree on serial; assets may have moved on. */
function externalDisagreement(parts: Profile[]): string | null {
  const records = parts.filter((p) => p.assetIds.size === 0 && p.serials.size > 0);
  for (let a = 0; a < records.length; a++) {
    for (let b = a + 1; b < records.length; b++) {
      const shared = [...records[a].serials].some((s) => records[b].serials.has(s));
      if (!shared) return 'their serials differ';
    }
  }
  return null;
}

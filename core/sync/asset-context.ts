import { createHash } from 'node:crypto';
import type { Asset, TicketLink } from '../model/asset';
import type { AssetContext, AssetContextEntry } from './connector';

/** The ticket a context is for; its own link is left out of "other open incidents". */
export interface ContextTicket {
  system: string;
  key: string;
}

/**
 * Builds the asset context a ticket gets: per asset its owner, lifecycle stage, warranty end, last
 * check-in and compliance, and the other open incidents on it. The fingerprint leaves out the time
 * of day of the last check-in, so that a device checking in does not make every ticket on it get
 * a new note.
 */
export function buildAssetContext(
  assets: readonly Asset[],
  links: ReadonlyMap<string, readonly TicketLink[]>,
  ticket: ContextTicket,
): AssetContext {
  const entries = [...assets]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((asset) => contextEntry(asset, links.get(asset.id) ?? [], ticket));
  const stable = entries.map((e) => ({ ...e, lastSeenAt: e.lastSeenAt?.slice(0, 10) ?? null }));
  const fingerprint = createHash('sha256').update(JSON.stringify(stable)).digest('hex');
  return { assets: entries, lines: contextLines(entries), fingerprint };
}

function contextEntry(
  asset: Asset,
  links: readonly TicketLink[],
  ticket: ContextTicket,
): AssetContextEntry {
  const others = links
    .filter((l) => l.kind === 'incident' && l.open !== false)
    .filter((l) => !(l.system === ticket.system && l.key === ticket.key))
    .sort((a, b) => `${a.system} ${a.key}`.localeCompare(`${b.system} ${b.key}`));
  return {
    assetId: asset.id,
    name: asset.name ?? null,
    assetTag: asset.assetTag ?? null,
    serial: asset.serial ?? null,
    category: asset.category,
    model: [asset.manufacturer, asset.model].filter(Boolean).join(' ') || null,
    owner: asset.assignment.userEmail ?? null,
    department: asset.assignment.department ?? null,
    location: asset.assignment.location ?? null,
    lifecycleStage: asset.lifecycle.stage,
    warrantyEnd: asset.warranty.end ?? null,
    lastSeenAt: asset.lastSeen.at ?? null,
    lastSeenSource: asset.lastSeen.source ?? null,
    compliance: asset.compliance.state ?? null,
    otherOpenIncidents: others.map((l) => ({
      system: l.system,
      key: l.key,
      title: l.title ?? null,
    })),
  };
}

const STAGE_LABELS: Record<string, string> = {
  planned: 'Planned',
  ordered: 'Ordered',
  in_stock: 'In stock',
  deployed: 'Deployed',
  in_maintenance: 'In maintenance',
  retired: 'Retired',
  disposed: 'Disposed',
  lost: 'Lost',
  stolen: 'Stolen',
};

/** Plain-text rendering, one asset after the other; connectors may render `assets` themselves. */
export function contextLines(entries: readonly AssetContextEntry[]): string[] {
  const lines = ['Asset context (assetbridge)'];
  for (const e of entries) {
    const ids = [e.assetTag && `tag ${e.assetTag}`, e.serial && `serial ${e.serial}`]
      .filter(Boolean)
      .join(', ');
    lines.push('');
    lines.push(`${e.name ?? e.serial ?? e.assetId}${ids ? ` (${ids})` : ''}`);
    if (e.model || e.category)
      lines.push(`Model: ${[e.model, e.category].filter(Boolean).join(', ')}`);
    const where = [e.department, e.location].filter(Boolean).join(', ');
    lines.push(`Owner: ${e.owner ?? 'unassigned'}${where ? ` (${where})` : ''}`);
    lines.push(`Lifecycle stage: ${STAGE_LABELS[e.lifecycleStage] ?? e.lifecycleStage}`);
    lines.push(`Warranty ends: ${e.warrantyEnd ?? 'unknown'}`);
    const seen = e.lastSeenAt
      ? `${e.lastSeenAt}${e.lastSeenSource ? ` via ${e.lastSeenSource}` : ''}`
      : 'never';
    lines.push(`Last check-in: ${seen}; compliance: ${e.compliance ?? 'unknown'}`);
    lines.push(
      e.otherOpenIncidents.length === 0
        ? 'Other open incidents: none'
        : `Other open incidents: ${e.otherOpenIncidents
            .map((i) => `${i.key}${i.title ? ` "${i.title}"` : ''} (${i.system})`)
            .join('; ')}`,
    );
  }
  return lines;
}

import { CORE_FIELDS, getField, type FieldValue } from '../../core/model/core-fields';
import type { Asset, DisposalRecord } from '../../core/model/asset';
import { custodyText } from '../../core/store/disposal-recorder';
import type { FieldProvenance, HistoryEntry } from '../../core/store/store-types';
import type { CliContext } from '../cli-context';
import { EXIT } from '../cli-io';
import { resolveOneAsset } from '../resolve-one-asset';

/** `assetbridge show <asset tag | serial | id>` */
export async function showCommand(ctx: CliContext, ref: string): Promise<number> {
  const store = await ctx.openStore({ mustExist: true });
  try {
    const asset = await resolveOneAsset(store, ref);
    const provenance = await store.transaction((tx) => tx.getProvenance([asset.id]));
    const history = await store.getHistory(asset.id);
    if (ctx.json) ctx.io.stdout(`${JSON.stringify({ asset, provenance, history }, null, 2)}\n`);
    else ctx.io.stdout(`${render(asset, provenance, history)}\n`);
    return EXIT.OK;
  } finally {
    await store.close();
  }
}

const show = (v: FieldValue): string =>
  v === null ? '—' : Array.isArray(v) ? v.join(', ') || '—' : String(v);

function render(asset: Asset, provenance: FieldProvenance[], history: HistoryEntry[]): string {
  const byField = new Map(provenance.map((p) => [p.field, p]));
  const out = [
    `Asset ${asset.id}`,
    `  stage ${asset.lifecycle.stage}, updated ${asset.updatedAt}`,
    '',
    'Fields (value  ← source @ observed, authority):',
  ];
  const width = Math.max(...CORE_FIELDS.map((f) => f.path.length));
  for (const def of CORE_FIELDS) {
    const value = getField(asset, def.path);
    const p = byField.get(def.path);
    if (value === null && !p) continue;
    const from = p ? `  ← ${p.source} @ ${p.observedAt}, authority ${p.authority}` : '';
    out.push(`  ${def.path.padEnd(width)}  ${show(value)}${from}`);
  }
  out.push('', 'External ids:');
  for (const e of asset.identifiers.external)
    out.push(`  ${e.system}: ${e.id}${e.alias ? ' (alias)' : ''}`);
  if (asset.identifiers.serials.length)
    out.push(`  serials seen: ${asset.identifiers.serials.join(', ')}`);
  out.push('', `Ticket links (${asset.tickets.length}):`);
  for (const t of asset.tickets)
    out.push(`  ${t.system} ${t.key} ${t.kind} [${t.state ?? '?'}] ${t.title ?? ''}`);
  if (asset.disposal) out.push('', ...renderDisposal(asset.disposal));
  out.push('', `History (${history.length}):`);
  for (const h of history) {
    out.push(
      `  ${h.recordedAt} ${h.field}: ${show(h.oldValue)} → ${show(h.newValue)} (${h.source} @ ${h.observedAt}, run ${h.runId})`,
    );
  }
  return out.join('\n');
}

function renderDisposal(d: DisposalRecord): string[] {
  const out = ['Disposal:'];
  const line = (label: string, value: string | undefined) =>
    out.push(`  ${label.padEnd(12)}  ${value ?? '—'}`);
  line('wipe method', d.wipeMethod);
  line('wipe proof', d.wipeProofRef);
  line('wiped at', d.wipedAt);
  line(
    'approved by',
    d.approvedBy === undefined ? undefined : `${d.approvedBy} @ ${d.approvedAt ?? '?'}`,
  );
  line('vendor', d.disposalVendor);
  line('certificate', d.certificateRef);
  out.push(`  custody (${d.custody.length}):`);
  for (const entry of d.custody) out.push(`    ${custodyText(entry)}`);
  return out;
}

import type { Store } from '../../core/store/store';
import type { CliContext } from '../cli-context';
import { EXIT } from '../cli-io';
import { wholeNumberOption } from '../whole-number-option';

/** `assetbridge conflicts [--all] [--resolve <id...>]` */
export async function conflictsCommand(
  ctx: CliContext,
  opts: { all?: boolean; resolve?: string[] },
): Promise<number> {
  const ids = (opts.resolve ?? []).map((v) => wholeNumberOption('--resolve', v));
  const store = await ctx.openStore({ mustExist: true });
  try {
    if (ids.length > 0) return await resolve(ctx, store, ids);
    const rows = await store.listConflicts(opts.all ? {} : { status: 'open' });
    if (ctx.json) {
      ctx.io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
      return EXIT.OK;
    }
    if (rows.length === 0) {
      ctx.io.stdout(opts.all ? 'No conflicts.\n' : 'No open conflicts.\n');
      return EXIT.OK;
    }
    const out = [`${rows.length} ${opts.all ? '' : 'open '}conflict(s):`];
    for (const c of rows) {
      out.push(`#${c.id} ${c.kind} [${c.status}] seen ${c.occurrences}x, last ${c.lastSeenAt}`);
      out.push(`   ${c.summary}`);
      const records = (c.details.records as string[] | undefined) ?? [];
      if (records.length) out.push(`   records: ${records.join(' | ')}`);
      if (c.assetIds.length) out.push(`   assets: ${c.assetIds.join(', ')}`);
    }
    ctx.io.stdout(`${out.join('\n')}\n`);
    return EXIT.OK;
  } finally {
    await store.close();
  }
}

/**
 * Marks open conflicts resolved (the data was corrected, or the records were checked and stay
 * apart). A conflict that a later run sees again is opened anew.
 */
async function resolve(ctx: CliContext, store: Store, ids: number[]): Promise<number> {
  const at = ctx.clock().toISOString();
  const resolved: number[] = [];
  const notOpen: number[] = [];
  for (const id of ids) ((await store.resolveConflict(id, at)) ? resolved : notOpen).push(id);
  if (ctx.json) {
    ctx.io.stdout(`${JSON.stringify({ resolved, notOpen, at }, null, 2)}\n`);
  } else {
    const lines = resolved.map((id) => `Conflict #${id} marked resolved at ${at}.`);
    for (const id of notOpen)
      lines.push(`No open conflict #${id} (see assetbridge conflicts --all).`);
    ctx.io.stdout(`${lines.join('\n')}\n`);
  }
  return notOpen.length > 0 ? EXIT.SOME_FAILED : EXIT.OK;
}

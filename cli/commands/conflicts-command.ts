import type { CliContext } from '../cli-context';
import { EXIT } from '../cli-io';

/** `assetbridge conflicts [--all]` */
export async function conflictsCommand(ctx: CliContext, opts: { all?: boolean }): Promise<number> {
  const store = await ctx.openStore({ mustExist: true });
  try {
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

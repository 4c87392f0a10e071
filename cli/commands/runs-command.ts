import type { CliContext } from '../cli-context';
import { EXIT } from '../cli-io';

/** `assetbridge runs [--limit n]` */
export async function runsCommand(ctx: CliContext, opts: { limit?: string }): Promise<number> {
  const store = await ctx.openStore();
  try {
    const runs = await store.listRuns({ limit: Number(opts.limit ?? 20) });
    if (ctx.json) ctx.io.stdout(`${JSON.stringify(runs, null, 2)}\n`);
    else if (runs.length === 0) ctx.io.stdout('No runs yet.\n');
    else {
      const lines = runs.map(
        (r) =>
          `${r.startedAt}  ${r.kind.padEnd(8)} ${r.status.padEnd(8)} ${r.id}  ${JSON.stringify(r.summary)}`,
      );
      ctx.io.stdout(`${lines.join('\n')}\n`);
    }
    return EXIT.OK;
  } finally {
    await store.close();
  }
}

import type { CliContext } from '../cli-context';
import { EXIT } from '../cli-io';
import { wholeNumberOption } from '../whole-number-option';
import { runLines } from './run-lines';

/** `assetbridge runs [--limit n]`: needs the store only, never a connector's secret. */
export async function runsCommand(ctx: CliContext, opts: { limit?: string }): Promise<number> {
  const limit = wholeNumberOption('--limit', opts.limit ?? '20');
  const store = await ctx.openStore({ mustExist: true });
  try {
    const runs = await store.listRuns({ limit });
    if (ctx.json) ctx.io.stdout(`${JSON.stringify(runs, null, 2)}\n`);
    else if (runs.length === 0) ctx.io.stdout('No runs yet.\n');
    else ctx.io.stdout(`${runs.flatMap(runLines).join('\n')}\n`);
    return EXIT.OK;
  } finally {
    await store.close();
  }
}

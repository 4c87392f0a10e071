import type { RunRow } from '../../core/store/store-types';
import type { CliContext } from '../cli-context';
import { EXIT } from '../cli-io';

/** Failures printed per connector; `--json` shows every stored one. */
const PRINTED_FAILURES = 10;

/** `assetbridge runs [--limit n]`: needs the store only, never a connector's secret. */
export async function runsCommand(ctx: CliContext, opts: { limit?: string }): Promise<number> {
  const store = await ctx.openStore();
  try {
    const runs = await store.listRuns({ limit: Number(opts.limit ?? 20) });
    if (ctx.json) ctx.io.stdout(`${JSON.stringify(runs, null, 2)}\n`);
    else if (runs.length === 0) ctx.io.stdout('No runs yet.\n');
    else ctx.io.stdout(`${runs.flatMap(runLines).join('\n')}\n`);
    return EXIT.OK;
  } finally {
    await store.close();
  }
}

interface StoredConnector {
  read?: { mode?: string | null; records?: number };
  writes?: Record<string, number>;
  missing?: { marked?: number; retired?: number; stopped?: string | null };
  failures?: number;
  failureList?: { ref: string; message: string }[];
  error?: string | null;
}

interface StoredRequests {
  requests?: { system: string; method: string; statusClass: string; count: number }[];
}

function runLines(r: RunRow): string[] {
  const summary = r.summary as { connectors?: Record<string, StoredConnector> } & {
    requests?: StoredRequests | null;
  };
  const lines = [
    `${r.startedAt} → ${r.endedAt ?? '(running)'}  ${r.kind.padEnd(8)} ${r.status.padEnd(8)} ${r.id}`,
  ];
  for (const [name, c] of Object.entries(summary.connectors ?? {})) {
    const w = c.writes ?? {};
    const counts = Object.entries(w)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    const read = c.read?.mode ? `read ${c.read.records ?? 0} (${c.read.mode}); ` : '';
    lines.push(`  ${name}: ${read}writes ${counts}; failures ${c.failures ?? 0}`);
    if (c.missing?.stopped) lines.push(`    missing sweep stopped: ${c.missing.stopped}`);
    if (c.error) lines.push(`    error: ${c.error}`);
    const list = c.failureList ?? [];
    for (const f of list.slice(0, PRINTED_FAILURES))
      lines.push(`    failed ${f.ref}: ${f.message}`);
    const more = (c.failures ?? list.length) - Math.min(list.length, PRINTED_FAILURES);
    if (more > 0) lines.push(`    … ${more} more failures (--json lists the stored ones)`);
  }
  const requests = summary.requests?.requests ?? [];
  if (requests.length > 0) {
    const bySystem = requests.map((q) => `${q.system} ${q.method} ${q.statusClass}: ${q.count}`);
    lines.push(`  requests: ${bySystem.join('; ')}`);
  }
  return lines;
}

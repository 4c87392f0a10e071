import os from 'node:os';
import path from 'node:path';
import { benchIngest } from './ingest-bench';
import { benchChildResult } from './bench-child';
import type { SyncFigures } from './sync-bench';
import { benchWebhooks } from './webhook-bench';

/**
 * `npm run bench`: prints figures; asserts nothing. Sizes from BENCH_SIZES (default 10000,100000).
 * Full and incremental syncs through the Jamf and Intune connectors against the simulators (in a
 * process of their own), the core ingest path alone, and webhook acknowledgement under load.
 * `npm run bench` compiles first and runs the JavaScript, as the CLI runs; `npx tsx bench/run.ts`
 * runs the same through tsx. Each size's sync runs in a process of its own, whose peak RSS is the
 * figure of the issue's memory target.
 */
/**
 * Node flags of the sync process, as docs/benchmarks.md recommends for large fleets. With a heap
 * limit below 2 GB V8 grows the heap by a smaller factor over what survived the last full
 * collection (about 2x instead of 4x in --trace-gc runs); the live heap of a sync stays well under
 * 100 MB, so the limit itself is never near. BENCH_SYNC_NODE_FLAGS='' measures the defaults.
 */
const SYNC_NODE_FLAGS = '--max-old-space-size=1024';

async function main(): Promise<void> {
  const sizes = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
  console.log(`assetbridge bench — ${new Date().toISOString()}`);
  console.log(
    `node ${process.version}, ${os.cpus().length} cpu (${os.cpus()[0]?.model}), ${mb(os.totalmem())} MB`,
  );
  const compiled = path.extname(__filename) === '.js';
  console.log(compiled ? 'running the compiled bench (dist/bench)' : 'running through tsx');
  const syncFlags = (process.env.BENCH_SYNC_NODE_FLAGS ?? SYNC_NODE_FLAGS)
    .split(' ')
    .filter(Boolean);
  console.log(`sync process: node ${syncFlags.join(' ') || '(default flags)'}`);
  for (const size of sizes) {
    const sync = await benchChildResult<{ figures: SyncFigures[]; touched: number }>(
      'sync-child',
      [String(size)],
      syncFlags,
    );
    for (const f of sync.figures) {
      const req = Object.entries(f.requests)
        .map(
          ([s, n]) =>
            `${s} ${n} (minimum ${f.minimum[s]}, ${(n / Math.max(f.minimum[s], 1)).toFixed(2)}x)`,
        )
        .join(', ');
      console.log(
        `sync ${size} devices, ${f.phase}${f.phase === 'incremental' ? ` (${sync.touched} changed)` : ''}: ` +
          `${f.seconds.toFixed(1)} s, ${f.records} records read (${f.perSecond}/s); ${f.writes} writes; requests ${req}; ` +
          `peak RSS of the sync process ${mb(f.peakRssBytes)} MB`,
      );
    }
    const f = await benchIngest(size);
    console.log(
      `ingest ${size} devices (SQLite): full ${f.fullSeconds.toFixed(1)} s (${f.fullPerSecond}/s); ` +
        `unchanged second pass changed ${f.secondRunChanged}; ` +
        `1 % changed: ${f.incrementalChanged} updated in ${f.incrementalSeconds.toFixed(2)} s`,
    );
    console.log(
      `  peak RSS of the bench process so far ${mb(process.resourceUsage().maxRSS * 1024)} MB`,
    );
  }
  const w = await benchWebhooks(Number(process.env.BENCH_WEBHOOK_RATE ?? 500), 10);
  console.log(
    `webhooks: ${w.sent} sent at ${w.rate}/s for ${w.seconds} s, ${w.accepted} accepted; ` +
      `ack p50 ${w.p50Ms.toFixed(1)} ms, p99 ${w.p99Ms.toFixed(1)} ms, max ${w.maxMs.toFixed(1)} ms`,
  );
  console.log(`peak RSS of the bench process ${mb(process.resourceUsage().maxRSS * 1024)} MB`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});

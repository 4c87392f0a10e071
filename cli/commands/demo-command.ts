import { once } from 'node:events';
import path from 'node:path';
import type { SyncReport } from '../../core/sync/sync-report';
import { PACKAGE_ROOT } from '../../core/runtime/package-root';
import type { CliContext } from '../cli-context';
import { EXIT } from '../cli-io';
import { DEMO_SCENES } from '../demo/demo-scenes';
import type { SceneResult } from '../demo/demo-scene';
import { systemSummaries, type SystemSummary } from '../demo/demo-summary';
import { startDemoWorld, type DemoWorld } from '../demo/demo-world';
import { wholeNumberOption } from '../whole-number-option';

export interface DemoCommandOptions {
  fleetSize: string;
  seed: string;
  keep?: boolean;
  /** Log level of the sync and `serve` inside the demo (stderr). */
  logLevel?: string;
  /** Stops a `--keep` demo; SIGINT or SIGTERM when absent. */
  signal?: AbortSignal;
}

/** The demo's folder under the working folder: its configuration and SQLite store. */
export const DEMO_FOLDER = path.join('.assetbridge', 'demo');

/**
 * `assetbridge demo [--fleet-size n] [--seed n] [--keep]`: the simulators with a generated fleet,
 * a full two-way sync on the embedded store, then service-desk flows acted out one by one, each
 * checked in the other systems; a summary per system. Exit 0 when every flow showed its effect.
 */
export async function demoCommand(ctx: CliContext, opts: DemoCommandOptions): Promise<number> {
  const fleetSize = wholeNumberOption('--fleet-size', opts.fleetSize, { min: 50, max: 20_000 });
  const seed = wholeNumberOption('--seed', opts.seed, { min: 0, max: 2 ** 31 });
  const say = (line: string) => {
    if (!ctx.json) ctx.io.stdout(`${line}\n`);
  };
  const folder = path.resolve(ctx.io.cwd, DEMO_FOLDER);
  say(`Starting the ServiceNow, Jira/JSM, Jamf and Intune simulators (${fleetSize} devices)...`);
  const world = await startDemoWorld(
    { fleetSize, seed, folder, logLevel: opts.logLevel ?? ctx.logger.level, json: ctx.json },
    ctx.io,
  );
  try {
    say(`Configuration: ${path.relative(ctx.io.cwd, world.configFile)}; serve: ${world.serveUrl}`);
    const started = Date.now();
    const full = await world.engine.run({ full: true, dryRun: false });
    say(`\nFull two-way sync (${seconds(Date.now() - started)}):`);
    for (const line of syncLines(full)) say(`  ${line}`);
    const again = await world.engine.run({ full: false, dryRun: false });
    const writes = again.connectors.reduce((n, c) => n + c.writes.created + c.writes.updated, 0);
    say(`Second run over unchanged data: ${writes} writes.`);

    const scenes: SceneResult[] = [];
    for (const scene of DEMO_SCENES) {
      const result = await playScene(world, scene);
      scenes.push(result);
      say(`\n${result.ok ? '✔' : '✘'} ${result.title}`);
      for (const line of result.lines) say(`    ${line}`);
    }

    const systems = await systemSummaries(world, [full, again]);
    say('\nSummary per system:');
    for (const s of systems) say(`  ${s.line}`);
    const ok = scenes.every((s) => s.ok);
    if (ctx.json) printJson(ctx, world, full, scenes, systems, ok);
    if (opts.keep) await keepRunning(ctx, world, opts.signal);
    else say(`\nThe store stays in ${path.relative(ctx.io.cwd, folder)}; look at it with:`);
    if (!opts.keep) say(lookAround(ctx, world).join('\n'));
    return ok ? EXIT.OK : EXIT.SOME_FAILED;
  } finally {
    await world.close();
  }
}

async function playScene(world: DemoWorld, scene: (typeof DEMO_SCENES)[number]) {
  try {
    return await scene.play(world);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { title: scene.title, lines: [`FAILED: ${message}`], ok: false };
  }
}

function syncLines(report: SyncReport): string[] {
  return report.connectors.map((c) => {
    const o = c.read.outcomes;
    const t = c.tickets;
    const parts = [
      `read ${c.read.records} (${o.created} new assets, ${o.updated} updated, ${o.conflict} conflicts, ${o.rejected} rejected)`,
      `wrote ${c.writes.created} created, ${c.writes.updated} updated, ${c.writes.failed} failed` +
        (c.writes.held > 0 ? `, ${c.writes.held} held by open conflicts` : ''),
    ];
    if (t.read > 0) parts.push(`${t.read} tickets, ${t.linked} linked, ${t.notes} context notes`);
    const reasons = failureReasons(c.failures.map((f) => f.message));
    return [`${c.connector.padEnd(16)} ${parts.join('; ')}`, ...reasons].join('\n    ');
  });
}

/** The most common reasons records failed, most frequent first, with their counts. */
function failureReasons(messages: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const message of messages) {
    // Group by the message without what names one record ('…' quoted values, ids, numbers).
    const reason = message.replace(/'[^']*'/g, "'…'").replace(/\b[0-9a-f]{32}\b|\d+/g, 'N');
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([reason, n]) => `${n} failed: ${reason}`);
}

function lookAround(ctx: CliContext, world: DemoWorld): string[] {
  const here = (file: string) => path.relative(ctx.io.cwd, file);
  const config = here(world.configFile);
  // `npx assetbridge` finds the command only inside the clone; elsewhere name the script itself.
  const inside = !path.relative(PACKAGE_ROOT, ctx.io.cwd).startsWith('..');
  const bin = inside
    ? 'npx assetbridge'
    : `node ${path.join(PACKAGE_ROOT, 'bin', 'assetbridge.js')}`;
  return [
    `  ${bin} --config ${config} runs`,
    `  ${bin} --config ${config} conflicts`,
    `  ${bin} --config ${config} show <asset tag | serial | id>`,
    `  (set -a; . ${here(world.envFile)}; set +a; ${bin} --config ${config} sync --dry-run)` +
      '   # with --keep',
  ];
}

async function keepRunning(ctx: CliContext, world: DemoWorld, signal?: AbortSignal) {
  const lines = ['\nStill running (Ctrl-C stops everything):'];
  for (const [name, url] of Object.entries(world.urls)) {
    lines.push(`  ${name.padEnd(10)} ${url}   (requests: ${url}/_sim/requests)`);
  }
  lines.push(`  serve      ${world.serveUrl}   (/healthz, /metrics, /webhooks/<instance>)`);
  lines.push('Credentials: simulators/<name>/README.md. In another terminal:');
  lines.push(...lookAround(ctx, world));
  if (ctx.json) {
    ctx.io.stdout(`${JSON.stringify({ running: { ...world.urls, serve: world.serveUrl } })}\n`);
  } else ctx.io.stdout(`${lines.join('\n')}\n`);
  if (signal) {
    if (!signal.aborted) await once(signal, 'abort');
    return;
  }
  await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
}

function printJson(
  ctx: CliContext,
  world: DemoWorld,
  full: SyncReport,
  scenes: SceneResult[],
  systems: SystemSummary[],
  ok: boolean,
): void {
  const out = {
    ok,
    config: world.configFile,
    urls: { ...world.urls, serve: world.serveUrl },
    fullSync: full.connectors.map((c) => ({
      connector: c.connector,
      read: c.read.records,
      outcomes: c.read.outcomes,
      writes: c.writes,
      tickets: c.tickets,
    })),
    scenes,
    systems: systems.map(({ line: _line, ...rest }) => rest),
  };
  ctx.io.stdout(`${JSON.stringify(out, null, 2)}\n`);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

import { once } from 'node:events';
import { startAllSimulators } from '../../simulators';
import type { CliContext } from '../cli-context';
import { EXIT } from '../cli-io';
import { wholeNumberOption } from '../whole-number-option';

export interface SimCommandOptions {
  fleetSize: string;
  seed: string;
  /** Stops the simulators; SIGINT or SIGTERM when absent. */
  signal?: AbortSignal;
}

/** `assetbridge sim`: the four vendor simulators on 127.0.0.1 with a seeded fleet, until stopped. */
export async function simCommand(ctx: CliContext, opts: SimCommandOptions): Promise<number> {
  const fleetSize = wholeNumberOption('--fleet-size', opts.fleetSize, { max: 100_000 });
  const seed = wholeNumberOption('--seed', opts.seed, { min: 0, max: 2 ** 31 });
  const started = await startAllSimulators({ fleetSize, seed });
  try {
    const urls = Object.fromEntries(started.simulators.map((s) => [s.name, s.url]));
    if (ctx.json) ctx.io.stdout(`${JSON.stringify({ fleetSize, seed, urls })}\n`);
    else {
      const lines = [`Simulators running with a fleet of ${fleetSize} devices (seed ${seed}):`];
      for (const s of started.simulators)
        lines.push(`  ${s.name.padEnd(10)} ${s.url}   (control: ${s.url}/_sim/stats)`);
      lines.push('Credentials and routes: simulators/<name>/README.md. Press Ctrl-C to stop.');
      ctx.io.stdout(`${lines.join('\n')}\n`);
    }
    await waitForStop(opts.signal);
  } finally {
    await started.close();
  }
  return EXIT.OK;
}

async function waitForStop(signal?: AbortSignal): Promise<void> {
  if (signal) {
    if (!signal.aborted) await once(signal, 'abort');
    return;
  }
  await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
}

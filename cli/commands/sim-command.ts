import { once } from 'node:events';
import { startAllSimulators } from '../../simulators';
import { AssetbridgeError } from '../../core/errors';
import type { CliContext } from '../cli-context';
import { EXIT } from '../cli-io';

export interface SimCommandOptions {
  fleetSize: string;
  seed: string;
  /** Stops the simulators; SIGINT or SIGTERM when absent. */
  signal?: AbortSignal;
}

/** `assetbridge sim`: the four vendor simulators on 127.0.0.1 with a seeded fleet, until stopped. */
export async function simCommand(ctx: CliContext, opts: SimCommandOptions): Promise<number> {
  const fleetSize = Number(opts.fleetSize);
  const seed = Number(opts.seed);
  if (!Number.isInteger(fleetSize) || fleetSize < 1 || fleetSize > 100_000) {
    throw new AssetbridgeError(
      'USAGE',
      `--fleet-size must be a whole number from 1 to 100000, got '${opts.fleetSize}'`,
    );
  }
  if (!Number.isInteger(seed))
    throw new AssetbridgeError('USAGE', `--seed must be a whole number, got '${opts.seed}'`);
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

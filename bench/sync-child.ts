/**
 * One size of the sync benchmark in a process of its own, so that its peak RSS is that of a sync
 * (as `assetbridge sync` would run it) and not of the bench runs before it. Prints the result of
 * `benchSync` as one JSON line. Usage: sync-child <fleet size>
 */
import { benchSync } from './sync-bench';

async function main(): Promise<void> {
  const result = await benchSync(Number(process.argv[2] ?? '10000'));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});

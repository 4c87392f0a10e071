/**
 * The Jamf and Intune simulators in a process of their own, so that the benchmark measures the
 * memory of assetbridge and not of the simulators. Prints `{"jamf": url, "intune": url}` and runs
 * until its parent closes its standard input. Usage: sim-child.ts <fleet size>
 */
import { generateFleet } from '../simulators/fleet/fleet-generator';
import { createIntuneSimulator } from '../simulators/intune';
import { createJamfSimulator } from '../simulators/jamf';

async function main(): Promise<void> {
  const size = Number(process.argv[2] ?? '10000');
  const fleet = generateFleet({ size, seed: 11, troubleShare: 0.02 });
  const jamf = createJamfSimulator({ seed: 11 });
  const intune = createIntuneSimulator({ seed: 11 });
  jamf.seedFromFleet(fleet);
  intune.seedFromFleet(fleet);
  const running = [await jamf.start(0), await intune.start(0)];
  process.stdout.write(`${JSON.stringify({ jamf: running[0].url, intune: running[1].url })}\n`);
  process.stdin.resume();
  process.stdin.on(
    'end',
    () => void Promise.all(running.map((r) => r.close())).then(() => process.exit(0)),
  );
}

void main();

import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { PACKAGE_ROOT } from '../core/runtime/package-root';

/**
 * Starts a bench script (`sim-child`, `serve-child`) in a process of its own, the same way the
 * bench itself runs: compiled JavaScript next to this file, or TypeScript through tsx.
 */
export function spawnBenchChild(
  script: string,
  args: readonly string[],
  nodeFlags: readonly string[] = [],
): ChildProcess {
  const compiled = path.extname(__filename) === '.js';
  const file = path.join(__dirname, `${script}${compiled ? '.js' : '.ts'}`);
  const loader = compiled ? [] : ['--import', 'tsx'];
  return spawn(process.execPath, [...nodeFlags, ...loader, file, ...args], {
    cwd: PACKAGE_ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
}

/** Runs a bench script that prints its result as one JSON line, and returns that result. */
export async function benchChildResult<T>(
  script: string,
  args: readonly string[],
  nodeFlags: readonly string[] = [],
): Promise<T> {
  const child = spawnBenchChild(script, args, nodeFlags);
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`${script} exited with ${code}`);
  return JSON.parse(out.trim().split('\n').at(-1)!) as T;
}

import { main } from '../../cli/main';
import type { CliIo } from '../../cli/cli-io';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs `assetbridge <args>` in `cwd` as a script would (no TTY, logs silent), capturing output. */
export async function runCli(
  cwd: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<CliRun> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (s) => void (out += s),
    stderr: (s) => void (err += s),
    env: { ASSETBRIDGE_LOG_LEVEL: 'silent', ...env },
    cwd,
    isTty: false,
  };
  const code = await main(args, io);
  return { code, out, err };
}

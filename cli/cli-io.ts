/** What a command may touch of the outside world; tests pass their own. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** True when stdout is a terminal (progress bars, colours). */
  isTty: boolean;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    isTty: Boolean(process.stdout.isTTY),
  };
}

/** 0 = ok, 1 = some records failed, 2 = bad config or usage. */
export const EXIT = { OK: 0, SOME_FAILED: 1, USAGE: 2 } as const;

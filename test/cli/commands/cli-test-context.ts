import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createContext, type CliContext } from '../../../cli/cli-context';

export interface TestCli {
  cwd: string;
  out: () => string;
  err: () => string;
  ctx(opts?: { json?: boolean; config?: string }, env?: NodeJS.ProcessEnv): CliContext;
  cleanup(): void;
}

/** A CLI context over a temporary working folder (default SQLite store under it). */
export function testCli(): TestCli {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'assetbridge-cmd-'));
  let out = '';
  let err = '';
  return {
    cwd,
    out: () => out,
    err: () => err,
    ctx: (opts = {}, env = {}) =>
      createContext(
        { json: opts.json, config: opts.config, logLevel: 'warn' },
        {
          stdout: (s) => void (out += s),
          stderr: (s) => void (err += s),
          env: { ...env },
          cwd,
          isTty: false,
        },
      ),
    cleanup: () => fs.rmSync(cwd, { recursive: true, force: true }),
  };
}

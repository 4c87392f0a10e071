/**
 * Where the shared reference material (`../shared`: vendor specs, research, fixtures) lives, and
 * how conformance tests behave when it is absent: they fail loudly, unless
 * `ASSETBRIDGE_NO_SHARED=1` is set, in which case they are skipped.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The repository root (this file is `test/simulators/support/shared-dir.ts`). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** `ASSETBRIDGE_SHARED_DIR` when set, otherwise `<repo>/../shared`. */
export function expectedSharedDir(): string {
  return process.env.ASSETBRIDGE_SHARED_DIR ?? path.resolve(REPO_ROOT, '..', 'shared');
}

/** The shared directory when it exists (it must hold `specs/`), else null. */
export function sharedDir(): string | null {
  const dir = expectedSharedDir();
  return fs.existsSync(path.join(dir, 'specs')) ? dir : null;
}

/** True when the caller asked to skip tests that need ../shared. */
export function sharedSkipRequested(): boolean {
  return process.env.ASSETBRIDGE_NO_SHARED === '1';
}

/**
 * The shared directory; null when it is absent and ASSETBRIDGE_NO_SHARED=1 (the caller skips);
 * throws a clear error when it is absent otherwise.
 */
export function requireShared(): string | null {
  const dir = sharedDir();
  if (dir) return dir;
  if (sharedSkipRequested()) return null;
  throw new Error(
    `Vendor specs not found: expected ${path.join(expectedSharedDir(), 'specs')}. ` +
      'Conformance tests read ../shared/specs next to the repository (CI has it). ' +
      'Check it out there, point ASSETBRIDGE_SHARED_DIR at it, ' +
      'or set ASSETBRIDGE_NO_SHARED=1 to skip these tests.',
  );
}

/**
 * `describe` for conformance suites: runs `fn` when ../shared is present, skips it when
 * ASSETBRIDGE_NO_SHARED=1, and otherwise registers one failing test that explains what is missing.
 */
export function describeConformance(name: string, fn: () => void): void {
  let dir: string | null;
  try {
    dir = requireShared();
  } catch (error) {
    const problem = error instanceof Error ? error : new Error(String(error));
    describe(name, () => {
      test('vendor specs in ../shared are available', () => {
        throw problem;
      });
    });
    return;
  }
  if (dir === null) describe.skip(name, fn);
  else describe(name, fn);
}

import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The folder that holds assetbridge's package.json, found upwards from `start`: the same from the
 * TypeScript sources and from the compiled `dist/`. `start` itself when none is found.
 */
export function findPackageRoot(start: string): string {
  let dir = start;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) return start;
    dir = up;
  }
  return dir;
}

/** assetbridge's own folder (bundled mappings, examples, bin). */
export const PACKAGE_ROOT = findPackageRoot(__dirname);

/**
 * Reads the vendor reference material in ../shared (outside the repository) for the conformance
 * tests. When it is absent the tests fail loudly, unless ASSETBRIDGE_NO_SHARED=1 says to skip.
 */
import fs from 'node:fs';
import path from 'node:path';

export const SHARED_DIR = path.resolve(__dirname, '../../../../shared');

export function sharedAvailable(): boolean {
  return fs.existsSync(path.join(SHARED_DIR, 'specs', 'servicenow', 'c_TableAPI.md'));
}

export function skipWithoutShared(): boolean {
  return !sharedAvailable() && process.env.ASSETBRIDGE_NO_SHARED === '1';
}

export function readShared(relative: string): string {
  const file = path.join(SHARED_DIR, relative);
  if (!fs.existsSync(file)) {
    throw new Error(
      `ServiceNow conformance: ${file} is missing. The conformance tests need ../shared ` +
        '(vendor docs and fixtures); set ASSETBRIDGE_NO_SHARED=1 to skip them on purpose.',
    );
  }
  return fs.readFileSync(file, 'utf8');
}

/** Every fenced code block of a Markdown doc that parses as JSON with a `result`. */
export function jsonSamples(markdown: string): { result: unknown }[] {
  const out: { result: unknown }[] = [];
  for (const match of markdown.matchAll(/```\n(\{[\s\S]*?)```/g)) {
    try {
      const parsed = JSON.parse(match[1]) as unknown;
      if (parsed && typeof parsed === 'object' && 'result' in parsed) {
        out.push(parsed as { result: unknown });
      }
    } catch {
      // Not JSON (a request with shell escapes, a schema sketch): not a sample.
    }
  }
  return out;
}

/**
 * Dotted key paths of a JSON value; array elements share their array's path. Keys of objects
 * listed in `mapKeys` (paths whose keys are data, like `result.summary`) become `*`.
 */
export function keyPaths(value: unknown, mapKeys: string[] = [], prefix = ''): Set<string> {
  const out = new Set<string>();
  const visit = (v: unknown, p: string): void => {
    if (Array.isArray(v)) {
      v.forEach((e) => visit(e, p));
      return;
    }
    if (v === null || typeof v !== 'object') return;
    for (const [k, child] of Object.entries(v)) {
      const key = mapKeys.includes(p) ? '*' : k;
      const next = p ? `${p}.${key}` : key;
      out.add(next);
      visit(child, next);
    }
  };
  visit(value, prefix);
  return out;
}

/** `result.items.sysId`-style parameter names from a doc's "Response body parameters" tables. */
export function documentedParameters(markdown: string): Set<string> {
  const out = new Set<string>();
  for (const match of markdown.matchAll(/^(result(?:\.[A-Za-z_\\]+)+)\s*$/gm)) {
    out.add(match[1].replace(/\\/g, ''));
  }
  return out;
}

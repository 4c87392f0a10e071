import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, requireShared, sharedDir } from './shared-dir';

describe('sharedDir / requireShared', () => {
  const saved = {
    dir: process.env.ASSETBRIDGE_SHARED_DIR,
    skip: process.env.ASSETBRIDGE_NO_SHARED,
  };
  afterEach(() => {
    for (const [key, value] of [
      ['ASSETBRIDGE_SHARED_DIR', saved.dir],
      ['ASSETBRIDGE_NO_SHARED', saved.skip],
    ] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  test('REPO_ROOT is the repository root', () => {
    expect(fs.existsSync(path.join(REPO_ROOT, 'package.json'))).toBe(true);
    expect(fs.existsSync(path.join(REPO_ROOT, 'simulators'))).toBe(true);
  });

  test('a directory with specs/ is found; requireShared returns it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shared-'));
    fs.mkdirSync(path.join(dir, 'specs'));
    process.env.ASSETBRIDGE_SHARED_DIR = dir;
    expect(sharedDir()).toBe(dir);
    expect(requireShared()).toBe(dir);
  });

  test('absent: null from sharedDir; requireShared throws a clear error unless ASSETBRIDGE_NO_SHARED=1', () => {
    process.env.ASSETBRIDGE_SHARED_DIR = path.join(os.tmpdir(), 'no-such-shared-dir-xyz');
    delete process.env.ASSETBRIDGE_NO_SHARED;
    expect(sharedDir()).toBeNull();
    expect(() => requireShared()).toThrow(
      /Vendor specs not found: expected .*no-such-shared-dir-xyz.*ASSETBRIDGE_NO_SHARED=1/s,
    );
    process.env.ASSETBRIDGE_NO_SHARED = '1';
    expect(requireShared()).toBeNull();
  });
});

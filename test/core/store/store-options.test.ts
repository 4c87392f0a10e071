import path from 'node:path';
import { isAssetbridgeError } from '../../../core/errors';
import {
  defaultSqliteFile,
  redactUrl,
  storeOptionsFromEnv,
} from '../../../core/store/store-options';

const CWD = path.resolve('/srv/assetbridge');

describe('store options', () => {
  test('the default SQLite file lives under .assetbridge in the working folder', () => {
    expect(defaultSqliteFile(CWD)).toBe(path.join(CWD, '.assetbridge', 'assetbridge.db'));
    expect(storeOptionsFromEnv({}, CWD)).toEqual({ kind: 'sqlite', file: defaultSqliteFile(CWD) });
    expect(storeOptionsFromEnv({ ASSETBRIDGE_STORE_URL: '  ' }, CWD)).toEqual({
      kind: 'sqlite',
      file: defaultSqliteFile(CWD),
    });
  });

  test('sqlite: URLs give absolute or cwd-relative files', () => {
    const env = (v: string) => ({ ASSETBRIDGE_STORE_URL: v });
    expect(storeOptionsFromEnv(env('sqlite:data/a.db'), CWD)).toEqual({
      kind: 'sqlite',
      file: path.join(CWD, 'data', 'a.db'),
    });
    expect(storeOptionsFromEnv(env('sqlite:/var/lib/ab.db'), CWD)).toEqual({
      kind: 'sqlite',
      file: path.resolve('/var/lib/ab.db'),
    });
    expect(storeOptionsFromEnv(env('sqlite:///var/lib/ab.db'), CWD)).toEqual({
      kind: 'sqlite',
      file: path.resolve('/var/lib/ab.db'),
    });
    expect(storeOptionsFromEnv(env('sqlite::memory:'), CWD)).toEqual({
      kind: 'sqlite',
      file: ':memory:',
    });
  });

  test('postgres URLs are passed through', () => {
    const url = 'postgres://ab:secret@db.internal:5432/assetbridge';
    expect(storeOptionsFromEnv({ ASSETBRIDGE_STORE_URL: url }, CWD)).toEqual({
      kind: 'postgres',
      url,
    });
    const alt = 'postgresql://db/x';
    expect(storeOptionsFromEnv({ ASSETBRIDGE_STORE_URL: alt }, CWD)).toEqual({
      kind: 'postgres',
      url: alt,
    });
  });

  test('anything else is a CONFIG_INVALID error that hides the password', () => {
    const bad = () => storeOptionsFromEnv({ ASSETBRIDGE_STORE_URL: 'mysql://u:pw@h/db' }, CWD);
    expect(bad).toThrow(/ASSETBRIDGE_STORE_URL must start with "sqlite:" or "postgres:\/\/"/);
    try {
      bad();
    } catch (err) {
      expect(isAssetbridgeError(err, 'CONFIG_INVALID')).toBe(true);
      expect(String(err)).not.toContain('pw');
    }
    expect(() => storeOptionsFromEnv({ ASSETBRIDGE_STORE_URL: 'sqlite:' }, CWD)).toThrow(
      'names no file',
    );
  });

  test('redactUrl hides only the password', () => {
    expect(redactUrl('postgres://ab:s3cr%40t@h:5432/db')).toBe('postgres://ab:***@h:5432/db');
    expect(redactUrl('postgres://ab@h/db')).toBe('postgres://ab@h/db');
  });
});

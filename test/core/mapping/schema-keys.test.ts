import { z } from 'zod';
import { keysAt } from '../../../core/mapping/schema-keys';

const Auth = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('basic'), userEnv: z.string() }),
  z.strictObject({ kind: z.literal('bearer'), tokenEnv: z.string() }),
]);
const Doc = z.strictObject({
  version: z.literal(1),
  connectors: z
    .array(z.strictObject({ name: z.string(), auth: Auth, options: z.record(z.string(), Auth) }))
    .default([]),
  store: z.strictObject({ file: z.string() }).optional(),
});

describe('keysAt', () => {
  test('the keys of the object at a path, through lists, defaults, unions and records', () => {
    expect(keysAt(Doc, [])).toEqual(['version', 'connectors', 'store']);
    expect(keysAt(Doc, ['store'])).toEqual(['file']);
    expect(keysAt(Doc, ['connectors', 3])).toEqual(['name', 'auth', 'options']);
    expect(keysAt(Doc, ['connectors', 0, 'auth'])).toEqual(['kind', 'userEnv', 'tokenEnv']);
    expect(keysAt(Doc, ['connectors', 0, 'options', 'any'])).toEqual([
      'kind',
      'userEnv',
      'tokenEnv',
    ]);
  });

  test('a path the schema does not describe has no keys', () => {
    expect(keysAt(Doc, ['nope'])).toEqual([]);
    expect(keysAt(Doc, ['connectors', 'x'])).toEqual([]);
    expect(keysAt(Doc, ['version'])).toEqual([]);
  });
});

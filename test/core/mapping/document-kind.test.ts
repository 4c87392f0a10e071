import { documentKind } from '../../../core/mapping/document-kind';

describe('documentKind', () => {
  test.each([
    [{ version: 1, connector: 'import', fields: [] }, 'mapping'],
    [{ version: 1, authority: 40, description: 'x' }, 'mapping'],
    [{ version: 1, connectors: [], store: { kind: 'sqlite' } }, 'config'],
    [{ version: 1, authority: { default: 50 } }, 'config'],
    [{ version: 1 }, 'unknown'],
    [{ connectors: [], fields: [] }, 'unknown'],
    [null, 'unknown'],
    [['a'], 'unknown'],
  ])('%j is %s', (data, kind) => {
    expect(documentKind(data)).toBe(kind);
  });
});

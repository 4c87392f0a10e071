import { resolveTarget } from '../../../core/http/request-target';

describe('resolveTarget', () => {
  test('joins path and base URL and appends the query', () => {
    expect(
      resolveTarget('s', 'https://x.test/jsm/assets/workspace/w1/v1/', {
        method: 'GET',
        path: 'object/5',
        query: { includeAttributes: true, skip: undefined },
      }),
    ).toEqual({
      target: 'object/5?includeAttributes=true',
      fullUrl: 'https://x.test/jsm/assets/workspace/w1/v1/object/5?includeAttributes=true',
    });
  });

  test('adds query keys to an absolute URL that already has a query', () => {
    const { target } = resolveTarget('s', 'https://graph.test', {
      method: 'GET',
      url: 'https://graph.test/v1.0/x?$skiptoken=a',
      query: { $top: 10 },
    });
    expect(target).toBe('https://graph.test/v1.0/x?$skiptoken=a&%24top=10');
  });

  test('refuses another origin and a request without path or url', () => {
    expect(() =>
      resolveTarget('graph', 'https://graph.test', { method: 'GET', url: 'http://graph.test/x' }),
    ).toThrow(/graph: refusing to send a request to http:\/\/graph.test/);
    expect(() => resolveTarget('s', '', { method: 'GET' })).toThrow(
      /s: a request needs a path or a url/,
    );
  });
});

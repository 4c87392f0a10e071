import { pathOf, redactUrl, scrubSecrets } from '../../../core/http/redact';

describe('redactUrl', () => {
  test.each([
    ['https://x.test/a?token=abc&limit=5', 'https://x.test/a?token=[redacted]&limit=5'],
    [
      '/oauth?client_secret=s&code=c&state=1',
      '/oauth?client_secret=[redacted]&code=[redacted]&state=1',
    ],
    [
      '/a?api_key=1&apiKey=2&X-Amz-Signature=3&sig=4',
      '/a?api_key=[redacted]&apiKey=[redacted]&X-Amz-Signature=[redacted]&sig=[redacted]',
    ],
    [
      'https://user:pw@x.test/p?password=hunter2#frag',
      'https://[redacted]@x.test/p?password=[redacted]',
    ],
    ['/v1.0/devices?$skiptoken=abc', '/v1.0/devices?$skiptoken=[redacted]'],
    [
      '/api/now/table/x?sysparm_query=serial_number%3DABC',
      '/api/now/table/x?sysparm_query=serial_number%3DABC',
    ],
    ['/plain', '/plain'],
  ])('%s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });
});

test('pathOf drops scheme, host and query', () => {
  expect(pathOf('https://x.test:8443/api/v1/x?token=1')).toBe('/api/v1/x');
  expect(pathOf('https://x.test')).toBe('/');
  expect(pathOf('/rel/path?a=1')).toBe('/rel/path');
});

test('scrubSecrets replaces every occurrence, ignoring very short values', () => {
  expect(scrubSecrets('a SECRET b SECRET', ['SECRET', 'ab'])).toBe('a [redacted] b [redacted]');
});

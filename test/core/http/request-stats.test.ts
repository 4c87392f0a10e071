import { RequestStats, requestStatsSince, statusClassOf } from '../../../core/http/request-stats';

test('counts requests by system, method and status class, and retries by reason', () => {
  const stats = new RequestStats();
  stats.recordRequest('jamf', 'GET', 200);
  stats.recordRequest('jamf', 'GET', 204);
  stats.recordRequest('jamf', 'GET', 503);
  stats.recordRequest('jamf', 'POST', null);
  stats.recordRequest('sn', 'GET', 429);
  stats.recordRetry('jamf', 'HTTP 503');
  stats.recordRetry('jamf', 'HTTP 503');
  stats.recordRetry('sn', 'HTTP 429');
  const snap = stats.snapshot();
  expect(snap.requests).toEqual([
    { system: 'jamf', method: 'GET', statusClass: '2xx', count: 2 },
    { system: 'jamf', method: 'GET', statusClass: '5xx', count: 1 },
    { system: 'jamf', method: 'POST', statusClass: 'error', count: 1 },
    { system: 'sn', method: 'GET', statusClass: '4xx', count: 1 },
  ]);
  expect(snap.retries).toEqual([
    { system: 'jamf', reason: 'HTTP 503', count: 2 },
    { system: 'sn', reason: 'HTTP 429', count: 1 },
  ]);
  expect(stats.total('jamf')).toBe(4);
  expect(stats.total()).toBe(5);
});

test('a snapshot is a copy', () => {
  const stats = new RequestStats();
  stats.recordRequest('a', 'GET', 200);
  const snap = stats.snapshot();
  stats.recordRequest('a', 'GET', 200);
  expect(snap.requests[0]?.count).toBe(1);
});

test('statusClassOf', () => {
  expect([100, 200, 301, 404, 599, 600, null].map(statusClassOf)).toEqual([
    '1xx',
    '2xx',
    '3xx',
    '4xx',
    '5xx',
    'error',
    'error',
  ]);
});

test('requestStatsSince gives what was counted between two snapshots', () => {
  const stats = new RequestStats();
  stats.recordRequest('jamf', 'GET', 200);
  stats.recordRetry('jamf', 'HTTP 503');
  const before = stats.snapshot();
  stats.recordRequest('jamf', 'GET', 200);
  stats.recordRequest('jamf', 'PATCH', 200);
  const since = requestStatsSince(stats.snapshot(), before);
  expect(since.requests).toEqual([
    { system: 'jamf', method: 'GET', statusClass: '2xx', count: 1 },
    { system: 'jamf', method: 'PATCH', statusClass: '2xx', count: 1 },
  ]);
  expect(since.retries).toEqual([]);
});

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpFactory } from '../../../core/http/http-factory';
import { RequestStats } from '../../../core/http/request-stats';
import { silentLogger } from '../../../core/logging/logger';

let server: http.Server;
let url: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    res.statusCode = req.url === '/bad/oauth/token' ? 401 : 200;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ access_token: 'tok', expires_in: 60 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

test('token requests count in the request stats by system, method and status', async () => {
  const stats = new RequestStats();
  const factory = createHttpFactory({
    system: 'intune-test',
    type: 'intune',
    logger: silentLogger(),
    stats,
  });
  const token = factory.tokenAxios();
  await token.post(`${url}/oauth/token`, 'grant_type=client_credentials');
  await token.post(`${url}/bad/oauth/token`, 'grant_type=client_credentials');
  await expect(token.post('http://127.0.0.1:1/oauth/token', '')).rejects.toThrow();
  expect(stats.snapshot().requests).toEqual([
    { system: 'intune-test', method: 'POST', statusClass: '2xx', count: 1 },
    { system: 'intune-test', method: 'POST', statusClass: '4xx', count: 1 },
    { system: 'intune-test', method: 'POST', statusClass: 'error', count: 1 },
  ]);
});

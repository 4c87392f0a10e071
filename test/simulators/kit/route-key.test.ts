import { routeKey } from '../../../simulators/kit/route-key';

describe('routeKey', () => {
  test.each([
    [
      'GET',
      '/api/now/table/cmdb_ci_computer/0123456789abcdef0123456789abcdef',
      'GET /api/now/table/cmdb_ci_computer/:id',
    ],
    ['get', '/JSSResource/computers/id/42', 'GET /JSSResource/computers/id/:id'],
    ['PUT', '/rest/api/3/issue/ITSM-123', 'PUT /rest/api/3/issue/:id'],
    [
      'PATCH',
      '/deviceManagement/managedDevices/7d0f1b7e-2c1a-4b7e-9a55-0f3e2b9c1d22',
      'PATCH /deviceManagement/managedDevices/:id',
    ],
    ['GET', '/api/v1/computers-inventory', 'GET /api/v1/computers-inventory'],
    ['GET', '/api/v2/mobile-devices/detail', 'GET /api/v2/mobile-devices/detail'],
  ])('%s %s → %s', (method, path, expected) => {
    expect(routeKey(method, path)).toBe(expected);
  });
});

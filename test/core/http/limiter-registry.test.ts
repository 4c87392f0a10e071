import nock from 'nock';
import { createHttpFactory } from '../../../core/http/http-factory';
import { LimiterRegistry } from '../../../core/http/limiter-registry';
import { limiterScopeFor, TENANT_LIMITS } from '../../../core/http/rate-limit-defaults';
import { RequestStats } from '../../../core/http/request-stats';
import { silentLogger } from '../../../core/logging/logger';
import { BASE, useNock } from './http-test-kit';

useNock();

const intune = (name: string, tenantId: string, clientId: string) =>
  limiterScopeFor({ name, type: 'intune', baseUrl: BASE, tenantId, clientId });

/** An Intune HTTP client of instance `name`, its limits kept in `registry`. */
function intuneClient(registry: LimiterRegistry, name: string, tenantId: string, clientId: string) {
  const http = createHttpFactory({
    system: name,
    type: 'intune',
    logger: silentLogger(),
    stats: new RequestStats(),
    limiters: { registry, scope: intune(name, tenantId, clientId) },
  });
  return http.client({ baseUrl: BASE });
}

describe('LimiterRegistry and Intune budgets', () => {
  test('the scope of an Intune instance is its tenant and app; others count per server', () => {
    const a = intune('intune-a', 'Contoso.onmicrosoft.com', 'app-1');
    const b = intune('intune-b', 'contoso.onmicrosoft.com', 'app-1');
    const c = intune('intune-c', 'contoso.onmicrosoft.com', 'app-2');
    expect(b.key).toBe(a.key);
    expect(c.key).not.toBe(a.key);
    expect(c.upstream?.key).toBe(a.upstream?.key);
    expect(a.key).not.toContain('app-1');
    expect(a.upstream?.settings).toEqual(TENANT_LIMITS.intune);
    expect(TENANT_LIMITS.intune!.system.budget).toEqual({ amount: 4000, intervalMs: 20_000 });
    expect(TENANT_LIMITS.intune!.classes?.write?.budget).toEqual({
      amount: 400,
      intervalMs: 20_000,
    });

    const jamf = (name: string) =>
      limiterScopeFor({ name, type: 'jamf', baseUrl: 'https://acme.jamfcloud.com/' });
    expect(jamf('j1').key).toBe(jamf('j2').key);
    expect(jamf('j1').upstream).toBeUndefined();
  });

  test('two instances on one tenant and app draw on one budget, and on the tenant budget', async () => {
    const scope = nock(BASE).get('/beta/deviceManagement/managedDevices').times(10).reply(200, {});
    nock(BASE)
      .patch(/\/beta\/deviceManagement\/managedDevices\/.+/)
      .times(3)
      .reply(204);
    const registry = new LimiterRegistry();
    const a = intuneClient(registry, 'intune-a', 'contoso', 'app-1');
    const b = intuneClient(registry, 'intune-b', 'contoso', 'app-1');
    const other = intuneClient(registry, 'intune-c', 'contoso', 'app-2');
    const list = (client: typeof a) =>
      client.request({ method: 'GET', path: '/beta/deviceManagement/managedDevices' });
    const patch = (client: typeof a, id: string) =>
      client.request({
        method: 'PATCH',
        path: `/beta/deviceManagement/managedDevices/${id}`,
        body: { notes: 'x' },
        trafficClass: 'write',
      });

    await Promise.all([list(a), list(a), list(a), list(b), list(b), patch(a, '1'), patch(b, '2')]);
    await Promise.all([list(other), list(other), list(other), list(other), list(other)]);
    await patch(other, '3');

    const shared = registry.limiterSet(intune('probe', 'contoso', 'app-1'), 'probe');
    const second = registry.limiterSet(intune('probe', 'contoso', 'app-2'), 'probe');
    expect(registry.keys()).toHaveLength(3); // the tenant, and one set per app
    expect(await shared.budgetLeft(undefined)).toBe(2000 - 7);
    expect(await shared.budgetLeft('write')).toBe(200 - 2);
    expect(await second.budgetLeft(undefined)).toBe(2000 - 6);
    const tenant = shared.upstream!;
    expect(second.upstream).toBe(tenant);
    expect(await tenant.budgetLeft(undefined)).toBe(4000 - 13);
    expect(await tenant.budgetLeft('write')).toBe(400 - 3);
    await registry.stop();
    expect(scope.isDone()).toBe(true);
  });

  test('without a registry each factory keeps limiters of its own (unchanged behaviour)', async () => {
    nock(BASE).get('/x').times(2).reply(200, {});
    const registry = new LimiterRegistry();
    const own = createHttpFactory({
      system: 'alone',
      type: 'intune',
      logger: silentLogger(),
      stats: new RequestStats(),
    });
    await own.client({ baseUrl: BASE }).request({ method: 'GET', path: '/x' });
    await intuneClient(registry, 'shared', 'contoso', 'app-1').request({
      method: 'GET',
      path: '/x',
    });
    const shared = registry.limiterSet(intune('probe', 'contoso', 'app-1'), 'probe');
    expect(await shared.budgetLeft(undefined)).toBe(1999);
    await registry.stop();
  });
});

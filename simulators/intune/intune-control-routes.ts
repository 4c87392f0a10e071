/**
 * Intune-specific `/_sim` routes: configuration (credentials, token lifetime, filter and paging
 * quirks, throttling budgets, PATCH status) and device actions as a device or admin would cause
 * them: sync, re-enrolment (a new object with the same serial), hide/unhide, delete.
 */
import type { Router } from 'express';
import { z } from 'zod';
import type { Rng } from '../kit/rng';
import type { GraphThrottle } from './graph-auth';
import { graphTime } from './intune-fleet-seeder';
import type { IntuneState } from './intune-state';
import type { ManagedDevice } from './managed-device-properties';

export interface IntuneControlDeps {
  state: IntuneState;
  throttle: GraphThrottle;
  rng: Rng;
  now: () => number;
}

const configSchema = z.strictObject({
  tenantId: z.string().min(1).optional(),
  clientId: z.string().min(1).optional(),
  clientSecret: z.string().min(1).optional(),
  tokenLifetimeSeconds: z.number().int().min(1).optional(),
  filterMode: z.enum(['apply', 'ignore']).optional(),
  ignoredFilterProperties: z.array(z.string()).optional(),
  emptyPageRate: z.number().min(0).max(0.9).optional(),
  maxPageSize: z.number().int().min(1).max(10_000).optional(),
  nonDefaultRequiresSelect: z.boolean().optional(),
  readBudgetPer20s: z.number().int().min(0).optional(),
  writeBudgetPer20s: z.number().int().min(0).optional(),
  retryAfter: z.boolean().optional(),
  patchStatus: z.union([z.literal(204), z.literal(200)]).optional(),
});

const syncSchema = z.strictObject({
  deviceName: z.string().min(1).optional(),
  osVersion: z.string().min(1).optional(),
  serialNumber: z.string().optional(),
  complianceState: z.enum(['unknown', 'compliant', 'noncompliant', 'inGracePeriod']).optional(),
});

function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  throw Object.assign(new Error(z.prettifyError(parsed.error)), { status: 400 });
}

function device(state: IntuneState, id: string): ManagedDevice {
  const found = state.devices.get(id);
  if (!found)
    throw Object.assign(new Error(`managed device ${id} does not exist`), { status: 404 });
  return found;
}

export function addIntuneControlRoutes(router: Router, deps: IntuneControlDeps): void {
  const { state, rng, now } = deps;
  router.get('/config', (_req, res) => res.json(state.config));
  router.put('/config', (req, res) => {
    state.config = { ...state.config, ...parseBody(configSchema, req.body) };
    deps.throttle.reset();
    res.json(state.config);
  });
  router.post('/devices/:id/sync', (req, res) => {
    const target = device(state, req.params.id);
    Object.assign(target, parseBody(syncSchema, req.body), {
      lastSyncDateTime: graphTime(now(), rng),
    });
    state.touch();
    res.json(target);
  });
  router.post('/devices/:id/re-enroll', (req, res) => {
    const old = device(state, req.params.id);
    const stamp = graphTime(now(), rng);
    const fresh: ManagedDevice = {
      ...structuredClone(old),
      id: rng.uuid(),
      azureADDeviceId: rng.uuid(),
      enrolledDateTime: stamp,
      lastSyncDateTime: stamp,
    };
    state.add(fresh);
    res.json(fresh);
  });
  for (const [action, hide] of [
    ['hide', true],
    ['unhide', false],
  ] as const) {
    router.post(`/devices/:id/${action}`, (req, res) => {
      const target = device(state, req.params.id);
      if (hide) state.hidden.add(target.id);
      else state.hidden.delete(target.id);
      state.touch();
      res.json({ id: target.id, hidden: hide });
    });
  }
  router.delete('/devices/:id', (req, res) => {
    device(state, req.params.id);
    state.remove(req.params.id);
    res.status(204).end();
  });
}

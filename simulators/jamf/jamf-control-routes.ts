/**
 * Jamf-specific `/_sim` routes: configuration (token lifetimes, concurrency cap, page-size quirk,
 * webhooks), and device actions that behave as a Mac, an iPhone or an admin would, firing the
 * matching webhooks (check-in, inventory, enrolment, un-enrolment, re-enrolment, hide/unhide).
 */
import type { Request, Router } from 'express';
import { z } from 'zod';
import type { Rng } from '../kit/rng';
import type { ConcurrencyLimiter } from './concurrency-limiter';
import { JamfHttpError } from './jamf-errors';
import { jamfTime } from './jamf-time';
import type { JamfComputer, JamfMobileDevice } from './jamf-records';
import type { JamfState } from './jamf-state';
import {
  computerEventObject,
  jamfWebhookConfigSchema,
  mobileEventObject,
  type JamfWebhookDispatcher,
} from './jamf-webhooks';

export interface JamfControlDeps {
  state: JamfState;
  webhooks: JamfWebhookDispatcher;
  limiter: ConcurrencyLimiter;
  rng: Rng;
  now: () => number;
}

const configSchema = z.strictObject({
  clientId: z.string().min(1).optional(),
  clientSecret: z.string().min(1).optional(),
  username: z.string().min(1).optional(),
  password: z.string().min(1).optional(),
  tokenLifetimeSeconds: z.number().int().min(2).optional(),
  userTokenLifetimeSeconds: z.number().int().min(2).optional(),
  maxConcurrent: z.number().int().min(1).optional(),
  concurrencyStatus: z.union([z.literal(429), z.literal(503)]).optional(),
  clampPageSize: z.boolean().optional(),
  webhooks: z.array(jamfWebhookConfigSchema).optional(),
});

const inventoryChangeSchema = z.strictObject({
  name: z.string().min(1).optional(),
  osVersion: z.string().min(1).optional(),
  serialNumber: z.string().nullable().optional(),
  assetTag: z.string().nullable().optional(),
});

const reEnrolSchema = z.strictObject({ newRecord: z.boolean().default(true) });

type Found<T> = { record: T; id: string };

/** Parses a control body; a bad body becomes a 400 from the kit's control error handler. */
function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  throw Object.assign(new Error(z.prettifyError(parsed.error)), { status: 400 });
}

function stamp(deps: JamfControlDeps): string {
  return jamfTime(new Date(deps.now()).toISOString(), 3);
}

function computer(deps: JamfControlDeps, req: Request): Found<JamfComputer> {
  const id = String(req.params.id);
  const record = deps.state.computers.get(id);
  if (!record)
    throw new JamfHttpError(404, 'INVALID_ID', `Computer with id ${id} not found`, 'id', id);
  return { record, id };
}

function mobile(deps: JamfControlDeps, req: Request): Found<JamfMobileDevice> {
  const id = String(req.params.id);
  const record = deps.state.mobileDevices.get(id);
  if (!record)
    throw new JamfHttpError(404, 'INVALID_ID', `Mobile device with id ${id} not found`, 'id', id);
  return { record, id };
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

function computerRoutes(router: Router, deps: JamfControlDeps): void {
  const { state, webhooks } = deps;
  router.post('/devices/computers/:id/check-in', async (req, res) => {
    const { record } = computer(deps, req);
    record.general.lastCheckIn = record.general.lastContact = stamp(deps);
    state.touch();
    const event = {
      computer: computerEventObject(state, record),
      trigger: 'CLIENT_CHECKIN',
      username: record.userAndLocation?.username ?? '',
    };
    res.json({ id: record.id, deliveries: await webhooks.fire('ComputerCheckIn', event) });
  });
  router.post('/devices/computers/:id/inventory', async (req, res) => {
    const { record } = computer(deps, req);
    const change = parseBody(inventoryChangeSchema, req.body);
    if (change.name !== undefined) record.general.name = change.name;
    if (change.assetTag !== undefined) record.general.assetTag = change.assetTag;
    if (change.osVersion !== undefined && record.operatingSystem)
      record.operatingSystem.version = change.osVersion;
    if (change.serialNumber !== undefined && record.hardware)
      record.hardware.serialNumber = change.serialNumber;
    record.general.reportDate = record.general.lastContact = stamp(deps);
    state.touch();
    const deliveries = await webhooks.fire(
      'ComputerInventoryCompleted',
      computerEventObject(state, record),
    );
    res.json({ id: record.id, deliveries });
  });
  router.post('/devices/computers/:id/re-enroll', async (req, res) => {
    const { record } = computer(deps, req);
    const { newRecord } = parseBody(reEnrolSchema, req.body);
    const now = stamp(deps);
    if (!newRecord) {
      record.general.lastEnrolledDate = record.general.reportDate = now;
      state.touch();
      res.json({ id: record.id, deliveries: [] });
      return;
    }
    const copy = clone(record) as Omit<JamfComputer, 'id'> & { id?: string };
    delete copy.id;
    copy.udid = deps.rng.uuid().toUpperCase();
    copy.general = {
      ...copy.general,
      managementId: deps.rng.uuid(),
      lastEnrolledDate: now,
      reportDate: now,
      lastContact: now,
      lastCheckIn: now,
    };
    const added = state.addComputer(copy);
    const deliveries = await webhooks.fire('ComputerAdded', computerEventObject(state, added));
    res.json({ id: added.id, deliveries });
  });
}

function mobileRoutes(router: Router, deps: JamfControlDeps): void {
  const { state, webhooks } = deps;
  router.post('/devices/mobile/:id/check-in', async (req, res) => {
    const { record } = mobile(deps, req);
    record.general.lastContactDate = stamp(deps);
    state.touch();
    res.json({
      id: record.mobileDeviceId,
      deliveries: await webhooks.fire('MobileDeviceCheckIn', mobileEventObject(record)),
    });
  });
  router.post('/devices/mobile/:id/inventory', async (req, res) => {
    const { record } = mobile(deps, req);
    const change = parseBody(inventoryChangeSchema, req.body);
    if (change.name !== undefined) record.general.displayName = change.name;
    if (change.assetTag !== undefined) record.general.assetTag = change.assetTag;
    if (change.osVersion !== undefined) record.general.osVersion = change.osVersion;
    if (change.serialNumber !== undefined && record.hardware)
      record.hardware.serialNumber = change.serialNumber;
    record.general.lastInventoryUpdateDate = record.general.lastContactDate = stamp(deps);
    state.touch();
    const deliveries = await webhooks.fire(
      'MobileDeviceInventoryCompleted',
      mobileEventObject(record),
    );
    res.json({ id: record.mobileDeviceId, deliveries });
  });
  router.post('/devices/mobile/:id/enroll', async (req, res) => {
    const { record } = mobile(deps, req);
    const { newRecord } = parseBody(reEnrolSchema, req.body);
    const now = stamp(deps);
    let target = record;
    if (newRecord) {
      const copy = clone(record) as Omit<JamfMobileDevice, 'mobileDeviceId'> & {
        mobileDeviceId?: string;
      };
      delete copy.mobileDeviceId;
      copy.general = { ...copy.general, udid: deps.rng.hex(40), managementId: deps.rng.uuid() };
      target = state.addMobileDevice(copy);
    }
    target.general.managed = true;
    target.general.lastEnrolledDate =
      target.general.lastInventoryUpdateDate =
      target.general.lastContactDate =
        now;
    state.touch();
    const deliveries = await webhooks.fire('MobileDeviceEnrolled', mobileEventObject(target));
    res.json({ id: target.mobileDeviceId, deliveries });
  });
  router.post('/devices/mobile/:id/unenroll', async (req, res) => {
    const { record } = mobile(deps, req);
    record.general.managed = false;
    state.touch();
    res.json({
      id: record.mobileDeviceId,
      deliveries: await webhooks.fire('MobileDeviceUnEnrolled', mobileEventObject(record)),
    });
  });
}

function visibilityRoutes(router: Router, deps: JamfControlDeps): void {
  const { state } = deps;
  const sets = { computers: state.hiddenComputers, mobile: state.hiddenMobileDevices };
  for (const [kind, hidden] of Object.entries(sets)) {
    const find = kind === 'computers' ? computer : mobile;
    router.post(`/devices/${kind}/:id/hide`, (req, res) => {
      const { id } = find(deps, req);
      hidden.add(id);
      state.touch();
      res.json({ id, hidden: true });
    });
    router.post(`/devices/${kind}/:id/unhide`, (req, res) => {
      const { id } = find(deps, req);
      hidden.delete(id);
      state.touch();
      res.json({ id, hidden: false });
    });
  }
}

export function addJamfControlRoutes(router: Router, deps: JamfControlDeps): void {
  router.get('/config', (_req, res) => res.json(deps.state.config));
  router.put('/config', (req, res) => {
    const parsed = parseBody(configSchema, req.body);
    deps.state.config = { ...deps.state.config, ...parsed };
    res.json(deps.state.config);
  });
  router.get('/webhooks/deliveries', (_req, res) =>
    res.json({ deliveries: deps.webhooks.deliveries }),
  );
  router.post('/limiter/pause', (_req, res) => {
    deps.limiter.pause();
    res.json({ paused: true, inFlight: deps.limiter.inFlight });
  });
  router.post('/limiter/resume', (_req, res) => {
    deps.limiter.resume();
    res.json({ paused: false, inFlight: deps.limiter.inFlight });
  });
  router.get('/limiter', (_req, res) => res.json({ inFlight: deps.limiter.inFlight }));
  computerRoutes(router, deps);
  mobileRoutes(router, deps);
  visibilityRoutes(router, deps);
}

/**
 * Jira-specific `/_sim` routes: configuration (webhooks, quirks, rate limits, credentials), the
 * webhook delivery log, changes made "as a person would" (firing webhooks), and the seed body.
 */
import type { Router } from 'express';
import { z } from 'zod';
import { generateFleet } from '../fleet/fleet-generator';
import type { FleetDevice } from '../fleet/fleet-device';
import { textToAdf } from './adf';
import { describeZod, parseObjectIn } from './assets-input';
import { AssetsValidationError } from './assets-values';
import { addFleetDevice, seedFleet } from './fleet-seed';
import { JIRA_STATUSES } from './jira-catalog';
import { VendorError } from './jira-errors';
import type { IssueService } from './issue-service';
import type { JiraRateLimit } from './jira-rate-limit';
import type { JiraState } from './jira-state';
import type { WebhookDispatcher } from './webhook-dispatcher';
import {
  insertWireIssue,
  insertWireObject,
  wireIssueSchema,
  wireObjectSchema,
  wireUserSchema,
} from './wire-seed';

const configSchema = z.object({
  webhooks: z
    .array(
      z.object({
        url: z.string().url(),
        secret: z.string().optional(),
        events: z.array(z.string()).default([]),
      }),
    )
    .optional(),
  webhookRetry: z
    .object({
      delaysMs: z.array(z.number().int().min(0)).optional(),
      timeoutMs: z.number().int().positive().optional(),
    })
    .optional(),
  quirks: z
    .object({
      legacySearchGone: z.boolean(),
      insightWorkspaceRetired: z.boolean(),
      createReturnsNoAttributes: z.boolean(),
      aqlTotalCap: z.number().int().positive().nullable(),
    })
    .partial()
    .optional(),
  rateLimits: z
    .object({
      jiraReadPerSecond: z.number().int().min(0),
      jiraWritePerSecond: z.number().int().min(0),
      assetsAqlPerMinute: z.number().int().min(0),
      assetsTotalCountPerMinute: z.number().int().min(0),
      assetsObjectPerMinute: z.number().int().min(0),
    })
    .partial()
    .optional(),
  credentials: z.object({ email: z.string().min(1), apiToken: z.string().min(1) }).optional(),
});

const seedSchema = z.object({
  fleet: z
    .union([
      z.array(
        z.custom<FleetDevice>(
          (v) => typeof v === 'object' && v !== null && 'presence' in v,
          'a FleetDevice',
        ),
      ),
      z
        .object({ size: z.number().int().min(0).max(200_000), seed: z.number().int() })
        .passthrough(),
    ])
    .optional(),
  users: z.array(wireUserSchema).optional(),
  objects: z.array(wireObjectSchema).optional(),
  issues: z.array(wireIssueSchema).optional(),
});

const personEditSchema = z.object({
  actor: z.string().optional(),
  fields: z.record(z.string(), z.unknown()).optional(),
  update: z.record(z.string(), z.unknown()).optional(),
  status: z.string().optional(),
});

/** Parses a control body; a bad one is a 400 naming the problem. */
function parseControl<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) {
    throw Object.assign(new Error(`${what}: ${describeZod(parsed.error)}`), { status: 400 });
  }
  return parsed.data;
}

function notFound(what: string): Error {
  return Object.assign(new Error(`${what} does not exist`), { status: 404 });
}

export interface ControlDeps {
  state: JiraState;
  service: IssueService;
  webhooks: WebhookDispatcher;
  limits: JiraRateLimit;
  hidden: FleetDevice[];
}

export function seedJira(deps: ControlDeps, body: unknown): Record<string, number> {
  const data = seedSchema.parse(body ?? {});
  const { state } = deps;
  for (const user of data.users ?? [])
    state.users.add({ ...user, accountType: 'atlassian', timeZone: 'UTC' });
  let fleetObjects = 0;
  if (data.fleet) {
    const devices = Array.isArray(data.fleet)
      ? data.fleet
      : generateFleet(data.fleet as Parameters<typeof generateFleet>[0]);
    fleetObjects = seedFleet(state, devices, deps.hidden).objects;
  }
  for (const obj of data.objects ?? []) insertWireObject(state, obj);
  for (const issue of data.issues ?? []) insertWireIssue(state, issue);
  return {
    objects: state.assets.objects.size,
    fleetObjects,
    issues: state.issues.issues.size,
    users: state.users.size,
    hidden: deps.hidden.length,
  };
}

function actorId(state: JiraState, actor: string | undefined): string {
  if (!actor) return state.admin.accountId;
  return (state.users.get(actor) ?? state.users.ensure(actor, actor)).accountId;
}

function wrapAssets<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof AssetsValidationError)
      throw new VendorError(400, error.message, error.errors);
    throw error;
  }
}

export function registerControlRoutes(router: Router, deps: ControlDeps): void {
  const { state, service, webhooks, limits } = deps;
  const currentConfig = () => ({
    ...webhooks.config(),
    quirks: { ...state.options.quirks },
    rateLimits: limits.current(),
    workspaceId: state.options.workspaceId,
    assetsFieldId: state.assetsFieldId,
  });

  router.get('/config', (_req, res) => res.json(currentConfig()));
  router.put('/config', (req, res) => {
    const body = parseControl(configSchema, req.body, 'config body rejected');
    if (body.webhooks || body.webhookRetry)
      webhooks.configure(body.webhooks ?? webhooks.config().webhooks, body.webhookRetry);
    if (body.quirks) Object.assign(state.options.quirks, body.quirks);
    if (body.rateLimits) limits.setLimits(body.rateLimits);
    if (body.credentials) Object.assign(state.options, body.credentials);
    res.json(currentConfig());
  });
  router.get('/webhooks/deliveries', (_req, res) =>
    res.json({ deliveries: webhooks.deliveries() }),
  );

  router.post('/assets/objects', (req, res) => {
    const obj = wrapAssets(() => state.assets.create(parseObjectIn(req.body)));
    res.status(201).json({ id: obj.id, objectKey: state.assets.keyOf(obj) });
  });
  router.put('/assets/objects/:id', (req, res) => {
    const obj = state.assets.find(String(req.params.id));
    if (!obj) throw notFound(`Assets object ${String(req.params.id)}`);
    const input = parseObjectIn({ objectTypeId: obj.objectTypeId, ...(req.body as object) });
    const changed = wrapAssets(() => state.assets.update(obj, input));
    res.json({ id: obj.id, changed });
  });
  router.delete('/assets/objects/:id', (req, res) => {
    const obj = state.assets.find(String(req.params.id));
    if (!obj) throw notFound(`Assets object ${String(req.params.id)}`);
    state.assets.delete(obj);
    res.status(204).end();
  });

  router.post('/issues', (req, res) => {
    const body = parseControl(personEditSchema, req.body, 'issue change rejected');
    const issue = service.create(
      { fields: body.fields, update: body.update },
      actorId(state, body.actor),
    );
    res.status(201).json({ id: issue.id, key: issue.key });
  });
  router.put('/issues/:key', (req, res) => {
    const issue = state.issues.find(String(req.params.key));
    if (!issue) throw notFound(`issue ${String(req.params.key)}`);
    const body = parseControl(personEditSchema, req.body, 'issue change rejected');
    const status = body.status
      ? JIRA_STATUSES.find(
          (s) => s.name.toLowerCase() === body.status?.toLowerCase() || s.id === body.status,
        )
      : undefined;
    if (body.status && !status)
      throw Object.assign(new Error(`unknown status "${body.status}"`), { status: 400 });
    const items = service.edit(
      issue,
      { fields: body.fields, update: body.update },
      actorId(state, body.actor),
      status?.id,
    );
    res.json({ key: issue.key, changelog: items });
  });
  router.delete('/issues/:key', (req, res) => {
    const issue = state.issues.find(String(req.params.key));
    if (!issue) throw notFound(`issue ${String(req.params.key)}`);
    service.remove(
      issue,
      actorId(state, typeof req.query.actor === 'string' ? req.query.actor : undefined),
    );
    res.status(204).end();
  });
  router.post('/issues/:key/comment', (req, res) => {
    const issue = state.issues.find(String(req.params.key));
    if (!issue) throw notFound(`issue ${String(req.params.key)}`);
    const body = parseControl(
      z.object({ text: z.string().min(1), actor: z.string().optional() }),
      req.body,
      'comment rejected',
    );
    const comment = service.addComment(issue, textToAdf(body.text), actorId(state, body.actor));
    res.status(201).json({ id: comment.id });
  });
  router.post('/fleet/reveal', (_req, res) => {
    const revealed = deps.hidden.splice(0, deps.hidden.length);
    for (const device of revealed) addFleetDevice(state, device);
    res.json({ revealed: revealed.length });
  });
}

/**
 * The Jira Cloud / JSM / Assets simulator: one express app serving the Jira site
 * (`/rest/api/3`, `/rest/servicedeskapi`) and the Assets API
 * (`/jsm/assets/workspace/{workspaceId}/v1`) on the same base URL, with in-memory state.
 */
import express from 'express';
import { createControlRouter } from '../kit/control-router';
import { FaultInjector } from '../kit/fault-injector';
import { RequestLog } from '../kit/request-log';
import { Rng } from '../kit/rng';
import type { RunningSimulator, Simulator } from '../kit/sim-types';
import { startServer } from '../kit/start-server';
import type { FleetDevice } from '../fleet/fleet-device';
import { createAssetsRouter } from './assets-routes';
import { seedFleet } from './fleet-seed';
import { IssueService } from './issue-service';
import { basicAuth } from './jira-auth';
import { registerControlRoutes, seedJira } from './jira-control';
import type { ControlDeps } from './jira-control';
import { errorHandler, notFoundHandler, respondError } from './jira-errors';
import { resolveJiraOptions } from './jira-options';
import type { JiraSimulatorOptions } from './jira-options';
import { JiraRateLimit } from './jira-rate-limit';
import { createJiraRouter } from './jira-routes';
import { JiraState } from './jira-state';
import { createServiceDeskRouter } from './servicedesk-routes';
import { WebhookDispatcher } from './webhook-dispatcher';

export type { JiraSimulatorOptions, JiraQuirks, JiraRateLimits } from './jira-options';
export { JiraState } from './jira-state';
export { signBody } from './webhook-dispatcher';

export interface JiraSimulator extends Simulator<JiraState> {
  seedFromFleet(devices: FleetDevice[]): void;
  /** Resolves when no webhook delivery is in flight. */
  webhooksIdle(): Promise<void>;
}

export function createJiraSimulator(options: JiraSimulatorOptions = {}): JiraSimulator {
  const resolved = resolveJiraOptions(options);
  const state = new JiraState(resolved);
  const rng = new Rng(resolved.seed);
  const webhooks = new WebhookDispatcher(resolved.webhookRetry, new Rng(resolved.seed + 1));
  const service = new IssueService(state, webhooks);
  const limits = new JiraRateLimit(resolved.rateLimits, resolved.now);
  const log = new RequestLog();
  const faults = new FaultInjector({ rng, respondError });
  const hidden: FleetDevice[] = [];
  const deps: ControlDeps = { state, service, webhooks, limits, hidden };

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(log.middleware());
  app.use(
    '/_sim',
    createControlRouter({
      log,
      faults,
      reset: () => {
        state.reset();
        hidden.length = 0;
        webhooks.reset();
        limits.reset();
      },
      seed: (body) => seedJira(deps, body),
      extra: (router) => registerControlRoutes(router, deps),
    }),
  );
  app.use(faults.middleware());
  app.use(basicAuth(() => ({ email: state.options.email, apiToken: state.options.apiToken })));
  app.use(limits.middleware());
  app.use(express.json({ limit: '10mb', type: ['application/json', 'application/*+json'] }));
  app.use('/rest/api/3', createJiraRouter(state, service));
  app.use('/rest/servicedeskapi', createServiceDeskRouter(state, service));
  app.use('/jsm/assets/workspace/:workspaceId/v1', createAssetsRouter(state));
  app.use(notFoundHandler);
  app.use(errorHandler);

  return {
    name: 'jira',
    app,
    state,
    seedFromFleet: (devices) => {
      seedFleet(state, devices, hidden);
    },
    webhooksIdle: () => webhooks.idle(),
    start: async (port?: number): Promise<RunningSimulator> => {
      const running = await startServer('jira', app, port);
      state.baseUrl = running.url;
      return {
        ...running,
        close: async () => {
          webhooks.stop();
          await running.close();
        },
      };
    },
  };
}

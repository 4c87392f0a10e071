/**
 * The Jamf Pro simulator: an express app with the Jamf Pro API's auth, computer and mobile-device
 * inventory, PATCH, departments/buildings, outbound webhooks and a concurrency cap, in front of
 * in-memory state. Middleware order: request log, `/_sim`, faults, auth, concurrency, routes, 404,
 * errors.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import type { FleetDevice } from '../fleet/fleet-device';
import { createControlRouter } from '../kit/control-router';
import { FaultInjector } from '../kit/fault-injector';
import { isJsonParseError } from '../kit/json-errors';
import { RequestLog } from '../kit/request-log';
import { Rng } from '../kit/rng';
import type { Simulator } from '../kit/sim-types';
import { startServer } from '../kit/start-server';
import { createComputerRouter } from './computer-routes';
import { ConcurrencyLimiter } from './concurrency-limiter';
import { createJamfAuthRouter, requireJamfBearer, type JamfAuthDeps } from './jamf-auth';
import { addJamfControlRoutes } from './jamf-control-routes';
import { apiError, JamfHttpError, quotaViolationBody, sendApiError } from './jamf-errors';
import { seedJamfFromFleet, type JamfSeedCounts } from './jamf-fleet-seeder';
import { DEFAULT_JAMF_CONFIG, JamfState, type JamfConfig } from './jamf-state';
import { JamfWebhookDispatcher } from './jamf-webhooks';
import { jamfWireSeedSchema, seedJamfFromWire } from './jamf-wire-seed';
import { createMobileRouter } from './mobile-routes';

export interface JamfSimulatorOptions {
  /** Seed of the simulator's own randomness (tokens, ids, fault shares); default 1. */
  seed?: number;
  /** Clock for token expiry and event timestamps; default `Date.now`. */
  now?: () => number;
  config?: Partial<JamfConfig>;
}

export type JamfSimulator = Simulator<JamfState> & {
  seedFromFleet(devices: FleetDevice[]): JamfSeedCounts;
  webhooks: JamfWebhookDispatcher;
  limiter: ConcurrencyLimiter;
};

export const JAMF_PRO_VERSION = '11.30.1-t1784555528405';

function respondError(status: number, _req: Request, res: Response, retryAfter?: number): void {
  if (retryAfter !== undefined) res.setHeader('Retry-After', String(retryAfter));
  if (status === 429) {
    res.status(429).json(quotaViolationBody());
    return;
  }
  const code = status >= 500 ? 'UNEXPECTED_ERROR' : 'INVALID_REQUEST';
  res.status(status).json(apiError(status, code, `Request failed with status ${status}`));
}

function errorHandler(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) {
    next(error);
    return;
  }
  if (error instanceof JamfHttpError) {
    sendApiError(res, error);
  } else if (isJsonParseError(error)) {
    res.status(400).json(apiError(400, 'INVALID_JSON', 'Request body is not valid JSON', 'body'));
  } else {
    const message = error instanceof Error ? error.message : String(error);
    res.status(500).json(apiError(500, 'UNEXPECTED_ERROR', message));
  }
}

export function createJamfSimulator(options: JamfSimulatorOptions = {}): JamfSimulator {
  const initialConfig: JamfConfig = { ...DEFAULT_JAMF_CONFIG, ...options.config };
  const now = options.now ?? Date.now;
  const rng = new Rng(options.seed ?? 1);
  const state = new JamfState(initialConfig);
  const log = new RequestLog();
  const faults = new FaultInjector({ rng, respondError });
  const webhooks = new JamfWebhookDispatcher(state, now);
  const limiter = new ConcurrencyLimiter({
    limit: () => state.config.maxConcurrent,
    reject: (_req, res) => {
      const status = state.config.concurrencyStatus;
      res
        .status(status)
        .json(
          status === 429
            ? quotaViolationBody()
            : apiError(503, 'SERVICE_UNAVAILABLE', 'Too many concurrent requests'),
        );
    },
  });
  const auth: JamfAuthDeps = { state, rng, now };

  const app = express();
  app.use(log.middleware());
  app.use(
    '/_sim',
    createControlRouter({
      log,
      faults,
      reset: () => {
        limiter.resume();
        webhooks.deliveries.length = 0;
        state.reset(initialConfig);
      },
      seed: (body) => seedJamfFromWire(state, jamfWireSeedSchema.parse(body)),
      extra: (router) => addJamfControlRoutes(router, { state, webhooks, limiter, rng, now }),
    }),
  );
  app.use(faults.middleware());
  app.use('/api', createJamfAuthRouter(auth));
  app.use('/api', requireJamfBearer(auth));
  app.use('/api', limiter.middleware());
  app.use('/api', express.json({ limit: '10mb' }));
  app.get('/api/v1/jamf-pro-version', (_req, res) => res.json({ version: JAMF_PRO_VERSION }));
  app.use('/api', createComputerRouter(state));
  app.use('/api', createMobileRouter(state));
  app.use((_req: Request, res: Response) => {
    res.status(404).json({ httpStatus: 404, errors: [] });
  });
  app.use(errorHandler);

  return {
    name: 'jamf',
    app,
    state,
    webhooks,
    limiter,
    start: (port?: number) => startServer('jamf', app, port),
    seedFromFleet: (devices) => seedJamfFromFleet(state, devices, rng),
  };
}

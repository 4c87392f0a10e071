/**
 * The Microsoft Intune (Graph v1.0) simulator: an Entra-shaped token endpoint and the
 * managedDevices list/get/update, with Graph's paging, `$select`/`$filter` behaviour and quirks,
 * error bodies and per-app throttling. Middleware order: request log, `/_sim`, faults, token
 * endpoint, bearer check, throttling, routes, 404, errors.
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
import { createEntraTokenRouter } from './entra-token-router';
import { GraphThrottle, requireGraphBearer } from './graph-auth';
import { GraphHttpError, sendGraphError, type GraphErrorContext } from './graph-errors';
import { addIntuneControlRoutes } from './intune-control-routes';
import { seedIntuneFromFleet } from './intune-fleet-seeder';
import { DEFAULT_INTUNE_CONFIG, IntuneState, type IntuneConfig } from './intune-state';
import { intuneWireSeedSchema, seedIntuneFromWire } from './intune-wire-seed';
import { createManagedDeviceRouter } from './managed-device-routes';

export interface IntuneSimulatorOptions {
  /** Seed of the simulator's randomness (ids, tokens, empty pages, fault shares); default 1. */
  seed?: number;
  /** Clock for token expiry, throttling windows and timestamps; default `Date.now`. */
  now?: () => number;
  config?: Partial<IntuneConfig>;
}

export type IntuneSimulator = Simulator<IntuneState> & {
  seedFromFleet(devices: FleetDevice[]): { managedDevices: number };
};

const STATUS_CODES: Readonly<Record<number, string>> = {
  400: 'BadRequest',
  401: 'InvalidAuthenticationToken',
  403: 'Forbidden',
  404: 'ResourceNotFound',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

function errorHandler(ctx: GraphErrorContext) {
  return (error: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) {
      next(error);
      return;
    }
    let graphError: GraphHttpError;
    if (error instanceof GraphHttpError) graphError = error;
    else if (isJsonParseError(error)) {
      graphError = new GraphHttpError(
        400,
        'BadRequest',
        'Invalid JSON. A token was not recognized in the JSON content.',
      );
    } else {
      const message = error instanceof Error ? error.message : String(error);
      graphError = new GraphHttpError(500, 'InternalServerError', message);
    }
    sendGraphError(ctx, req, res, graphError);
  };
}

export function createIntuneSimulator(options: IntuneSimulatorOptions = {}): IntuneSimulator {
  const initialConfig: IntuneConfig = { ...DEFAULT_INTUNE_CONFIG, ...options.config };
  const now = options.now ?? Date.now;
  const seed = options.seed ?? 1;
  const rng = new Rng(seed);
  const state = new IntuneState(initialConfig);
  const ctx: GraphErrorContext = { rng, now };
  const log = new RequestLog();
  const throttle = new GraphThrottle(state, now);
  const faults = new FaultInjector({
    rng,
    respondError: (status, req, res, retryAfter) => {
      if (retryAfter !== undefined) res.setHeader('Retry-After', String(retryAfter));
      const code = STATUS_CODES[status] ?? 'UnknownError';
      sendGraphError(
        ctx,
        req,
        res,
        new GraphHttpError(status, code, `Simulated failure (${status}).`),
      );
    },
  });

  const app = express();
  app.use(log.middleware());
  app.use(
    '/_sim',
    createControlRouter({
      log,
      faults,
      reset: () => {
        state.reset(initialConfig);
        throttle.reset();
      },
      seed: (body) => seedIntuneFromWire(state, intuneWireSeedSchema.parse(body)),
      extra: (router) => addIntuneControlRoutes(router, { state, throttle, rng, now }),
    }),
  );
  app.use(faults.middleware());
  app.use(createEntraTokenRouter({ state, rng, now }));
  app.use('/v1.0', requireGraphBearer(state, now));
  app.use('/v1.0', throttle.middleware());
  app.use('/v1.0', express.json({ limit: '10mb' }));
  app.use(createManagedDeviceRouter({ state, seed }));
  app.use((req: Request, _res: Response, next: NextFunction) => {
    const segment = req.path.split('/').filter(Boolean).pop() ?? '';
    const message = `Resource not found for the segment '${segment}'.`;
    const graph = req.path.startsWith('/v1.0/');
    next(new GraphHttpError(graph ? 400 : 404, graph ? 'BadRequest' : 'NotFound', message));
  });
  app.use(errorHandler(ctx));

  return {
    name: 'intune',
    app,
    state,
    start: (port?: number) => startServer('intune', app, port),
    seedFromFleet: (devices) => seedIntuneFromFleet(state, devices, rng),
  };
}

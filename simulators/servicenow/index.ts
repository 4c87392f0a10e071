/**
 * The ServiceNow simulator: Table API, Identification and Reconciliation API, basic and OAuth
 * auth, inbound rate-limit rules and an outbound ticket event, on an express app with in-memory
 * tables. It knows only ServiceNow's wire format.
 */
import express from 'express';
import { createControlRouter } from '../kit/control-router';
import { FaultInjector } from '../kit/fault-injector';
import { RequestLog } from '../kit/request-log';
import { Rng } from '../kit/rng';
import type { Simulator } from '../kit/sim-types';
import { startServer } from '../kit/start-server';
import type { FleetDevice } from '../fleet/fleet-device';
import { authMiddleware, oauthRouter } from './auth';
import { serviceNowControlRoutes } from './control-routes';
import { FleetSeeder, type FleetSeedCounts } from './fleet-seeder';
import { ireRouter } from './ire-routes';
import { rateLimitMiddleware } from './rate-limit';
import { applySeed } from './seed-loader';
import type { ServiceNowOptions } from './servicenow-config';
import { ServiceNowState } from './servicenow-state';
import { respondSnError, snErrorHandler, snNotFoundHandler } from './sn-errors';
import { tableRouter } from './table-routes';

export type { ServiceNowOptions, ServiceNowQuirks, RateLimitRule } from './servicenow-config';
export { ServiceNowState } from './servicenow-state';
export { signEvent, type TicketEvent } from './outbound-events';
export { parseEncodedQuery } from './encoded-query';

export type ServiceNowSimulator = Simulator<ServiceNowState> & {
  seedFromFleet(devices: FleetDevice[]): FleetSeedCounts;
};

export function createServiceNowSimulator(options: ServiceNowOptions = {}): ServiceNowSimulator {
  const state = new ServiceNowState(options);
  const log = new RequestLog();
  const faults = new FaultInjector({
    rng: new Rng((options.seed ?? 1) + 7919),
    respondError: respondSnError,
  });
  const app = express();
  app.set('trust proxy', false);
  app.use(log.middleware());
  app.use(
    '/_sim',
    createControlRouter({
      log,
      faults,
      reset: () => state.reset(),
      seed: (body) => applySeed(state, body),
      extra: serviceNowControlRoutes(state),
    }),
  );
  app.use(faults.middleware());
  app.use(oauthRouter(state));
  app.use(authMiddleware(state));
  app.use(rateLimitMiddleware(state));
  app.use(['/api/now/table', '/api/now/:api_version/table'], tableRouter(state));
  app.use(['/api/now', '/api/now/:api_version'], ireRouter(state));
  app.use(snNotFoundHandler);
  app.use(snErrorHandler);
  return {
    name: 'servicenow',
    app,
    state,
    start: (port?: number) => startServer('servicenow', app, port),
    seedFromFleet: (devices) => new FleetSeeder(state).seed(devices),
  };
}

import type { ConnectorModule } from '../../core/sync/connector';
import { createServiceNowConnector } from './servicenow-connector';
import { ServiceNowOptions } from './servicenow-options';

/** ServiceNow: CMDB CIs (IRE) and hardware assets both ways, tickets, signed events. See README.md. */
export const servicenowConnector: ConnectorModule = {
  type: 'servicenow',
  displayName: 'ServiceNow',
  capabilities: { read: true, write: true, webhooks: true, tickets: true },
  optionsSchema: ServiceNowOptions,
  create: (deps) => createServiceNowConnector(deps),
};

export { createServiceNowConnector } from './servicenow-connector';
export { ServiceNowOptions } from './servicenow-options';

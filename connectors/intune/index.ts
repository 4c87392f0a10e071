import type { ConnectorModule } from '../../core/sync/connector';
import { createIntuneConnector } from './intune-connector';
import { intuneOptionsSchema } from './intune-options';

/** Microsoft Intune (Graph v1.0 managedDevices): see README.md. */
export const intuneConnector: ConnectorModule = {
  type: 'intune',
  displayName: 'Microsoft Intune',
  capabilities: { read: true, write: true, webhooks: false, tickets: false },
  optionsSchema: intuneOptionsSchema,
  create: createIntuneConnector,
};

export { intuneOptionsSchema, type IntuneOptions } from './intune-options';

import type { ConnectorModule } from '../../core/sync/connector';
import { createJamfConnector } from './jamf-connector';
import { JamfOptions } from './jamf-options';

/** Jamf Pro: computers and mobile devices (read, write back, webhooks). See README.md. */
export const jamfConnector: ConnectorModule = {
  type: 'jamf',
  displayName: 'Jamf Pro',
  capabilities: { read: true, write: true, webhooks: true, tickets: false },
  optionsSchema: JamfOptions,
  create: (deps) => createJamfConnector(deps),
};

export { createJamfConnector } from './jamf-connector';
export { JamfOptions } from './jamf-options';

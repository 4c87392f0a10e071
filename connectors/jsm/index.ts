import type { ConnectorModule } from '../../core/sync/connector';
import { createJsmConnector } from './jsm-connector';
import { JsmOptions } from './jsm-options';

/**
 * Jira Service Management: Assets objects both ways, linked requests, incidents and changes,
 * admin webhooks. See README.md.
 */
export const jsmConnector: ConnectorModule = {
  type: 'jsm',
  displayName: 'Jira Service Management (Assets)',
  capabilities: { read: true, write: true, webhooks: true, tickets: true },
  optionsSchema: JsmOptions,
  create: (deps) => createJsmConnector(deps),
};

export { createJsmConnector } from './jsm-connector';
export { JsmOptions } from './jsm-options';

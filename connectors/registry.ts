import type { ConnectorModule } from '../core/sync/connector';
import { intuneConnector } from './intune';
import { jamfConnector } from './jamf';
import { jsmConnector } from './jsm';
import { servicenowConnector } from './servicenow';

/**
 * The one explicit list of connector modules. A config naming a type not listed here fails
 * validation.
 */
export const CONNECTOR_MODULES: readonly ConnectorModule[] = [
  jamfConnector,
  intuneConnector,
  servicenowConnector,
  jsmConnector,
];

export const CONNECTOR_TYPES: readonly string[] = CONNECTOR_MODULES.map((m) => m.type);

export function connectorModule(type: string): ConnectorModule | undefined {
  return CONNECTOR_MODULES.find((m) => m.type === type);
}

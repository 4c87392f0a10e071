import type { ConnectorModule } from '../core/sync/connector';

/**
 * The one explicit list of connector modules. A config naming a type not listed here fails
 * validation. TODO(#5, #6, #7): register the Jamf, Intune, ServiceNow and JSM connectors.
 */
export const CONNECTOR_MODULES: readonly ConnectorModule[] = [];

export const CONNECTOR_TYPES: readonly string[] = CONNECTOR_MODULES.map((m) => m.type);

export function connectorModule(type: string): ConnectorModule | undefined {
  return CONNECTOR_MODULES.find((m) => m.type === type);
}

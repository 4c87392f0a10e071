/**
 * The one explicit list of connector types. A config naming a type not listed here fails
 * validation. TODO(#4): the connector contract and the first registered connectors.
 */
export const CONNECTOR_TYPES: readonly string[] = [];

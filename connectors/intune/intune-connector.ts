import { AssetbridgeError } from '../../core/errors';
import { authProviderFor } from '../../core/http/auth-from-config';
import type { Connector, ConnectorDeps } from '../../core/sync/connector';
import { GRAPH_SCOPE, intuneOptionsSchema, tokenUrlOf } from './intune-options';
import { ManagedDeviceReader } from './managed-device-reader';
import { selectedProperties } from './managed-device-select';
import { ManagedDeviceWriter } from './managed-device-writer';

/**
 * An Intune instance: Graph v1.0 managedDevices read by scheduled polling (Graph offers no delta
 * query and no change notifications for them) and notes/name written back. Auth is an Entra app's
 * client-credentials token, refreshed before expiry and once on a 401 by the HTTP layer.
 */
export function createIntuneConnector(deps: ConnectorDeps): Connector {
  const options = intuneOptionsSchema.parse(deps.options ?? {});
  if (deps.config.auth.kind !== 'oauth_client_credentials') {
    throw new AssetbridgeError(
      'CONFIG_INVALID',
      `connector ${deps.name}: auth.kind must be oauth_client_credentials for intune (an Entra app registration), got ${deps.config.auth.kind}`,
    );
  }
  const auth = authProviderFor(deps.config, deps.secrets, {
    http: deps.http.tokenAxios(),
    clock: { now: () => deps.clock().getTime() },
    defaultTokenUrl: tokenUrlOf(options),
    defaultScope: GRAPH_SCOPE,
  });
  const client = deps.http.client({ baseUrl: deps.config.baseUrl, auth });
  const reader = new ManagedDeviceReader({
    name: deps.name,
    client,
    graphBaseUrl: deps.config.baseUrl,
    pageSize: options.pageSize,
    select: selectedProperties(deps.mapping),
    readDetailsForChanged: options.readDetailsForChanged,
    logger: deps.logger,
  });
  return {
    name: deps.name,
    type: 'intune',
    read: (req) => reader.read(req),
    writer: new ManagedDeviceWriter(deps.name, client),
  };
}

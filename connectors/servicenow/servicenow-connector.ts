import { AssetbridgeError } from '../../core/errors';
import { webhookSecretFromEnv } from '../../core/config/secrets';
import { authProviderFor } from '../../core/http/auth-from-config';
import type { Connector, ConnectorDeps } from '../../core/sync/connector';
import { CiReader } from './ci-reader';
import { CiRecordBuilder } from './ci-record';
import { CiWriter } from './ci-writer';
import { IreClient } from './ire-client';
import { ReferenceCache } from './reference-cache';
import { ServiceNowOptions } from './servicenow-options';
import { ServiceNowTickets } from './servicenow-tickets';
import { servicenowWebhooks } from './servicenow-webhooks';
import { TableClient } from './table-client';

const AUTH_KINDS = ['basic', 'oauth_password', 'oauth_client_credentials', 'bearer'];

/**
 * Builds a ServiceNow connector instance: basic auth or OAuth (`/oauth_token.do`, password or
 * client-credentials grant) through the core auth providers; `env` is where the webhook secret
 * is read.
 */
export function createServiceNowConnector(
  deps: ConnectorDeps,
  env: NodeJS.ProcessEnv = process.env,
): Connector {
  const options = ServiceNowOptions.parse(deps.options ?? {});
  const { config } = deps;
  if (!AUTH_KINDS.includes(config.auth.kind)) {
    throw new AssetbridgeError(
      'CONFIG_INVALID',
      `connector ${config.name}: ServiceNow takes auth kind ${AUTH_KINDS.join(', ')}, not ${config.auth.kind}`,
    );
  }
  const baseUrl = config.baseUrl.replace(/\/+$/, '');
  const auth = authProviderFor(config, deps.secrets, {
    http: deps.http.tokenAxios(),
    clock: { now: () => deps.clock().getTime() },
    defaultTokenUrl: `${baseUrl}/oauth_token.do`,
  });
  const http = deps.http.client({ baseUrl, auth });
  const table = new TableClient(http);
  const refs = new ReferenceCache(table, options.createReferences);
  const builder = new CiRecordBuilder(table, refs, options, deps.clock);
  const writer = new CiWriter({
    table,
    ire: new IreClient(http, options.dataSource),
    refs,
    builder,
    options,
    logger: deps.logger,
    clock: deps.clock,
  });
  const reader = new CiReader({ table, refs, builder, options });
  return {
    name: deps.name,
    type: 'servicenow',
    read: (req) => reader.read(req),
    writer,
    webhooks: servicenowWebhooks({
      secret: webhookSecretFromEnv(deps.name, 'webhookSecretEnv', options.webhookSecretEnv, env),
      fetch: (externalId) => writer.fetch(externalId),
    }),
    tickets: new ServiceNowTickets({ table, options, baseUrl, clock: deps.clock }),
  };
}

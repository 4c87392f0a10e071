import { AssetbridgeError } from '../../core/errors';
import { webhookSecretFromEnv } from '../../core/config/secrets';
import { authProviderFor } from '../../core/http/auth-from-config';
import type { Connector, ConnectorDeps, VendorRecord } from '../../core/sync/connector';
import { AccountZone } from './account-zone';
import { AssetsCatalog } from './assets-catalog';
import { AssetsClient } from './assets-client';
import { AssetsReader } from './assets-reader';
import { assetsRecord } from './assets-record';
import { AssetsWriter } from './assets-writer';
import { jiraPlatform } from './jira-http-adapter';
import { JiraUsers } from './jira-users';
import { JsmOptions } from './jsm-options';
import { JsmTickets } from './jsm-tickets';
import { jsmWebhooks } from './jsm-webhooks';

/**
 * Builds a JSM connector instance: Assets objects both ways (our Assets client), tickets and
 * users through jira.js, admin webhooks. Every request, jira.js ones included, goes through the
 * instance's HTTP factory (one limiter set, retries, stats). `env` is where the webhook secret is.
 */
export function createJsmConnector(
  deps: ConnectorDeps,
  env: NodeJS.ProcessEnv = process.env,
): Connector {
  const options = JsmOptions.parse(deps.options ?? {});
  const kind = deps.config.auth.kind;
  if (kind !== 'api_token' && kind !== 'basic') {
    throw new AssetbridgeError(
      'CONFIG_INVALID',
      `connector ${deps.name}: JSM takes auth kind api_token (e-mail and API token), not ${kind}`,
    );
  }
  const auth = authProviderFor(deps.config, deps.secrets, { http: deps.http.tokenAxios() });
  const siteUrl = deps.config.baseUrl.replace(/\/+$/, '');
  const site = deps.http.client({ baseUrl: siteUrl, auth });
  const assetsHttp = deps.http.client({ baseUrl: options.assetsBaseUrl.replace(/\/+$/, ''), auth });
  const platform = jiraPlatform(siteUrl, site);
  const client = new AssetsClient(assetsHttp, site, options.workspaceId);
  const catalog = new AssetsCatalog(client, options, deps.mapping);
  const users = new JiraUsers(platform);
  const zone = new AccountZone(platform);
  const reader = new AssetsReader({ client, catalog, users, zone, pageSize: options.pageSize });
  const tickets = new JsmTickets({ platform, assets: client, options, siteUrl, zone });
  const fetchOne = async (externalId: string): Promise<VendorRecord | null> => {
    const obj = await client.object(externalId);
    if (obj === null) return null;
    const type = await catalog.typeById(obj.objectType.id);
    return type === null ? null : assetsRecord(obj, type, users);
  };
  const { mapping, logger } = deps;
  const writer = new AssetsWriter({
    client,
    catalog,
    users,
    mapping,
    logger,
    unresolvedValues: options.unresolvedValues,
  });
  return {
    name: deps.name,
    type: 'jsm',
    read: (req) => {
      writer.reset();
      return reader.read(req);
    },
    writer,
    webhooks: jsmWebhooks({
      secret: webhookSecretFromEnv(deps.name, 'webhookSecretEnv', options.webhookSecretEnv, env),
      assetsField: options.assetsField,
      knownFieldId: () => tickets.knownFieldId(),
      fetch: fetchOne,
    }),
    tickets,
  };
}

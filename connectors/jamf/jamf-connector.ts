import { webhookSecretFromEnv } from '../../core/config/secrets';
import type { HttpClient } from '../../core/http/http-client';
import type { Connector, ConnectorDeps, VendorRecord } from '../../core/sync/connector';
import { jamfAuth } from './jamf-auth';
import { JamfOptions } from './jamf-options';
import { computerRecord, mobileRecord, parseExternalId } from './jamf-record';
import { JamfReader } from './jamf-reader';
import { JamfReferenceNames } from './jamf-reference-names';
import { sectionsFor } from './jamf-sections';
import { jamfWebhooks } from './jamf-webhooks';
import { JamfWriter } from './jamf-writer';

/** The webhook header and its secret, read from the variable `webhookHeader.valueEnv` names. */
function webhookHeader(name: string, options: JamfOptions, env: NodeJS.ProcessEnv) {
  const header = options.webhookHeader;
  const value = webhookSecretFromEnv(name, 'webhookHeader.valueEnv', header?.valueEnv, env);
  return header === undefined || value === null ? null : { name: header.name, value };
}

/** Builds a Jamf Pro connector instance; `env` is where the webhook header secret is read. */
export function createJamfConnector(
  deps: ConnectorDeps,
  env: NodeJS.ProcessEnv = process.env,
): Connector {
  const options = JamfOptions.parse(deps.options ?? {});
  const auth = jamfAuth({
    config: deps.config,
    secrets: deps.secrets,
    http: deps.http.tokenAxios(),
    clock: { now: () => deps.clock().getTime() },
  });
  const http = deps.http.client({ baseUrl: deps.config.baseUrl.replace(/\/+$/, ''), auth });
  const names = new JamfReferenceNames(http);
  const reader = new JamfReader({ http, options, mapping: deps.mapping, names });
  const fetchOne = (externalId: string) => fetchRecord(http, reader, names, deps, externalId);
  return {
    name: deps.name,
    type: 'jamf',
    read: (req) => reader.read(req),
    writer: new JamfWriter({ http, options, names, logger: deps.logger }),
    webhooks: jamfWebhooks({ header: webhookHeader(deps.name, options, env), fetch: fetchOne }),
  };
}

/**
 * Reads one device again with the sections the mapping needs; null when Jamf answers 404 or no
 * longer lists it. Mobile devices are read through the inventory list filtered by id, which gives
 * the same shape as a read (`/v2/mobile-devices/{id}/detail` answers another one).
 */
async function fetchRecord(
  http: HttpClient,
  reader: JamfReader,
  names: JamfReferenceNames,
  deps: ConnectorDeps,
  externalId: string,
): Promise<VendorRecord | null> {
  const { kind, id } = parseExternalId(externalId);
  const section = sectionsFor(deps.mapping, kind);
  const res = await http.request<unknown>({
    method: 'GET',
    path:
      kind === 'computer'
        ? `${reader.kindQuery(kind).path}/${id}`
        : '/api/v2/mobile-devices/detail',
    query: kind === 'computer' ? { section } : { section, filter: `mobileDeviceId==${id}` },
    expectStatus: [404],
  });
  if (res.status === 404) return null;
  if (kind === 'computer') return computerRecord(res.data, names);
  const page = res.data as { results?: unknown[] } | null;
  const wire = page?.results?.[0];
  return wire === undefined ? null : mobileRecord(wire, names);
}

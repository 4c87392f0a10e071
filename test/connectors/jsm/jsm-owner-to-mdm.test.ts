import path from 'node:path';
import type { ConnectorConfig } from '../../../core/config/config-schema';
import type { ConnectorSecrets } from '../../../core/config/secrets';
import { createHttpFactory } from '../../../core/http/http-factory';
import { RequestStats } from '../../../core/http/request-stats';
import { silentLogger } from '../../../core/logging/logger';
import { loadMapping } from '../../../core/mapping/mapping-loader';
import type { Connector } from '../../../core/sync/connector';
import { createJamfConnector } from '../../../connectors/jamf';
import { createJamfSimulator } from '../../../simulators/jamf';
import type { RunningSimulator } from '../../../simulators/kit/sim-types';
import { ASSETS, cleanJiraFleet, INSTANCE, jsmTestBed, type JsmTestBed } from './jsm-harness';

const JAMF = 'jamf-test';
const JAMF_MAPPING = path.join(__dirname, '../../../mappings/jamf-computers.yaml');

let bed: JsmTestBed;
let jamfServer: RunningSimulator;
const jamfSim = () => createJamfSimulator({ seed: 7 });
let jamf: ReturnType<typeof jamfSim>;

beforeEach(async () => {
  bed = await jsmTestBed({ otherMappings: new Map([[JAMF, JAMF_MAPPING]]) });
  jamf = jamfSim();
  jamfServer = await jamf.start(0);
});
afterEach(async () => {
  await jamfServer.close();
  await bed.close();
});

function jamfConnector(): Connector {
  const mapping = loadMapping(JAMF_MAPPING);
  const config: ConnectorConfig = {
    name: JAMF,
    type: 'jamf',
    baseUrl: jamfServer.url,
    auth: { kind: 'oauth_client_credentials', clientIdEnv: 'X_ID', clientSecretEnv: 'X_SECRET' },
    mapping: JAMF_MAPPING,
    enabled: true,
    options: {},
  };
  const secrets = {
    kind: 'oauth_client_credentials',
    clientId: 'assetbridge-client',
    clientSecret: 'assetbridge-secret',
  } as unknown as ConnectorSecrets;
  const http = createHttpFactory({
    system: JAMF,
    type: 'jamf',
    logger: silentLogger(),
    stats: new RequestStats(),
    retry: { baseDelayMs: 1, maxDelayMs: 5, random: () => 0.5 },
  });
  return createJamfConnector({
    name: JAMF,
    config,
    options: {},
    secrets,
    mapping,
    http,
    logger: silentLogger(),
    clock: () => new Date(),
  });
}

describe('an owner changed in JSM', () => {
  test('reaches the core and then Jamf Pro', async () => {
    const fleet = cleanJiraFleet(6, 11, 'jamf').filter((d) => d.category === 'laptop');
    expect(fleet.length).toBeGreaterThan(0);
    bed.sim.seedFromFleet(fleet);
    jamf.seedFromFleet(fleet);
    const jsm = bed.connector();
    const mdm = jamfConnector();
    const others = new Map([[JAMF, { connector: mdm, mapping: loadMapping(JAMF_MAPPING) }]]);
    const first = await bed.engine(jsm, others).run({ full: true, dryRun: false });
    for (const c of first.connectors) expect(c.error).toBeNull();

    const device = fleet[0]!;
    const serial = device.serial!.toUpperCase();
    const before = (await bed.h.store.listAssets({ limit: 100, after: null })).assets.find(
      (a) => a.serial === serial,
    )!;
    const jamfId = before.identifiers.external.find((e) => e.system === JAMF)!.id;
    expect(before.identifiers.external.some((e) => e.system === INSTANCE)).toBe(true);

    const newOwner = 'fox.mulder@example.com';
    const account = bed.sim.state.users.ensure(newOwner, 'Fox Mulder').accountId;
    const page = (await bed.api('POST', `${ASSETS}/object/aql`, {
      qlQuery: `"Serial Number" = "${device.serial}"`,
    })) as { values: { id: string }[] };
    await bed.control('PUT', `/assets/objects/${page.values[0]!.id}`, {
      attributes: [{ objectTypeAttributeId: '13', objectAttributeValues: [{ value: account }] }],
    });

    const second = await bed.engine(jsm, others).run({ full: false, dryRun: false });
    const jsmReport = second.connectors.find((c) => c.connector === INSTANCE)!;
    const jamfReport = second.connectors.find((c) => c.connector === JAMF)!;
    expect(jsmReport.read.mode).toBe('incremental');
    expect(jsmReport.read.records).toBeGreaterThanOrEqual(1);
    expect(jamfReport.failures).toEqual([]);
    expect(jamfReport.writes.updated).toBeGreaterThanOrEqual(1);

    const after = (await bed.h.store.getAssets([before.id])).get(before.id)!.asset;
    expect(after.assignment.userEmail).toBe(newOwner);
    const inJamf = await mdm.webhooks!.fetch(jamfId);
    const data = inJamf!.data as { userAndLocation: { email: string | null } };
    expect(data.userAndLocation.email).toBe(newOwner);
  });
});

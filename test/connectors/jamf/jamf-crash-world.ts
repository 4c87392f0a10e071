import path from 'node:path';
import { parseMapping } from '../../../core/mapping/mapping-loader';
import { createStore } from '../../../core/store/create-store';
import { createJamfSimulator, type JamfSimulator } from '../../../simulators/jamf';
import type { HttpFakeVendor } from '../../core/sync/http-fake-vendor';
import { assetContents } from '../../support/ingest-harness';
import { cleanJamfFleet } from './jamf-harness';

/**
 * A world for crash and fault tests over the real Jamf simulator: Jamf holds the fleet; a CMDB
 * (the HTTP fake vendor) receives a record per device and owns the asset tag of some of them,
 * which the engine writes back to Jamf. Both outlive the sync processes the tests kill.
 */
export const JAMF_FILE = path.join(__dirname, '../../../mappings/jamf-computers.yaml');
export const DEVICES = 200;
export const CMDB_TAGGED = 20;
export const CHILD = path.join(__dirname, 'jamf-sync-child.ts');

export const WORLD_CMDB_MAPPING = parseMapping(
  `version: 1
connector: fake
authority: 50
fields:
  - { core: serial, source: serial, direction: both }
  - { core: name, source: name, direction: both }
  - { core: assignment.userEmail, source: owner, direction: both }
  - { core: assetTag, source: tag, direction: both, authority: 90 }
`,
  'cmdb.yaml',
);

/** The simulator on a fixed clock (so that write stamps are equal across worlds), seeded. */
export async function startJamfWorld(
  cmdb: HttpFakeVendor,
): Promise<{ sim: JamfSimulator; url: string; close: () => Promise<void> }> {
  const sim = createJamfSimulator({ seed: 3, now: () => Date.UTC(2026, 11, 1) });
  const fleet = cleanJamfFleet(DEVICES, 17);
  sim.seedFromFleet(fleet);
  fleet.slice(0, CMDB_TAGGED).forEach((d, i) => {
    const id = `p${String(i + 1).padStart(5, '0')}`;
    cmdb.systems.cmdb.set(id, {
      id,
      serial: d.serial!,
      name: d.name ?? `dev-${i}`,
      tag: `CMDB-${String(i + 1).padStart(4, '0')}`,
      updated: new Date(Date.UTC(2026, 10, 1, 0, 0, i)).toISOString(),
    } as never);
  });
  const server = await sim.start(0);
  return { sim, url: server.url, close: () => server.close() };
}

/** What a world ends with: assets (external ids as system names), CMDB rows, Jamf asset tags. */
export async function worldState(db: string, sim: JamfSimulator, cmdb: HttpFakeVendor) {
  const store = await createStore({ kind: 'sqlite', file: db });
  try {
    const assets = (await assetContents(store)).map((json) => {
      const asset = JSON.parse(json) as { identifiers: { external: { system: string }[] } };
      const systems = asset.identifiers.external.map((e) => e.system).sort();
      return JSON.stringify({ ...asset, identifiers: { ...asset.identifiers, external: systems } });
    });
    const rows = [...cmdb.systems.cmdb.values()] as unknown as Record<string, unknown>[];
    const cmdbRows = rows.map((d) => `${d.serial}|${d.name}|${d.owner}|${d.tag}`).sort();
    const tags = [
      ...[...sim.state.computers.values()].map((c) => `computer:${c.id}|${c.general.assetTag}`),
      ...[...sim.state.mobileDevices.values()].map(
        (m) => `mobile:${m.mobileDeviceId}|${m.general.assetTag}`,
      ),
    ];
    return { assets: assets.sort(), cmdb: cmdbRows, jamfTags: tags.sort() };
  } finally {
    await store.close();
  }
}

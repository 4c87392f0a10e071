import { JAMF, SN, cleanFleet, reportOf, snWorld, type SnWorld } from './servicenow-harness';

let w: SnWorld;
beforeEach(async () => {
  w = await snWorld(true);
});
afterEach(async () => w.close());

const writes = (reqs: Awaited<ReturnType<SnWorld['requests']>>) =>
  reqs.filter((r) => r.method !== 'GET' && r.method !== 'HEAD');

// With all four systems, the assignment reaching JSM Assets too (and an owner corrected in JSM
// reaching ServiceNow) is checked by the demo's flows: test/cli/demo/demo-command.test.ts.
describe('ServiceNow with Jamf through the core', () => {
  test('an assignment changed in ServiceNow reaches the core and then Jamf', async () => {
    const fleet = cleanFleet(6, { servicenow: true, jamf: true });
    w.sim.seedFromFleet(fleet);
    w.jamf!.seedFromFleet(fleet);
    const first = await w.run({ full: true });
    for (const name of [SN, JAMF]) {
      expect(reportOf(first, name).error).toBeNull();
      expect(reportOf(first, name).failures).toEqual([]);
    }
    const assets = (await w.h.store.listAssets({ limit: 50, after: null })).assets;
    expect(assets).toHaveLength(6);
    await w.clearLog();
    const quiet = await w.run();
    expect(writes(await w.requests())).toEqual([]);
    expect(reportOf(quiet, JAMF).writes.updated).toBe(0);

    // Someone reassigns the first device's hardware asset in ServiceNow to another fleet user.
    const device = fleet[0]!;
    const other = fleet.find((d) => d.userEmail !== device.userEmail)!;
    const [ci] = await w.table('cmdb_ci_hardware', `serial_number=${device.serial}`);
    const [user] = await w.table('sys_user', `email=${other.userEmail}`);
    expect(ci!.asset).not.toBe('');
    await w.control('POST', `/mutate/alm_hardware/${ci!.asset}`, {
      values: { assigned_to: user!.sys_id },
    });

    const after = await w.run();
    expect(reportOf(after, SN).failures).toEqual([]);
    expect(reportOf(after, JAMF).failures).toEqual([]);
    const asset = (await w.h.store.findAssets(device.serial!))[0]!;
    expect(asset.assignment.userEmail).toBe(other.userEmail);
    const jamfId = asset.identifiers.external.find((e) => e.system === JAMF)!.id;
    const inJamf = await w.jamfConnector().webhooks!.fetch(jamfId);
    expect((inJamf!.data as { userAndLocation: { email: string } }).userAndLocation.email).toBe(
      other.userEmail,
    );
    expect(reportOf(after, JAMF).writes.updated).toBe(1);
    // ServiceNow is not written back what it just said.
    expect(reportOf(after, SN).writes.updated).toBe(0);
  });
});

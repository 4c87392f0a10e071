import { DEMO_INSTANCES } from '../demo-config';
import {
  describeAsset,
  externalIdOf,
  findAsset,
  SceneLog,
  syncAndSay,
  type Scene,
} from '../demo-scene';
import type { DemoWorld } from '../demo-world';
import { jamfDevice, snEdit, snRows, snUserEmail } from '../vendor-reads';
import { jsmObjectAttribute } from '../vendor-reads-jsm';

/**
 * An asset manager hands a Mac to someone else in the CMDB (`alm_hardware.assigned_to`). The next
 * sync reads the change from ServiceNow; the CMDB has the authority for assignment, so the core
 * record takes it, and then Jamf Pro and JSM Assets are updated to the new owner.
 */
export const cmdbAssignmentScene: Scene = {
  title: 'An assignment changed in the CMDB',
  async play(world: DemoWorld) {
    const log = new SceneLog(this.title);
    const { servicenow: sn, jamf, jsm } = DEMO_INSTANCES;
    const asset = await findAsset(
      world,
      (a) =>
        externalIdOf(a, sn) !== null &&
        externalIdOf(a, jamf)?.startsWith('computer:') === true &&
        externalIdOf(a, jsm) !== null &&
        a.lifecycle.stage === 'deployed' &&
        Boolean(a.assignment.userEmail),
    );
    if (asset === null) {
      log.expect(false, '', 'no deployed Mac is in ServiceNow, Jamf and JSM at once');
      return log.result();
    }
    const ci = externalIdOf(asset, sn)!;
    const [hardware] = await snRows(world, 'alm_hardware', `ci=${ci}`, ['sys_id', 'assigned_to']);
    const users = await snRows(world, 'sys_user', 'emailISNOTEMPTY^active=true', [
      'sys_id',
      'email',
    ]);
    const next = users.find((u) => u.email && u.email !== asset.assignment.userEmail);
    if (!hardware || !next) {
      log.expect(false, '', 'the asset has no alm_hardware record, or there is no other user');
      return log.result();
    }
    log.say(`device: ${describeAsset(asset)}, assigned to ${asset.assignment.userEmail}`);
    await snEdit(world, 'alm_hardware', hardware.sys_id!, { assigned_to: next.sys_id! });
    const shown = await snUserEmail(world, next.sys_id!);
    log.say(`ServiceNow: alm_hardware assigned_to set to ${shown} by the asset manager`);

    await syncAndSay(world, log);
    const [after] = await world.store.findAssets(asset.id);
    log.expect(
      after?.assignment.userEmail === next.email,
      `core record: owner ${after?.assignment.userEmail} (from ${sn})`,
      `core record owner is ${after?.assignment.userEmail}, expected ${next.email}`,
    );
    const inJamf = await jamfDevice(world, externalIdOf(asset, jamf)!);
    log.expect(
      inJamf.email === next.email,
      `Jamf Pro: user and location e-mail is now ${inJamf.email}`,
      `Jamf Pro still shows ${inJamf.email}`,
    );
    const owner = await jsmObjectAttribute(world, externalIdOf(asset, jsm)!, 'Owner');
    log.expect(
      owner === next.email,
      `JSM Assets: Owner is now ${owner}`,
      `JSM Assets Owner is ${owner}, expected ${next.email}`,
    );
    return log.result();
  },
};

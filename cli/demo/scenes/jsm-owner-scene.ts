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
import { snRows, snUserEmail } from '../vendor-reads';
import { jsmObjectAttribute, jsmSetUserAttribute } from '../vendor-reads-jsm';

/**
 * A service-desk agent corrects the owner of a device in JSM Assets. JSM and the CMDB have the same
 * authority for assignment, so the newest observation wins: the core record takes the new owner and
 * the next sync writes it to ServiceNow's hardware asset (`assigned_to`).
 */
export const jsmOwnerScene: Scene = {
  title: 'An owner corrected in JSM Assets',
  async play(world: DemoWorld) {
    const log = new SceneLog(this.title);
    const { servicenow: sn, jsm } = DEMO_INSTANCES;
    const candidates = await snRows(world, 'sys_user', 'emailISNOTEMPTY^active=true', ['email']);
    const asset = await findAsset(
      world,
      (a) =>
        externalIdOf(a, sn) !== null &&
        externalIdOf(a, jsm) !== null &&
        a.lifecycle.stage === 'deployed' &&
        Boolean(a.assignment.userEmail),
    );
    if (asset === null) {
      log.expect(false, '', 'no deployed device is in both ServiceNow and JSM');
      return log.result();
    }
    const objectId = externalIdOf(asset, jsm)!;
    log.say(`device: ${describeAsset(asset)}, owner ${asset.assignment.userEmail}`);
    let next: string | null = null;
    for (const { email } of candidates) {
      if (!email || email === asset.assignment.userEmail) continue;
      if (await jsmSetUserAttribute(world, objectId, 'Owner', email)) {
        next = email;
        break;
      }
    }
    if (next === null) {
      log.expect(false, '', 'no other person has both a ServiceNow user and an Atlassian account');
      return log.result();
    }
    log.say(`JSM Assets: Owner set to ${next} by an agent`);

    await syncAndSay(world, log);
    const [after] = await world.store.findAssets(asset.id);
    log.expect(
      after?.assignment.userEmail === next,
      `core record: owner ${after?.assignment.userEmail} (from ${jsm})`,
      `core record owner is ${after?.assignment.userEmail}, expected ${next}`,
    );
    const [hardware] = await snRows(world, 'alm_hardware', `ci=${externalIdOf(asset, sn)}`, [
      'assigned_to',
    ]);
    const shown = await snUserEmail(world, hardware?.assigned_to ?? '');
    log.expect(
      shown === next,
      `ServiceNow: alm_hardware assigned_to is now ${shown}`,
      `ServiceNow alm_hardware assigned_to is ${shown}, expected ${next}`,
    );
    const owner = await jsmObjectAttribute(world, objectId, 'Owner');
    log.expect(owner === next, `JSM Assets: Owner stays ${owner}`, `JSM Owner became ${owner}`);
    return log.result();
  },
};

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
import { snEdit, snRows } from '../vendor-reads';
import { jsmObjectAttribute } from '../vendor-reads-jsm';

/**
 * A device is retired in the CMDB (install status Retired). The lifecycle stage comes from the
 * CMDB, so the core record moves to retired, with its history, and JSM Assets shows the object as
 * Retired. The MDMs hold no lifecycle, so nothing is written there.
 */
export const cmdbRetireScene: Scene = {
  title: 'A device retired',
  async play(world: DemoWorld) {
    const log = new SceneLog(this.title);
    const { servicenow: sn, jsm } = DEMO_INSTANCES;
    const asset = await findAsset(
      world,
      (a) =>
        externalIdOf(a, sn) !== null &&
        externalIdOf(a, jsm) !== null &&
        a.lifecycle.stage === 'deployed' &&
        a.category !== 'laptop',
    );
    if (asset === null) {
      log.expect(false, '', 'no deployed device is in both ServiceNow and JSM');
      return log.result();
    }
    const ci = externalIdOf(asset, sn)!;
    const [hardware] = await snRows(world, 'alm_hardware', `ci=${ci}`, ['sys_id']);
    if (!hardware) {
      log.expect(false, '', `CI ${ci} has no alm_hardware record`);
      return log.result();
    }
    log.say(`device: ${describeAsset(asset)} (${asset.category}), stage ${asset.lifecycle.stage}`);
    await snEdit(world, 'alm_hardware', hardware.sys_id!, { install_status: '7' });
    log.say('ServiceNow: install status set to Retired');

    await syncAndSay(world, log);
    const [after] = await world.store.findAssets(asset.id);
    log.expect(
      after?.lifecycle.stage === 'retired',
      'core record: lifecycle stage retired',
      `core record stage is ${after?.lifecycle.stage}`,
    );
    const history = await world.store.getHistory(asset.id);
    const move = history.find((h) => h.field === 'lifecycle.stage' && h.newValue === 'retired');
    log.expect(
      move !== undefined,
      `history: lifecycle.stage ${JSON.stringify(move?.oldValue)} → "retired" from ${move?.source}`,
      'no history row for the move to retired',
    );
    const status = await jsmObjectAttribute(world, externalIdOf(asset, jsm)!, 'Status');
    log.expect(
      status === 'Retired',
      'JSM Assets: Status is Retired',
      `JSM Assets Status is ${status}`,
    );
    return log.result();
  },
};

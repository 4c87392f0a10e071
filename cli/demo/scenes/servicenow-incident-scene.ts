import { DEMO_INSTANCES } from '../demo-config';
import { describeAsset, externalIdOf, findAsset, SceneLog, type Scene } from '../demo-scene';
import type { DemoWorld } from '../demo-world';
import { snRows } from '../vendor-reads';

/**
 * A person raises an incident in ServiceNow on a laptop that Jamf manages. The platform's
 * business rule (the companion app; the simulator sends the same signed event) tells `serve`,
 * which links the ticket to the asset and writes the asset context as a work note, with what
 * Jamf knows of the device: its owner, last check-in and compliance.
 */
export const serviceNowIncidentScene: Scene = {
  title: 'An incident raised in ServiceNow on a laptop',
  async play(world: DemoWorld) {
    const log = new SceneLog(this.title);
    const sn = DEMO_INSTANCES.servicenow;
    const asset = await findAsset(
      world,
      (a) =>
        a.category === 'laptop' &&
        externalIdOf(a, sn) !== null &&
        externalIdOf(a, DEMO_INSTANCES.jamf) !== null,
    );
    if (asset === null) {
      log.expect(false, '', 'no laptop is in both ServiceNow and Jamf');
      return log.result();
    }
    const ciSysId = externalIdOf(asset, sn)!;
    log.say(`laptop: ${describeAsset(asset)}, owner ${asset.assignment.userEmail ?? 'none'}`);

    const created = (await world.call('servicenow', 'POST', '/api/now/table/incident', {
      short_description: 'Laptop reboots when docked',
      cmdb_ci: ciSysId,
      urgency: '2',
    })) as { result: { sys_id: string; number: string } };
    const incident = created.result;
    log.say(`ServiceNow: ${incident.number} created with the laptop as its configuration item`);
    await world.settle();

    const [after] = await world.store.findAssets(asset.id);
    const link = after?.tickets.find((t) => t.system === sn && t.key === incident.number);
    log.expect(
      link !== undefined,
      `asset linked to ${incident.number} (${link?.kind}, ${link?.state}, "${link?.title}")`,
      `asset has no link to ${incident.number}`,
    );
    const notes = await snRows(
      world,
      'sys_journal_field',
      `element_id=${incident.sys_id}^element=work_notes`,
      ['value'],
    );
    log.expect(
      notes.length === 1,
      `one work note on ${incident.number}:`,
      `${notes.length} work notes on ${incident.number}, expected 1`,
    );
    for (const line of (notes[0]?.value ?? '').split('\n').slice(0, 8)) log.say(`  | ${line}`);
    log.expect(
      (notes[0]?.value ?? '').includes(DEMO_INSTANCES.jamf),
      'the note shows what Jamf reports of the device',
      'the note does not name Jamf as where the device was last seen',
    );
    return log.result();
  },
};

import { DEMO_INSTANCES } from '../demo-config';
import type { Asset } from '../../../core/model/asset';
import { assetOf, describeAsset, findAsset, SceneLog, syncAndSay, type Scene } from '../demo-scene';
import type { DemoWorld } from '../demo-world';

/**
 * A Mac is wiped and enrolled again: Jamf gives it a new computer id and sends ComputerAdded.
 * `serve` reads the new record, identity resolution puts it on the same asset (same serial), the
 * old id stays as an alias, and no system gets a second record of the device.
 */
export const jamfReEnrolScene: Scene = {
  title: 'A Mac re-enrolled in Jamf',
  async play(world: DemoWorld) {
    const log = new SceneLog(this.title);
    const jamf = DEMO_INSTANCES.jamf;
    const target = await boundComputer(world);
    if (target === null) {
      log.expect(false, '', 'no Jamf computer of the fleet is bound to an asset');
      return log.result();
    }
    const before = target.asset;
    log.say(`device: ${describeAsset(before)} (Jamf computer ${target.id})`);

    const answer = (await world.call(
      'jamf',
      'POST',
      `/_sim/devices/computers/${target.id}/re-enroll`,
      { newRecord: true },
    )) as { id: string };
    log.say(`Jamf: re-enrolled as computer ${answer.id}; ComputerAdded sent to serve`);
    await world.settle();

    const after = await assetOf(world, jamf, `computer:${answer.id}`);
    log.expect(
      after?.asset.id === before.id,
      `the new Jamf record resolved to the same asset ${before.id}`,
      `the new Jamf record computer:${answer.id} is not on asset ${before.id}`,
    );
    const jamfIds = (after?.links ?? []).filter((l) => l.system === jamf);
    const alias = jamfIds.find((l) => l.externalId === `computer:${target.id}`);
    log.expect(
      alias?.alias === true,
      `old id computer:${target.id} kept as an alias`,
      `old id computer:${target.id} is not kept as an alias`,
    );

    const report = await syncAndSay(world, log);
    const created = report.connectors.reduce((n, c) => n + c.writes.created, 0);
    log.expect(
      created === 0,
      'no system got a second record of the device',
      `${created} records were created for a device that already had them`,
    );
    return log.result();
  },
};

/** A Jamf computer bound to an asset with a serial and an asset tag. */
async function boundComputer(world: DemoWorld): Promise<{ id: string; asset: Asset } | null> {
  const asset = await findAsset(
    world,
    (a) =>
      a.identifiers.external.some((e) => isJamfComputer(e.system, e.id) && !e.alias) &&
      Boolean(a.serial && a.assetTag),
  );
  const link = asset?.identifiers.external.find((e) => isJamfComputer(e.system, e.id) && !e.alias);
  if (!asset || !link) return null;
  return { id: link.id.slice('computer:'.length), asset };
}

function isJamfComputer(system: string, id: string): boolean {
  return system === DEMO_INSTANCES.jamf && id.startsWith('computer:');
}

import { DEMO_INSTANCES } from '../demo-config';
import { describeAsset, externalIdOf, findAsset, SceneLog, type Scene } from '../demo-scene';
import type { DemoWorld } from '../demo-world';
import { jiraCommentTexts, jsmWorkspace } from '../vendor-reads-jsm';

interface Paged<T> {
  values: T[];
}

/**
 * An employee raises a request in the JSM portal about their phone and picks it in the Assets
 * field. Jira's admin webhook tells `serve`; the request is linked to the asset and gets the asset
 * context as a comment, with what the MDM knows of the phone. A second look changes nothing.
 */
export const jsmRequestScene: Scene = {
  title: 'A request in JSM on a phone',
  async play(world: DemoWorld) {
    const log = new SceneLog(this.title);
    const jsm = DEMO_INSTANCES.jsm;
    const mdm = [DEMO_INSTANCES.jamf, DEMO_INSTANCES.intune];
    const asset = await findAsset(
      world,
      (a) =>
        a.category === 'mobile' &&
        externalIdOf(a, jsm) !== null &&
        mdm.some((m) => externalIdOf(a, m) !== null),
    );
    if (asset === null) {
      log.expect(false, '', 'no phone is in both JSM Assets and an MDM');
      return log.result();
    }
    const objectId = externalIdOf(asset, jsm)!;
    log.say(`phone: ${describeAsset(asset)}, owner ${asset.assignment.userEmail ?? 'none'}`);

    const ws = await jsmWorkspace(world);
    const desks = (await world.call('jira', 'GET', '/rest/servicedeskapi/servicedesk')) as Paged<{
      id: string;
    }>;
    const desk = desks.values[0]!.id;
    const types = (await world.call(
      'jira',
      'GET',
      `/rest/servicedeskapi/servicedesk/${desk}/requesttype`,
    )) as Paged<{ id: string; name: string }>;
    const type = types.values.find((t) => t.name === 'Get IT help') ?? types.values[0]!;
    const fields = (await world.call('jira', 'GET', '/rest/api/3/field')) as {
      id: string;
      name: string;
    }[];
    const assetsField = fields.find((f) => f.name === 'Assets')!.id;
    const request = (await world.call('jira', 'POST', '/rest/servicedeskapi/request', {
      serviceDeskId: desk,
      requestTypeId: type.id,
      requestFieldValues: {
        summary: 'Phone no longer receives e-mail',
        description: 'Mail stopped syncing this morning.',
        [assetsField]: [{ workspaceId: ws, id: `${ws}:${objectId}`, objectId }],
      },
    })) as { issueKey: string };
    log.say(`JSM: ${request.issueKey} raised ("${type.name}") with the phone in the Assets field`);
    await world.settle();

    const [after] = await world.store.findAssets(asset.id);
    const link = after?.tickets.find((t) => t.system === jsm && t.key === request.issueKey);
    log.expect(
      link !== undefined,
      `asset linked to ${request.issueKey} (${link?.kind}, ${link?.state})`,
      `asset has no link to ${request.issueKey}`,
    );
    const comments = await jiraCommentTexts(world, request.issueKey);
    log.expect(
      comments.length === 1,
      `one asset-context comment on ${request.issueKey}:`,
      `${comments.length} comments on ${request.issueKey}, expected 1`,
    );
    for (const line of (comments[0] ?? '').split('\n').slice(0, 8)) log.say(`  | ${line}`);
    log.expect(
      mdm.some((m) => (comments[0] ?? '').includes(m)),
      'the comment shows what the MDM reports of the phone',
      'the comment does not name the MDM where the phone was last seen',
    );
    return log.result();
  },
};

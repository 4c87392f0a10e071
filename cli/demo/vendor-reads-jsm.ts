import type { DemoWorld } from './demo-world';

/** Reads of Jira, JSM and Assets that the demo makes to show an effect, as an agent would. */

interface AttributeValue {
  value?: string;
  displayValue?: string;
  status?: { name: string };
  user?: { key: string };
}

interface ObjectAttribute {
  objectTypeAttribute?: { name: string };
  objectAttributeValues: AttributeValue[];
}

/** The Assets workspace of the site. */
export async function jsmWorkspace(world: DemoWorld): Promise<string> {
  const body = (await world.call('jira', 'GET', '/rest/servicedeskapi/assets/workspace')) as {
    values: { workspaceId: string }[];
  };
  const id = body.values[0]?.workspaceId;
  if (!id) throw new Error('the Jira site has no Assets workspace');
  return id;
}

/**
 * One attribute of an Assets object as people read it: a status by name, a user by e-mail,
 * anything else by its display value; null when the object has no value for it.
 */
export async function jsmObjectAttribute(
  world: DemoWorld,
  objectId: string,
  name: string,
): Promise<string | null> {
  const ws = await jsmWorkspace(world);
  const attributes = (await world.call(
    'jira',
    'GET',
    `/jsm/assets/workspace/${ws}/v1/object/${objectId}/attributes`,
  )) as ObjectAttribute[];
  const value = attributes.find((a) => a.objectTypeAttribute?.name === name)
    ?.objectAttributeValues[0];
  if (value === undefined) return null;
  if (value.status) return value.status.name;
  if (value.user) {
    const params = new URLSearchParams({ accountId: value.user.key });
    const user = (await world.call('jira', 'GET', `/rest/api/3/user?${params}`)) as {
      emailAddress?: string;
    };
    return user.emailAddress ?? null;
  }
  return value.displayValue ?? value.value ?? null;
}

/** The comments of a Jira issue, as plain text (ADF text nodes joined). */
export async function jiraCommentTexts(world: DemoWorld, key: string): Promise<string[]> {
  const body = (await world.call('jira', 'GET', `/rest/api/3/issue/${key}/comment`)) as {
    comments: { body: unknown }[];
  };
  return body.comments.map((c) => adfText(c.body));
}

/** ADF nodes whose children are blocks: one line each. */
const BLOCK_CONTAINERS = new Set(['doc', 'bulletList', 'orderedList', 'listItem', 'panel']);

function adfText(node: unknown): string {
  if (node === null || typeof node !== 'object') return '';
  const n = node as { type?: string; text?: string; content?: unknown[] };
  if (typeof n.text === 'string') return n.text;
  const inner = (n.content ?? []).map(adfText);
  return inner.join(BLOCK_CONTAINERS.has(n.type ?? '') ? '\n' : '');
}

/**
 * An agent sets a user attribute of an Assets object (Owner) to the account of `email`, through
 * the Assets API as the object view does. Returns false when Jira has no account for `email`.
 */
export async function jsmSetUserAttribute(
  world: DemoWorld,
  objectId: string,
  name: string,
  email: string,
): Promise<boolean> {
  const ws = await jsmWorkspace(world);
  const base = `/jsm/assets/workspace/${ws}/v1`;
  const object = (await world.call('jira', 'GET', `${base}/object/${objectId}`)) as {
    objectType: { id: string };
  };
  const attributes = (await world.call(
    'jira',
    'GET',
    `${base}/objecttype/${object.objectType.id}/attributes`,
  )) as { id: string; name: string }[];
  const attribute = attributes.find((a) => a.name === name);
  if (!attribute) throw new Error(`Assets object type ${object.objectType.id} has no ${name}`);
  const params = new URLSearchParams({ query: email });
  const users = (await world.call('jira', 'GET', `/rest/api/3/user/search?${params}`)) as {
    accountId: string;
    emailAddress?: string;
  }[];
  const user = users.find((u) => u.emailAddress?.toLowerCase() === email.toLowerCase());
  if (!user) return false;
  await world.call('jira', 'PUT', `${base}/object/${objectId}`, {
    objectTypeId: object.objectType.id,
    attributes: [
      { objectTypeAttributeId: attribute.id, objectAttributeValues: [{ value: user.accountId }] },
    ],
  });
  return true;
}

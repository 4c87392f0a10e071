/**
 * Applies an `IssueUpdateDetails` body (`fields` and `update` with set/add/remove) to an issue,
 * validating each field as Jira does; problems become a 400 with an `errors` map by field id.
 */
import { adfProblem, adfToText } from './adf';
import type { AdfDoc } from './adf';
import { ISSUE_TYPES, PRIORITIES } from './jira-catalog';
import { VendorError } from './jira-errors';
import type { AssetRef, ChangeItem, StoredIssue } from './issue-store';

export interface IssueInputContext {
  assetsFieldId: string;
  workspaceId: string;
  assetExists(objectId: string): boolean;
  assetLabel(objectId: string): string;
  userExists(accountId: string): boolean;
  userName(accountId: string): string;
}

type Setter = (issue: StoredIssue, value: unknown, ctx: IssueInputContext) => string | undefined;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function byIdOrName<T extends { id: string; name: string }>(
  list: readonly T[],
  value: unknown,
): T | undefined {
  if (!isRecord(value)) return undefined;
  return list.find(
    (item) =>
      item.id === value.id ||
      (typeof value.name === 'string' && item.name.toLowerCase() === value.name.toLowerCase()),
  );
}

function userSetter(field: 'assigneeId' | 'reporterId', nullable: boolean): Setter {
  return (issue, value, ctx) => {
    if (value === null && nullable) {
      issue.assigneeId = null;
      return undefined;
    }
    const accountId = isRecord(value) ? value.accountId : undefined;
    if (typeof accountId !== 'string' || !ctx.userExists(accountId)) {
      return `Specified user does not exist or you do not have required permissions`;
    }
    issue[field] = accountId;
    return undefined;
  };
}

/** Normalises the Assets field value: an array of `{workspaceId, id, objectId}`. */
export function parseAssetRefs(value: unknown, ctx: IssueInputContext): AssetRef[] | string {
  if (value === null) return [];
  const items = Array.isArray(value) ? value : [value];
  const out: AssetRef[] = [];
  for (const item of items) {
    if (!isRecord(item))
      return 'Each Assets value must be an object with workspaceId, id and objectId';
    const fromId =
      typeof item.id === 'string' && item.id.includes(':') ? item.id.split(':')[1] : undefined;
    const objectId = typeof item.objectId === 'string' ? item.objectId : fromId;
    const workspaceId = typeof item.workspaceId === 'string' ? item.workspaceId : ctx.workspaceId;
    if (!objectId) return 'An Assets value needs objectId or id ("<workspaceId>:<objectId>")';
    if (workspaceId !== ctx.workspaceId)
      return `Workspace ${workspaceId} is not the Assets workspace of this site`;
    if (!ctx.assetExists(objectId)) return `Assets object ${objectId} does not exist`;
    if (!out.some((r) => r.objectId === objectId)) {
      out.push({ workspaceId, id: `${workspaceId}:${objectId}`, objectId });
    }
  }
  return out;
}

const SETTERS: Record<string, Setter> = {
  summary: (issue, value) => {
    if (typeof value !== 'string' || !value.trim())
      return 'You must specify a summary of the issue.';
    if (value.length > 255) return 'Summary must be less than 255 characters.';
    issue.summary = value;
    return undefined;
  },
  description: (issue, value) => {
    if (value === null) {
      issue.description = null;
      return undefined;
    }
    const problem = adfProblem(value);
    if (problem)
      return `Operation value must be an Atlassian Document (see the Atlassian Document Format): ${problem}`;
    issue.description = value as AdfDoc;
    return undefined;
  },
  priority: (issue, value) => {
    const priority = byIdOrName(PRIORITIES, value);
    if (!priority) return 'Specify a valid priority id or name';
    issue.priorityId = priority.id;
    return undefined;
  },
  labels: (issue, value) => {
    if (!Array.isArray(value) || value.some((l) => typeof l !== 'string' || /\s/.test(l) || !l)) {
      return 'Labels must be an array of strings without spaces';
    }
    issue.labels = [...new Set(value as string[])];
    return undefined;
  },
  assignee: userSetter('assigneeId', true),
  reporter: userSetter('reporterId', false),
};

function assetsSetter(
  issue: StoredIssue,
  value: unknown,
  ctx: IssueInputContext,
): string | undefined {
  const refs = parseAssetRefs(value, ctx);
  if (typeof refs === 'string') return refs;
  issue.assets = refs;
  return undefined;
}

function setterFor(field: string, ctx: IssueInputContext): Setter | undefined {
  return field === ctx.assetsFieldId ? assetsSetter : SETTERS[field];
}

const NOT_SETTABLE = (field: string) =>
  `Field '${field}' cannot be set. It is not on the appropriate screen, or unknown.`;

/** Applies `update` operations: `set`, and `add`/`remove` for labels and the Assets field. */
function applyOperation(
  issue: StoredIssue,
  field: string,
  op: Record<string, unknown>,
  ctx: IssueInputContext,
): string | undefined {
  const setter = setterFor(field, ctx);
  if (!setter) return NOT_SETTABLE(field);
  if ('set' in op) return setter(issue, op.set, ctx);
  const isAssets = field === ctx.assetsFieldId;
  if (field !== 'labels' && !isAssets) return `Field '${field}' supports only the set operation`;
  if ('add' in op) {
    const current = isAssets ? issue.assets : issue.labels;
    return setter(issue, [...current, ...(Array.isArray(op.add) ? op.add : [op.add])], ctx);
  }
  if ('remove' in op) {
    const removed = Array.isArray(op.remove) ? op.remove : [op.remove];
    if (isAssets) {
      const drop = parseAssetRefs(removed, { ...ctx, assetExists: () => true });
      if (typeof drop === 'string') return drop;
      issue.assets = issue.assets.filter((a) => !drop.some((d) => d.objectId === a.objectId));
      return undefined;
    }
    issue.labels = issue.labels.filter((l) => !removed.includes(l));
    return undefined;
  }
  return `Field '${field}': unknown operation ${Object.keys(op).join(', ')}`;
}

export interface IssueUpdateBody {
  fields?: Record<string, unknown>;
  update?: Record<string, unknown>;
}

/** Applies fields then update operations to `issue` in place; throws a 400 VendorError. */
export function applyIssueInput(
  issue: StoredIssue,
  body: IssueUpdateBody,
  ctx: IssueInputContext,
  creating: boolean,
): void {
  const errors: Record<string, string> = {};
  for (const [field, value] of Object.entries(body.fields ?? {})) {
    if (creating && (field === 'project' || field === 'issuetype')) continue;
    if (field === 'issuetype') {
      const type = byIdOrName(ISSUE_TYPES, value);
      if (!type) errors.issuetype = 'Specify an issue type';
      else issue.issueTypeId = type.id;
      continue;
    }
    const setter = setterFor(field, ctx);
    const problem = setter ? setter(issue, value, ctx) : NOT_SETTABLE(field);
    if (problem) errors[field] = problem;
  }
  for (const [field, ops] of Object.entries(body.update ?? {})) {
    if (!Array.isArray(ops)) {
      errors[field] = `Field '${field}': update operations must be an array`;
      continue;
    }
    for (const op of ops) {
      const problem = isRecord(op)
        ? applyOperation(issue, field, op, ctx)
        : `Field '${field}': bad operation`;
      if (problem) errors[field] = problem;
    }
  }
  if (creating && !issue.summary.trim() && !errors.summary)
    errors.summary = 'You must specify a summary of the issue.';
  if (Object.keys(errors).length > 0) throw new VendorError(400, '', errors, []);
}

/** Changelog items between two snapshots of an issue. */
export function diffIssues(
  before: StoredIssue,
  after: StoredIssue,
  ctx: IssueInputContext,
  statusName: (id: string) => string,
): ChangeItem[] {
  const items: ChangeItem[] = [];
  const push = (
    field: string,
    fieldId: string,
    from: string | null,
    fromString: string | null,
    to: string | null,
    toString: string | null,
    fieldtype: ChangeItem['fieldtype'] = 'jira',
  ) => {
    if (from !== to || fromString !== toString)
      items.push({ field, fieldtype, fieldId, from, fromString, to, toString });
  };
  push('summary', 'summary', null, before.summary, null, after.summary);
  push(
    'description',
    'description',
    null,
    adfToText(before.description) || null,
    null,
    adfToText(after.description) || null,
  );
  const pname = (id: string) => PRIORITIES.find((p) => p.id === id)?.name ?? id;
  push(
    'priority',
    'priority',
    before.priorityId,
    pname(before.priorityId),
    after.priorityId,
    pname(after.priorityId),
  );
  push(
    'labels',
    'labels',
    null,
    before.labels.join(' ') || null,
    null,
    after.labels.join(' ') || null,
  );
  const uname = (id: string | null) => (id ? ctx.userName(id) : null);
  push(
    'assignee',
    'assignee',
    before.assigneeId,
    uname(before.assigneeId),
    after.assigneeId,
    uname(after.assigneeId),
  );
  push(
    'reporter',
    'reporter',
    before.reporterId,
    uname(before.reporterId),
    after.reporterId,
    uname(after.reporterId),
  );
  push(
    'status',
    'status',
    before.statusId,
    statusName(before.statusId),
    after.statusId,
    statusName(after.statusId),
  );
  const ids = (refs: AssetRef[]) => refs.map((r) => r.id).join(',') || null;
  const labels = (refs: AssetRef[]) =>
    refs.map((r) => ctx.assetLabel(r.objectId)).join(', ') || null;
  push(
    'Assets',
    ctx.assetsFieldId,
    ids(before.assets),
    labels(before.assets),
    ids(after.assets),
    labels(after.assets),
    'custom',
  );
  return items;
}

export function cloneIssue(issue: StoredIssue): StoredIssue {
  return {
    ...issue,
    labels: [...issue.labels],
    assets: issue.assets.map((a) => ({ ...a })),
    comments: [...issue.comments],
  };
}

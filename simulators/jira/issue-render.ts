/** Renders issues, users and comments as Jira Cloud REST v3 returns them. */
import type { JiraUser, JiraUsers } from './jira-users';
import {
  ISSUE_TYPES,
  JIRA_STATUSES,
  PRIORITIES,
  PROJECT_ID,
  PROJECT_NAME,
  STATUS_CATEGORIES,
  fieldCatalog,
} from './jira-catalog';
import type { StoredComment, StoredIssue } from './issue-store';
import { jiraDateTime } from './jira-time';

export interface IssueRenderContext {
  baseUrl: string;
  users: JiraUsers;
  projectKey: string;
  assetsFieldNumber: number;
}

type Json = Record<string, unknown>;

function avatarUrls(base: string, seed: string): Json {
  const url = `${base}/secure/useravatar?accountId=${encodeURIComponent(seed)}`;
  return {
    '48x48': `${url}&s=48`,
    '24x24': `${url}&s=24`,
    '16x16': `${url}&s=16`,
    '32x32': `${url}&s=32`,
  };
}

export function renderUser(ctx: Pick<IssueRenderContext, 'baseUrl'>, user: JiraUser): Json {
  return {
    self: `${ctx.baseUrl}/rest/api/3/user?accountId=${encodeURIComponent(user.accountId)}`,
    accountId: user.accountId,
    emailAddress: user.emailAddress,
    avatarUrls: avatarUrls(ctx.baseUrl, user.accountId),
    displayName: user.displayName,
    active: user.active,
    timeZone: user.timeZone,
    accountType: user.accountType,
  };
}

function userField(ctx: IssueRenderContext, accountId: string | null): Json | null {
  if (!accountId) return null;
  const user = ctx.users.get(accountId);
  return user ? renderUser(ctx, user) : null;
}

export function renderStatus(ctx: IssueRenderContext, statusId: string): Json {
  const status =
    JIRA_STATUSES.find((s) => s.id === statusId) ??
    (JIRA_STATUSES[0] as (typeof JIRA_STATUSES)[number]);
  const category = STATUS_CATEGORIES[status.categoryId] ?? {
    key: 'undefined',
    colorName: 'medium-gray',
    name: 'No Category',
  };
  return {
    self: `${ctx.baseUrl}/rest/api/3/status/${status.id}`,
    description: '',
    iconUrl: `${ctx.baseUrl}/`,
    name: status.name,
    id: status.id,
    statusCategory: {
      self: `${ctx.baseUrl}/rest/api/3/statuscategory/${status.categoryId}`,
      id: status.categoryId,
      key: category.key,
      colorName: category.colorName,
      name: category.name,
    },
  };
}

function renderAllFields(ctx: IssueRenderContext, issue: StoredIssue): Json {
  const type =
    ISSUE_TYPES.find((t) => t.id === issue.issueTypeId) ??
    (ISSUE_TYPES[0] as (typeof ISSUE_TYPES)[number]);
  const priority = PRIORITIES.find((p) => p.id === issue.priorityId) ?? PRIORITIES[2];
  return {
    summary: issue.summary,
    description: issue.description,
    issuetype: {
      self: `${ctx.baseUrl}/rest/api/3/issuetype/${type.id}`,
      id: type.id,
      description: type.description,
      iconUrl: `${ctx.baseUrl}/rest/api/2/universal_avatar/view/type/issuetype/avatar/${type.id}?size=medium`,
      name: type.name,
      subtask: false,
      hierarchyLevel: 0,
    },
    project: {
      self: `${ctx.baseUrl}/rest/api/3/project/${PROJECT_ID}`,
      id: PROJECT_ID,
      key: ctx.projectKey,
      name: PROJECT_NAME,
      projectTypeKey: 'service_desk',
      simplified: false,
      avatarUrls: avatarUrls(ctx.baseUrl, `project-${PROJECT_ID}`),
    },
    status: renderStatus(ctx, issue.statusId),
    priority: {
      self: `${ctx.baseUrl}/rest/api/3/priority/${priority.id}`,
      iconUrl: `${ctx.baseUrl}/images/icons/priorities/${priority.name.toLowerCase()}.svg`,
      name: priority.name,
      id: priority.id,
    },
    reporter: userField(ctx, issue.reporterId),
    creator: userField(ctx, issue.creatorId),
    assignee: userField(ctx, issue.assigneeId),
    created: jiraDateTime(issue.createdMs),
    updated: jiraDateTime(issue.updatedMs),
    labels: [...issue.labels],
    [`customfield_${ctx.assetsFieldNumber}`]:
      issue.assets.length > 0 ? issue.assets.map((a) => ({ ...a })) : null,
  };
}

/**
 * Which fields a `fields` parameter selects: `*all`, `*navigable`, a list, `-name` exclusions.
 * Null means no `fields` object at all (only `id`, as search/jql answers by default).
 */
export function selectFields(
  spec: string[] | undefined,
  defaultAll: boolean,
): ((id: string) => boolean) | null {
  const parts = (spec ?? (defaultAll ? ['*all'] : ['id']))
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  const include = parts.filter((p) => !p.startsWith('-'));
  const exclude = new Set(parts.filter((p) => p.startsWith('-')).map((p) => p.slice(1)));
  const all = include.includes('*all') || include.includes('*navigable');
  const named = new Set(include.filter((p) => p !== 'id' && p !== 'key' && !p.startsWith('*')));
  if (!all && named.size === 0) return null;
  return (id) => !exclude.has(id) && (all || named.has(id));
}

export function renderIssue(
  ctx: IssueRenderContext,
  issue: StoredIssue,
  pick: ((id: string) => boolean) | null,
  expandNames = false,
): Json {
  const out: Json = {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: issue.id,
    self: `${ctx.baseUrl}/rest/api/3/issue/${issue.id}`,
    key: issue.key,
  };
  if (pick) {
    const fields: Json = {};
    for (const [name, value] of Object.entries(renderAllFields(ctx, issue)))
      if (pick(name)) fields[name] = value;
    out.fields = fields;
    if (expandNames) out.names = fieldNames(ctx, Object.keys(fields));
  }
  return out;
}

export function fieldNames(ctx: IssueRenderContext, ids: string[]): Record<string, string> {
  const catalog = fieldCatalog(ctx.assetsFieldNumber);
  const names: Record<string, string> = {};
  for (const id of ids) names[id] = catalog.find((f) => f.id === id)?.name ?? id;
  return names;
}

export function renderComment(
  ctx: IssueRenderContext,
  issue: StoredIssue,
  comment: StoredComment,
): Json {
  const author = userField(ctx, comment.authorId);
  return {
    self: `${ctx.baseUrl}/rest/api/3/issue/${issue.id}/comment/${comment.id}`,
    id: comment.id,
    ...(author ? { author, updateAuthor: author } : {}),
    body: comment.body,
    created: jiraDateTime(comment.createdMs),
    updated: jiraDateTime(comment.updatedMs),
    jsdPublic: comment.jsdPublic,
  };
}

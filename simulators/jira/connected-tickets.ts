/** The Jira issues connected to an Assets object, in the Assets "Ticket" shape. */
import { ISSUE_TYPES, JIRA_STATUSES, PRIORITIES, STATUS_CATEGORIES } from './jira-catalog';
import type { StoredIssue } from './issue-store';
import type { JiraState } from './jira-state';
import { isoUtc } from './jira-time';

export function renderConnectedTicket(
  state: JiraState,
  issue: StoredIssue,
): Record<string, unknown> {
  const ws = state.options.workspaceId;
  const status = JIRA_STATUSES.find((s) => s.id === issue.statusId);
  const type = ISSUE_TYPES.find((t) => t.id === issue.issueTypeId);
  const priority = PRIORITIES.find((p) => p.id === issue.priorityId);
  return {
    workspaceId: ws,
    globalId: `${ws}:${issue.id}`,
    key: issue.key,
    id: issue.id,
    reporter: issue.reporterId,
    created: isoUtc(issue.createdMs),
    updated: isoUtc(issue.updatedMs),
    title: issue.summary,
    status: {
      name: status?.name ?? '',
      description: '',
      colorName: status ? (STATUS_CATEGORIES[status.categoryId]?.colorName ?? '') : '',
    },
    type: {
      name: type?.name ?? '',
      description: type?.description ?? '',
      iconUrl: `${state.baseUrl}/rest/api/2/universal_avatar/view/type/issuetype/avatar/${issue.issueTypeId}?size=medium`,
    },
    priority: {
      name: priority?.name ?? '',
      iconUrl: `${state.baseUrl}/images/icons/priorities/${(priority?.name ?? 'medium').toLowerCase()}.svg`,
    },
  };
}

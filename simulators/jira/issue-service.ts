/**
 * Issue operations shared by the REST API, the JSM API and the control routes: create, edit,
 * delete and comment, each firing the admin webhooks as Jira does.
 */
import type { AdfDoc } from './adf';
import { ISSUE_TYPES, JIRA_STATUSES, PROJECT_ID } from './jira-catalog';
import { VendorError } from './jira-errors';
import { applyIssueInput, cloneIssue, diffIssues } from './issue-input';
import type { IssueUpdateBody } from './issue-input';
import { renderComment, renderIssue, renderUser } from './issue-render';
import type { ChangeItem, StoredComment, StoredIssue } from './issue-store';
import type { JiraState } from './jira-state';
import type { WebhookDispatcher } from './webhook-dispatcher';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function statusName(id: string): string {
  return JIRA_STATUSES.find((s) => s.id === id)?.name ?? id;
}

export class IssueService {
  constructor(
    private readonly state: JiraState,
    private readonly webhooks: WebhookDispatcher,
  ) {}

  private now(): number {
    return this.state.options.now();
  }

  /** Creates an issue from an `IssueUpdateDetails` body; `requestTypeId` for JSM requests. */
  create(body: IssueUpdateBody, actorId: string, requestTypeId: string | null = null): StoredIssue {
    const fields = body.fields ?? {};
    const errors: Record<string, string> = {};
    const project = fields.project;
    const projectOk =
      isRecord(project) &&
      (project.key === this.state.options.projectKey || project.id === PROJECT_ID);
    if (!projectOk) errors.project = 'Specify a valid project ID or key';
    const typeValue = fields.issuetype;
    const type = isRecord(typeValue)
      ? ISSUE_TYPES.find(
          (t) =>
            t.id === typeValue.id ||
            (typeof typeValue.name === 'string' &&
              t.name.toLowerCase() === typeValue.name.toLowerCase()),
        )
      : undefined;
    if (!type) errors.issuetype = 'Specify an issue type';
    if (Object.keys(errors).length > 0) throw new VendorError(400, '', errors, []);
    const now = this.now();
    const { id, key } = this.state.issues.allocate();
    const issue: StoredIssue = {
      id,
      key,
      issueTypeId: (type as { id: string }).id,
      summary: '',
      description: null,
      statusId: (JIRA_STATUSES[0] as { id: string }).id,
      priorityId: '3',
      reporterId: actorId,
      creatorId: actorId,
      assigneeId: null,
      labels: [],
      createdMs: now,
      updatedMs: now,
      assets: [],
      requestTypeId,
      comments: [],
    };
    applyIssueInput(issue, body, this.state.inputCtx(), true);
    this.state.issues.insert(issue);
    this.fire('jira:issue_created', 'issue_created', issue, actorId);
    return issue;
  }

  /** Applies an edit; returns the changelog items (none: nothing changed, `updated` kept). */
  edit(
    issue: StoredIssue,
    body: IssueUpdateBody,
    actorId: string,
    newStatusId?: string,
  ): ChangeItem[] {
    const draft = cloneIssue(issue);
    applyIssueInput(draft, body, this.state.inputCtx(), false);
    if (newStatusId !== undefined) draft.statusId = newStatusId;
    const items = diffIssues(issue, draft, this.state.inputCtx(), statusName);
    if (items.length === 0) return items;
    draft.updatedMs = Math.max(this.now(), issue.updatedMs + 1);
    Object.assign(issue, draft);
    const changelog = { id: this.state.issues.changelogId(), items };
    const type =
      items.some((i) => i.field === 'assignee') && items.length === 1
        ? 'issue_assigned'
        : 'issue_updated';
    this.fire('jira:issue_updated', type, issue, actorId, { changelog });
    return items;
  }

  remove(issue: StoredIssue, actorId: string): void {
    this.state.issues.delete(issue);
    this.fire('jira:issue_deleted', null, issue, actorId);
  }

  addComment(issue: StoredIssue, body: AdfDoc, actorId: string, jsdPublic = true): StoredComment {
    const now = this.now();
    const comment: StoredComment = {
      id: this.state.issues.commentId(),
      authorId: actorId,
      body,
      createdMs: now,
      updatedMs: now,
      jsdPublic,
    };
    issue.comments.push(comment);
    issue.updatedMs = Math.max(now, issue.updatedMs + 1);
    const rendered = renderComment(this.state.issueCtx(), issue, comment);
    this.fire('jira:issue_updated', 'issue_commented', issue, actorId, { comment: rendered });
    return comment;
  }

  private fire(
    event: string,
    typeName: string | null,
    issue: StoredIssue,
    actorId: string,
    extra: Record<string, unknown> = {},
  ): void {
    const ctx = this.state.issueCtx();
    const actor = this.state.users.get(actorId) ?? this.state.admin;
    this.webhooks.emit(event, {
      timestamp: this.now(),
      webhookEvent: event,
      ...(typeName ? { issue_event_type_name: typeName } : {}),
      user: renderUser(ctx, actor),
      issue: renderIssue(ctx, issue, () => true),
      ...extra,
    });
  }
}

/**
 * All in-memory state of one simulated Jira site with JSM and Assets: the user directory, the
 * Assets schema and objects, and the service-desk issues.
 */
import { AssetsSchema } from './assets-schema';
import { AssetsStore } from './assets-store';
import type { AssetsRenderContext } from './assets-render';
import type { AqlContext } from './aql';
import type { IssueInputContext } from './issue-input';
import type { IssueRenderContext } from './issue-render';
import { IssueStore } from './issue-store';
import type { JqlContext } from './jql';
import type { ResolvedJiraOptions } from './jira-options';
import { JiraUsers } from './jira-users';
import type { JiraUser } from './jira-users';

export class JiraState {
  /** Base URL used in `self` links and webhook bodies; set when the server starts. */
  baseUrl = 'https://your-domain.atlassian.net';
  readonly users: JiraUsers;
  readonly schema: AssetsSchema;
  readonly assets: AssetsStore;
  readonly issues: IssueStore;
  admin!: JiraUser;

  constructor(readonly options: ResolvedJiraOptions) {
    this.users = new JiraUsers('712020:5f8b');
    this.schema = new AssetsSchema(Date.UTC(2024, 0, 2, 9, 0, 0));
    this.assets = new AssetsStore(
      this.schema,
      options.now,
      (id) => this.users.get(id) !== undefined,
    );
    this.issues = new IssueStore(options.projectKey);
    this.reset();
  }

  get assetsFieldId(): string {
    return `customfield_${this.options.assetsFieldNumber}`;
  }

  /** Empties objects, issues and users; keeps the schema and the API user. */
  reset(): void {
    this.assets.clear();
    this.issues.clear();
    this.users.clear();
    this.admin = this.users.ensure(this.options.email, 'Simulator Admin');
  }

  assetsCtx(): AssetsRenderContext {
    return {
      baseUrl: this.baseUrl,
      workspaceId: this.options.workspaceId,
      schema: this.schema,
      store: this.assets,
      users: this.users,
    };
  }

  aqlCtx(): AqlContext {
    return {
      schema: this.schema,
      store: this.assets,
      users: this.users,
      now: this.options.now(),
      currentAccountId: this.admin.accountId,
    };
  }

  issueCtx(): IssueRenderContext {
    return {
      baseUrl: this.baseUrl,
      users: this.users,
      projectKey: this.options.projectKey,
      assetsFieldNumber: this.options.assetsFieldNumber,
    };
  }

  jqlCtx(): JqlContext {
    return {
      projectKey: this.options.projectKey,
      assetsFieldNumber: this.options.assetsFieldNumber,
      schemaKey: this.schema.schema.objectSchemaKey,
      users: this.users,
      now: this.options.now(),
      currentAccountId: this.admin.accountId,
    };
  }

  inputCtx(): IssueInputContext {
    return {
      assetsFieldId: this.assetsFieldId,
      workspaceId: this.options.workspaceId,
      assetExists: (id) => this.assets.objects.has(id),
      assetLabel: (id) => {
        const obj = this.assets.objects.get(id);
        return obj ? this.assets.labelOf(obj) : id;
      },
      userExists: (id) => this.users.get(id) !== undefined,
      userName: (id) => this.users.get(id)?.displayName ?? id,
    };
  }
}

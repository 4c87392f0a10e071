/** In-memory Jira issues of the service-desk project, with comments and a change history. */
import type { AdfDoc } from './adf';

export interface AssetRef {
  workspaceId: string;
  id: string;
  objectId: string;
}

export interface StoredComment {
  id: string;
  authorId: string;
  body: AdfDoc;
  createdMs: number;
  updatedMs: number;
  jsdPublic: boolean;
}

export interface StoredIssue {
  id: string;
  key: string;
  issueTypeId: string;
  summary: string;
  description: AdfDoc | null;
  statusId: string;
  priorityId: string;
  reporterId: string;
  creatorId: string;
  assigneeId: string | null;
  labels: string[];
  createdMs: number;
  updatedMs: number;
  assets: AssetRef[];
  requestTypeId: string | null;
  comments: StoredComment[];
}

export interface ChangeItem {
  field: string;
  fieldtype: 'jira' | 'custom';
  fieldId: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

export class IssueStore {
  readonly issues = new Map<string, StoredIssue>();
  private readonly byKey = new Map<string, string>();
  private nextId = 10000;
  private nextNumber = 1;
  private nextCommentId = 10000;
  private nextChangelogId = 10000;

  constructor(private readonly projectKey: string) {}

  clear(): void {
    this.issues.clear();
    this.byKey.clear();
    this.nextId = 10000;
    this.nextNumber = 1;
    this.nextCommentId = 10000;
    this.nextChangelogId = 10000;
  }

  find(idOrKey: string): StoredIssue | undefined {
    const id = this.byKey.get(idOrKey.toUpperCase()) ?? idOrKey;
    return this.issues.get(id);
  }

  allocate(): { id: string; key: string } {
    const id = String(this.nextId++);
    const key = `${this.projectKey}-${this.nextNumber++}`;
    return { id, key };
  }

  insert(issue: StoredIssue): void {
    if (this.issues.has(issue.id)) throw new Error(`issue id ${issue.id} already exists`);
    this.issues.set(issue.id, issue);
    this.byKey.set(issue.key.toUpperCase(), issue.id);
    this.nextId = Math.max(this.nextId, Number(issue.id) + 1);
    const number = Number(issue.key.split('-')[1]);
    if (Number.isInteger(number)) this.nextNumber = Math.max(this.nextNumber, number + 1);
  }

  delete(issue: StoredIssue): void {
    this.issues.delete(issue.id);
    this.byKey.delete(issue.key.toUpperCase());
  }

  commentId(): string {
    return String(this.nextCommentId++);
  }

  changelogId(): string {
    return String(this.nextChangelogId++);
  }

  /** Issues whose Assets field references `objectId`. */
  referencing(objectId: string): StoredIssue[] {
    const out: StoredIssue[] = [];
    for (const issue of this.issues.values()) {
      if (issue.assets.some((a) => a.objectId === objectId)) out.push(issue);
    }
    return out;
  }
}

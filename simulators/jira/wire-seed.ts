/**
 * Seeding from the vendor's own wire format, so that a real export can be replayed: users, Assets
 * objects as `GET object/{id}` returns them, and issues as `GET /rest/api/3/issue/{key}` does.
 */
import { z } from 'zod';
import type { AdfDoc } from './adf';
import { isAdfDoc, textToAdf } from './adf';
import { parseDateLiteral } from './jira-time';
import type { AssetObject } from './assets-store';
import { ISSUE_TYPES, JIRA_STATUSES, PRIORITIES } from './jira-catalog';
import type { StoredIssue } from './issue-store';
import type { JiraState } from './jira-state';

const id = z.union([z.string().min(1), z.number().int()]).transform(String);

const valueSchema = z
  .object({
    value: z.union([z.string(), z.number(), z.boolean()]).optional(),
    status: z.object({ id }).passthrough().optional(),
    user: z.object({ key: z.string() }).passthrough().optional(),
    referencedObject: z.object({ id }).passthrough().optional(),
  })
  .passthrough();

export const wireObjectSchema = z
  .object({
    id,
    objectType: z.object({ id }).passthrough().optional(),
    objectTypeId: id.optional(),
    created: z.string().optional(),
    updated: z.string().optional(),
    attributes: z
      .array(
        z
          .object({ objectTypeAttributeId: id, objectAttributeValues: z.array(valueSchema) })
          .passthrough(),
      )
      .default([]),
  })
  .passthrough();

const userRef = z
  .object({
    accountId: z.string(),
    emailAddress: z.string().optional(),
    displayName: z.string().optional(),
  })
  .passthrough();
const named = z.object({ id: id.optional(), name: z.string().optional() }).passthrough();

export const wireIssueSchema = z
  .object({
    id,
    key: z.string().regex(/^[A-Z][A-Z0-9]*-\d+$/, 'an issue key such as ITSM-1'),
    fields: z
      .object({
        summary: z.string(),
        description: z.unknown().optional(),
        issuetype: named.optional(),
        status: named.optional(),
        priority: named.optional(),
        reporter: userRef.nullable().optional(),
        assignee: userRef.nullable().optional(),
        labels: z.array(z.string()).optional(),
        created: z.string().optional(),
        updated: z.string().optional(),
      })
      .passthrough(),
  })
  .passthrough();

export const wireUserSchema = z.object({
  accountId: z.string(),
  displayName: z.string(),
  emailAddress: z.string().default(''),
  active: z.boolean().default(true),
});

/** Jira (`-0700`) and ISO timestamps. */
function parseWhen(text: string, fallback: number): number {
  return parseDateLiteral(text, 0) ?? fallback;
}

type WireObject = z.infer<typeof wireObjectSchema>;
type WireIssue = z.infer<typeof wireIssueSchema>;
type Named = z.infer<typeof named>;

export function insertWireObject(state: JiraState, wire: WireObject): AssetObject {
  const typeId = wire.objectType?.id ?? wire.objectTypeId;
  if (!typeId || !state.schema.types.has(typeId))
    throw new Error(`object ${wire.id}: unknown object type ${typeId ?? '(none)'}`);
  const allowed = new Set(
    state.schema
      .attributesOf(typeId)
      .filter((a) => !a.system)
      .map((a) => a.id),
  );
  const values = new Map<string, string[]>();
  for (const attr of wire.attributes) {
    if (!allowed.has(attr.objectTypeAttributeId)) continue;
    const list = attr.objectAttributeValues
      .map(
        (v) =>
          v.status?.id ??
          v.user?.key ??
          v.referencedObject?.id ??
          (v.value === undefined ? undefined : String(v.value)),
      )
      .filter((v): v is string => v !== undefined);
    if (list.length > 0) values.set(attr.objectTypeAttributeId, list);
  }
  const now = state.options.now();
  const createdMs = wire.created ? parseWhen(wire.created, now) : now;
  const obj: AssetObject = {
    id: wire.id,
    objectTypeId: typeId,
    createdMs,
    updatedMs: wire.updated ? parseWhen(wire.updated, createdMs) : createdMs,
    values,
  };
  state.assets.insert(obj);
  return obj;
}

function pickNamed<T extends { id: string; name: string }>(
  list: readonly T[],
  value: Named | undefined,
  fallback: T,
): T {
  if (!value) return fallback;
  return (
    list.find((x) => x.id === value.id || x.name.toLowerCase() === value.name?.toLowerCase()) ??
    fallback
  );
}

function ensureUser(
  state: JiraState,
  ref: z.infer<typeof userRef> | null | undefined,
): string | null {
  if (!ref) return null;
  if (!state.users.get(ref.accountId)) {
    state.users.add({
      accountId: ref.accountId,
      displayName: ref.displayName ?? ref.accountId,
      emailAddress: ref.emailAddress ?? '',
      active: true,
      accountType: 'atlassian',
      timeZone: 'UTC',
    });
  }
  return ref.accountId;
}

export function insertWireIssue(state: JiraState, wire: WireIssue): StoredIssue {
  const f = wire.fields;
  const now = state.options.now();
  const createdMs = f.created ? parseWhen(f.created, now) : now;
  const description =
    f.description === undefined || f.description === null
      ? null
      : isAdfDoc(f.description)
        ? (f.description as AdfDoc)
        : textToAdf(String(f.description));
  const rawAssets = f[state.assetsFieldId];
  const assets = Array.isArray(rawAssets)
    ? rawAssets.flatMap((a: unknown) => {
        const r = a as { objectId?: unknown };
        return typeof r.objectId === 'string'
          ? [
              {
                workspaceId: state.options.workspaceId,
                id: `${state.options.workspaceId}:${r.objectId}`,
                objectId: r.objectId,
              },
            ]
          : [];
      })
    : [];
  const reporterId = ensureUser(state, f.reporter) ?? state.admin.accountId;
  const issue: StoredIssue = {
    id: wire.id,
    key: wire.key,
    issueTypeId: pickNamed(ISSUE_TYPES, f.issuetype, ISSUE_TYPES[0] as (typeof ISSUE_TYPES)[number])
      .id,
    summary: f.summary,
    description,
    statusId: pickNamed(JIRA_STATUSES, f.status, JIRA_STATUSES[0] as (typeof JIRA_STATUSES)[number])
      .id,
    priorityId: pickNamed(PRIORITIES, f.priority, PRIORITIES[2]).id,
    reporterId,
    creatorId: reporterId,
    assigneeId: ensureUser(state, f.assignee),
    labels: f.labels ?? [],
    createdMs,
    updatedMs: f.updated ? parseWhen(f.updated, createdMs) : createdMs,
    assets,
    requestTypeId: null,
    comments: [],
  };
  state.issues.insert(issue);
  return issue;
}

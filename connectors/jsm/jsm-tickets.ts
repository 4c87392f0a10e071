import type { Version3Client } from 'jira.js';
import { z } from 'zod';
import { AssetbridgeError } from '../../core/errors';
import { VendorHttpError } from '../../core/http/vendor-error';
import type { TicketKind } from '../../core/model/asset';
import type { AssetContext, ConnectorTickets, TicketRecord } from '../../core/sync/connector';
import { tryParseInstant } from '../../core/time/parse-instant';
import { minuteIn, type AccountZone } from './account-zone';
import { adfText, contextToAdf } from './adf-context';
import type { AssetsClient } from './assets-client';
import { jiraCall } from './jira-http-adapter';
import type { JsmOptions } from './jsm-options';

const AssetRef = z.looseObject({
  workspaceId: z.string().optional(),
  id: z.string().optional(),
  objectId: z.union([z.string(), z.number()]).transform(String).optional(),
});
type AssetRef = z.infer<typeof AssetRef>;

const IssueWire = z.looseObject({
  key: z.string().min(1),
  fields: z.looseObject({
    summary: z.string().nullish(),
    description: z.unknown().optional(),
    updated: z.string(),
    issuetype: z.looseObject({ name: z.string() }).nullish(),
    status: z
      .looseObject({
        name: z.string(),
        statusCategory: z.looseObject({ key: z.string() }).optional(),
      })
      .nullish(),
  }),
});

const SearchPage = z.looseObject({
  issues: z.array(z.unknown()).default([]),
  nextPageToken: z.string().nullish(),
  isLast: z.boolean().optional(),
});

const FieldList = z.array(
  z.looseObject({
    id: z.string(),
    name: z.string(),
    schema: z.looseObject({ custom: z.string().optional() }).optional(),
  }),
);

const ASSETS_FIELD_TYPE = 'com.atlassian.jira.plugins.cmdb:cmdb-object-cftype';

/** Jira issue type → ticket kind; anything else (Service Request, Problem) is a request. */
const KINDS: Readonly<Record<string, TicketKind>> = { incident: 'incident', change: 'change' };

/** `yyyy/MM/dd HH:mm` of an instant in the account's time zone (JQL reads it there), rounded down. */
export function jqlMinute(instant: string, zone: string): string {
  return minuteIn(instant, zone).replace(/-/g, '/');
}

export interface JsmTicketsDeps {
  platform: Version3Client;
  assets: AssetsClient;
  options: JsmOptions;
  siteUrl: string;
  zone: AccountZone;
}

/**
 * Requests, incidents and changes through jira.js (REST v3): the Assets custom field names the
 * objects a ticket is about; context goes on the ticket as an ADF comment (the core decides when).
 */
export class JsmTickets implements ConnectorTickets {
  readonly autoLink: boolean;
  private fieldId: Promise<string> | null = null;
  private resolvedFieldId: string | null = null;

  constructor(private readonly d: JsmTicketsDeps) {
    this.autoLink = d.options.autoLink;
  }

  /** The id of the Assets field: as configured, or looked up by name in `GET /field`. */
  assetsFieldId(): Promise<string> {
    this.fieldId ??= this.lookUpField().then(
      (id) => (this.resolvedFieldId = id),
      (err: unknown) => {
        this.fieldId = null;
        throw err;
      },
    );
    return this.fieldId;
  }

  /** The Assets field id once a ticket call has resolved it; null before. */
  knownFieldId(): string | null {
    return this.resolvedFieldId;
  }

  async readTicket(key: string): Promise<TicketRecord | null> {
    const field = await this.assetsFieldId();
    try {
      const issue = await jiraCall(() =>
        this.d.platform.issues.getIssue<unknown>({ issueIdOrKey: key, fields: this.fields(field) }),
      );
      return this.toTicket(issue, field);
    } catch (err) {
      if (err instanceof VendorHttpError && err.status === 404) return null;
      throw err;
    }
  }

  async addContext(key: string, context: AssetContext): Promise<void> {
    await jiraCall(() =>
      this.d.platform.issueComments.addComment({
        issueIdOrKey: key,
        comment: contextToAdf(context) as never,
      }),
    );
  }

  async *changedTickets(since: string | null): AsyncIterable<TicketRecord[]> {
    const field = await this.assetsFieldId();
    const bound = since === null ? '-30d' : `"${jqlMinute(since, await this.d.zone.get())}"`;
    const jql = `(${this.d.options.ticketJql}) AND updated >= ${bound} ORDER BY updated ASC, key ASC`;
    let nextPageToken: string | undefined;
    do {
      const token = nextPageToken;
      const raw = await jiraCall(() =>
        this.d.platform.issueSearch.searchForIssuesUsingJqlEnhancedSearch<unknown>({
          jql,
          nextPageToken: token,
          maxResults: Math.min(this.d.options.pageSize, 100),
          fields: this.fields(field),
        }),
      );
      const page = SearchPage.parse(raw);
      yield page.issues.map((issue) => this.toTicket(issue, field));
      nextPageToken = page.isLast === true ? undefined : (page.nextPageToken ?? undefined);
    } while (nextPageToken !== undefined);
  }

  async ticketsOfRecord(externalId: string): Promise<TicketRecord[]> {
    const out: TicketRecord[] = [];
    for (const ticket of await this.d.assets.connectedTickets(externalId)) {
      const record = await this.readTicket(ticket.key);
      if (record !== null) out.push(record);
    }
    return out;
  }

  /** Adds the object to the ticket's Assets field (`set` with the full list), never twice. */
  async attachRecord(key: string, externalId: string): Promise<void> {
    const field = await this.assetsFieldId();
    const issue = await jiraCall(() =>
      this.d.platform.issues.getIssue<unknown>({ issueIdOrKey: key, fields: [field] }),
    );
    const current = refsOf(issue, field);
    if (current.some((r) => objectIdOf(r) === externalId)) return;
    const workspaceId = await this.d.assets.workspaceId();
    const added = { workspaceId, id: `${workspaceId}:${externalId}`, objectId: externalId };
    await jiraCall(() =>
      this.d.platform.issues.editIssue({
        issueIdOrKey: key,
        update: { [field]: [{ set: [...current, added] }] },
      }),
    );
  }

  private fields(assetsField: string): string[] {
    return ['summary', 'description', 'status', 'issuetype', 'updated', assetsField];
  }

  private toTicket(raw: unknown, field: string): TicketRecord {
    const parsed = IssueWire.safeParse(raw);
    if (!parsed.success) {
      throw new AssetbridgeError(
        'RECORD_INVALID',
        `Jira issue: ${parsed.error.issues[0]?.message}`,
      );
    }
    const { key, fields } = parsed.data;
    const type = fields.issuetype?.name ?? '';
    const title = fields.summary ?? '';
    return {
      key,
      kind: KINDS[type.toLowerCase()] ?? 'request',
      state: fields.status?.name ?? '',
      open: fields.status?.statusCategory?.key !== 'done',
      title,
      url: `${this.d.siteUrl}/browse/${key}`,
      assetExternalIds: refsOf(raw, field)
        .map(objectIdOf)
        .filter((id): id is string => id !== null),
      text: [title, adfText(fields.description)].filter(Boolean).join('\n'),
      updatedAt: tryParseInstant(fields.updated) ?? fields.updated,
    };
  }

  private async lookUpField(): Promise<string> {
    const wanted = this.d.options.assetsField;
    if (/^customfield_\d+$/.test(wanted)) return wanted;
    const fields = FieldList.parse(await jiraCall(() => this.d.platform.issueFields.getFields()));
    const byName = fields.filter((f) => f.name.toLowerCase() === wanted.toLowerCase());
    const match = byName.find((f) => f.schema?.custom === ASSETS_FIELD_TYPE) ?? byName[0];
    if (match === undefined) {
      const assets = fields
        .filter((f) => f.schema?.custom === ASSETS_FIELD_TYPE)
        .map((f) => f.name);
      throw new AssetbridgeError(
        'CONFIG_INVALID',
        `Jira has no field named '${wanted}' (options.assetsField); Assets object fields: ${assets.join(', ') || 'none'}`,
      );
    }
    return match.id;
  }
}

function refsOf(issue: unknown, field: string): AssetRef[] {
  const fields = (issue as { fields?: Record<string, unknown> } | null)?.fields;
  const parsed = z.array(AssetRef).nullish().safeParse(fields?.[field]);
  return parsed.success ? (parsed.data ?? []) : [];
}

function objectIdOf(ref: AssetRef): string | null {
  if (ref.objectId !== undefined) return ref.objectId;
  const tail = ref.id?.split(':').at(-1);
  return tail === undefined || tail === '' ? null : tail;
}

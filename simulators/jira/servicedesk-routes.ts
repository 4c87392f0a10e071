/**
 * The JSM REST API (`/rest/servicedeskapi`): the Assets workspace discovery, service desks,
 * request types and customer requests (create, get, list), with JSM's paged envelope.
 */
import { Router } from 'express';
import type { Request } from 'express';
import { z } from 'zod';
import { adfProblem, adfToText, textToAdf } from './adf';
import { describeZod, intParam } from './assets-input';
import {
  JIRA_STATUSES,
  PROJECT_ID,
  PROJECT_NAME,
  REQUEST_TYPES,
  SERVICE_DESK_ID,
  STATUS_CATEGORIES,
} from './jira-catalog';
import type { RequestTypeDef } from './jira-catalog';
import { VendorError } from './jira-errors';
import type { IssueService } from './issue-service';
import type { StoredIssue } from './issue-store';
import type { JiraState } from './jira-state';
import type { JiraUser } from './jira-users';
import { jsmDate } from './jira-time';

type Json = Record<string, unknown>;

const requestCreateSchema = z.object({
  serviceDeskId: z.union([z.string(), z.number()]).transform(String),
  requestTypeId: z.union([z.string(), z.number()]).transform(String),
  requestFieldValues: z.record(z.string(), z.unknown()),
  raiseOnBehalfOf: z.string().optional(),
  requestParticipants: z.array(z.string()).optional(),
  isAdfRequest: z.boolean().optional(),
  channel: z.string().optional(),
});

const CATEGORY_NAMES: Record<string, string> = {
  new: 'NEW',
  indeterminate: 'INDETERMINATE',
  done: 'DONE',
};

function paged(req: Request, base: string, all: Json[]): Json {
  const start = intParam(req.query.start, 'start', 0);
  const limit = intParam(req.query.limit, 'limit', 50, 1);
  const values = all.slice(start, start + limit);
  const isLastPage = start + values.length >= all.length;
  const self = `${base}${req.originalUrl}`;
  return {
    size: values.length,
    start,
    limit,
    isLastPage,
    _links: {
      base,
      context: '',
      self,
      ...(isLastPage
        ? {}
        : { next: `${base}${req.baseUrl}${req.path}?start=${start + limit}&limit=${limit}` }),
    },
    values,
  };
}

export function createServiceDeskRouter(state: JiraState, service: IssueService): Router {
  const router = Router();
  const base = () => state.baseUrl;
  const sd = `/rest/servicedeskapi`;

  const workspaces = (req: Request) =>
    paged(req, base(), [{ workspaceId: state.options.workspaceId }]);
  router.get('/assets/workspace', (req, res) => res.json(workspaces(req)));
  router.get('/insight/workspace', (req, res) => {
    if (state.options.quirks.insightWorkspaceRetired) {
      res
        .status(403)
        .type('html')
        .send(
          '<!DOCTYPE html><html><head><title>Forbidden</title></head><body><h1>403 Forbidden</h1></body></html>',
        );
      return;
    }
    res.json(workspaces(req));
  });

  const deskJson = (): Json => ({
    id: SERVICE_DESK_ID,
    projectId: PROJECT_ID,
    projectName: PROJECT_NAME,
    projectKey: state.options.projectKey,
    _links: { self: `${base()}${sd}/servicedesk/${SERVICE_DESK_ID}` },
  });
  const checkDesk = (req: Request) => {
    if (
      req.params.serviceDeskId !== SERVICE_DESK_ID &&
      req.params.serviceDeskId !== state.options.projectKey
    ) {
      throw new VendorError(
        404,
        `The service desk ${String(req.params.serviceDeskId)} does not exist.`,
      );
    }
  };
  const typeJson = (rt: RequestTypeDef): Json => ({
    _links: { self: `${base()}${sd}/servicedesk/${SERVICE_DESK_ID}/requesttype/${rt.id}` },
    id: rt.id,
    name: rt.name,
    helpText: rt.description,
    issueTypeId: rt.issueTypeId,
    serviceDeskId: SERVICE_DESK_ID,
    portalId: SERVICE_DESK_ID,
    groupIds: ['1'],
    icon: {
      id: `1060${rt.id}`,
      _links: {
        iconUrls: {
          '48x48': `${base()}/rest/api/2/universal_avatar/view/type/SD_REQTYPE/avatar/1060${rt.id}?size=large`,
        },
      },
    },
    practice: rt.practice,
  });

  router.get('/servicedesk', (req, res) => res.json(paged(req, base(), [deskJson()])));
  router.get('/servicedesk/:serviceDeskId', (req, res) => {
    checkDesk(req);
    res.json(deskJson());
  });
  router.get('/requesttype', (req, res) =>
    res.json(paged(req, base(), REQUEST_TYPES.map(typeJson))),
  );
  router.get('/servicedesk/:serviceDeskId/requesttype', (req, res) => {
    checkDesk(req);
    res.json(paged(req, base(), REQUEST_TYPES.map(typeJson)));
  });
  router.get('/servicedesk/:serviceDeskId/requesttype/:requestTypeId', (req, res) => {
    checkDesk(req);
    const rt = REQUEST_TYPES.find((t) => t.id === req.params.requestTypeId);
    if (!rt)
      throw new VendorError(
        404,
        `The request type ${String(req.params.requestTypeId)} does not exist.`,
      );
    res.json(typeJson(rt));
  });

  router.post('/request', (req, res) => {
    const parsed = requestCreateSchema.safeParse(req.body ?? {});
    if (!parsed.success)
      throw new VendorError(400, `The request body is not valid: ${describeZod(parsed.error)}`);
    const body = parsed.data;
    if (body.serviceDeskId !== SERVICE_DESK_ID)
      throw new VendorError(400, `The service desk ${body.serviceDeskId} does not exist.`);
    const rt = REQUEST_TYPES.find((t) => t.id === body.requestTypeId);
    if (!rt)
      throw new VendorError(
        400,
        `The request type ${body.requestTypeId} does not exist in service desk ${SERVICE_DESK_ID}.`,
      );
    const reporter = body.raiseOnBehalfOf ? findUser(state, body.raiseOnBehalfOf) : state.admin;
    const fields = requestFields(state, body.requestFieldValues, body.isAdfRequest ?? false);
    const issue = service.create(
      {
        fields: {
          project: { id: PROJECT_ID },
          issuetype: { id: rt.issueTypeId },
          ...fields,
          reporter: { accountId: reporter.accountId },
        },
      },
      state.admin.accountId,
      rt.id,
    );
    res.status(201).json(renderRequest(state, issue));
  });
  router.get('/request', (req, res) => {
    const requests = [...state.issues.issues.values()].filter((i) => i.requestTypeId !== null);
    res.json(
      paged(
        req,
        base(),
        requests.map((i) => renderRequest(state, i)),
      ),
    );
  });
  router.get('/request/:issueIdOrKey', (req, res) => {
    const issue = state.issues.find(String(req.params.issueIdOrKey));
    if (!issue || issue.requestTypeId === null)
      throw new VendorError(
        404,
        'The request does not exist or you do not have permission to see it.',
      );
    res.json(renderRequest(state, issue));
  });
  return router;
}

function findUser(state: JiraState, idOrEmail: string): JiraUser {
  const user =
    state.users.get(idOrEmail) ??
    state.users
      .search(idOrEmail, 1)
      .find((u) => u.emailAddress.toLowerCase() === idOrEmail.toLowerCase());
  if (!user) throw new VendorError(400, `The user '${idOrEmail}' does not exist.`);
  return user;
}

function requestFields(
  state: JiraState,
  values: Record<string, unknown>,
  isAdf: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(values)) {
    if (field === 'description' && value !== null) {
      if (isAdf) {
        const problem = adfProblem(value);
        if (problem)
          throw new VendorError(
            400,
            `The description is not a valid Atlassian Document: ${problem}`,
          );
        out.description = value;
      } else if (typeof value === 'string') {
        out.description = textToAdf(value);
      } else {
        throw new VendorError(400, 'The description must be a string unless isAdfRequest is true.');
      }
    } else if (
      field === 'summary' ||
      field === state.assetsFieldId ||
      field === 'labels' ||
      field === 'priority'
    ) {
      out[field] = value;
    } else {
      throw new VendorError(400, `The field '${field}' is not valid for this request type.`);
    }
  }
  return out;
}

export function renderRequest(state: JiraState, issue: StoredIssue): Json {
  const base = state.baseUrl;
  const reporter = state.users.get(issue.reporterId) ?? state.admin;
  const status = JIRA_STATUSES.find((s) => s.id === issue.statusId) ?? JIRA_STATUSES[0];
  const categoryKey = status
    ? (STATUS_CATEGORIES[status.categoryId]?.key ?? 'undefined')
    : 'undefined';
  const values: Json[] = [
    { fieldId: 'summary', label: 'Summary', value: issue.summary },
    {
      fieldId: 'description',
      label: 'Description',
      value: adfToText(issue.description),
      renderedValue: { html: `<p>${escapeHtml(adfToText(issue.description))}</p>` },
    },
  ];
  if (issue.assets.length > 0)
    values.push({
      fieldId: state.assetsFieldId,
      label: 'Assets',
      value: issue.assets.map((a) => ({ ...a })),
    });
  return {
    _expands: [
      'participant',
      'status',
      'sla',
      'requestType',
      'serviceDesk',
      'attachment',
      'action',
      'comment',
    ],
    issueId: issue.id,
    issueKey: issue.key,
    requestTypeId: issue.requestTypeId ?? '',
    serviceDeskId: SERVICE_DESK_ID,
    createdDate: jsmDate(issue.createdMs),
    reporter: {
      accountId: reporter.accountId,
      emailAddress: reporter.emailAddress,
      displayName: reporter.displayName,
      active: reporter.active,
      timeZone: reporter.timeZone,
      _links: {
        jiraRest: `${base}/rest/api/2/user?accountId=${reporter.accountId}`,
        avatarUrls: { '48x48': `${base}/secure/useravatar?accountId=${reporter.accountId}&s=48` },
        self: `${base}/rest/api/2/user?accountId=${reporter.accountId}`,
      },
    },
    requestFieldValues: values,
    currentStatus: {
      status: status?.name ?? '',
      statusCategory: CATEGORY_NAMES[categoryKey] ?? 'UNDEFINED',
      statusDate: jsmDate(issue.updatedMs),
    },
    _links: {
      jiraRest: `${base}/rest/api/2/issue/${issue.id}`,
      web: `${base}/servicedesk/customer/portal/${SERVICE_DESK_ID}/${issue.key}`,
      agent: `${base}/browse/${issue.key}`,
      self: `${base}/rest/servicedeskapi/request/${issue.id}`,
    },
  };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

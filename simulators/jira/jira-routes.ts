/**
 * Jira Cloud platform REST v3: issues (create, get, edit, delete), comments in ADF, the field list,
 * `/search/jql`, the removed `/search`, approximate count, `myself` and the user look-ups.
 */
import { Router } from 'express';
import type { Request } from 'express';
import { z } from 'zod';
import { adfProblem } from './adf';
import type { AdfDoc } from './adf';
import { describeZod, intParam } from './assets-input';
import { fieldCatalog } from './jira-catalog';
import { VendorError } from './jira-errors';
import { renderComment, renderIssue, renderUser, selectFields } from './issue-render';
import { matchIssues, searchJql } from './issue-search';
import type { SearchParams } from './issue-search';
import type { IssueService } from './issue-service';
import type { StoredIssue } from './issue-store';
import type { JiraState } from './jira-state';

const issueBodySchema = z.object({
  fields: z.record(z.string(), z.unknown()).optional(),
  update: z.record(z.string(), z.unknown()).optional(),
});

const searchBodySchema = z.object({
  jql: z.string().optional(),
  nextPageToken: z.string().optional(),
  maxResults: z.number().int().optional(),
  fields: z.array(z.string()).optional(),
  expand: z.string().optional(),
});

const commentBodySchema = z.object({ body: z.unknown(), visibility: z.unknown().optional() });

export const LEGACY_SEARCH_MESSAGE =
  'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046';

function parse<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success)
    throw new VendorError(400, `The ${what} is not valid: ${describeZod(parsed.error)}`);
  return parsed.data;
}

function listParam(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  const items = Array.isArray(value) ? value.map(String) : [String(value)];
  return items
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

function checkAdf(value: unknown, field: string): AdfDoc {
  const problem = adfProblem(value);
  if (problem)
    throw new VendorError(400, '', { [field]: `Comment body is not valid: ${problem}` }, []);
  return value as AdfDoc;
}

export function createJiraRouter(state: JiraState, service: IssueService): Router {
  const router = Router();
  const ctx = () => state.issueCtx();
  const findIssue = (req: Request): StoredIssue => {
    const issue = state.issues.find(String(req.params.issueIdOrKey));
    if (!issue)
      throw new VendorError(404, 'Issue does not exist or you do not have permission to see it.');
    return issue;
  };

  router.get('/myself', (_req, res) => res.json(renderUser(ctx(), state.admin)));
  router.get('/user', (req, res) => {
    const user = state.users.get(String(req.query.accountId ?? ''));
    if (!user)
      throw new VendorError(
        404,
        `The user with account ID '${String(req.query.accountId ?? '')}' does not exist.`,
      );
    res.json(renderUser(ctx(), user));
  });
  router.get('/user/search', (req, res) => {
    const maxResults = intParam(req.query.maxResults, 'maxResults', 50, 1);
    const byId = req.query.accountId ? state.users.get(String(req.query.accountId)) : undefined;
    const users = byId ? [byId] : state.users.search(String(req.query.query ?? ''), maxResults);
    res.json(users.map((u) => renderUser(ctx(), u)));
  });
  router.get('/field', (_req, res) => {
    res.json(
      fieldCatalog(state.options.assetsFieldNumber).map((f) => ({
        id: f.id,
        key: f.id,
        name: f.name,
        custom: f.custom,
        orderable: f.orderable,
        navigable: f.navigable,
        searchable: f.searchable,
        clauseNames: f.clauseNames,
        schema: f.schema,
      })),
    );
  });

  router.post('/issue', (req, res) => {
    const issue = service.create(
      parse(issueBodySchema, req.body, 'issue body'),
      state.admin.accountId,
    );
    res.status(201).json({
      id: issue.id,
      key: issue.key,
      self: `${state.baseUrl}/rest/api/3/issue/${issue.id}`,
    });
  });
  router.get('/issue/:issueIdOrKey', (req, res) => {
    const pick = selectFields(listParam(req.query.fields), true);
    const expand = String(req.query.expand ?? '').split(',');
    res.json(renderIssue(ctx(), findIssue(req), pick, expand.includes('names')));
  });
  router.put('/issue/:issueIdOrKey', (req, res) => {
    const issue = findIssue(req);
    service.edit(issue, parse(issueBodySchema, req.body, 'issue body'), state.admin.accountId);
    if (String(req.query.returnIssue) === 'true') {
      res.json(renderIssue(ctx(), issue, () => true));
      return;
    }
    res.status(204).end();
  });
  router.delete('/issue/:issueIdOrKey', (req, res) => {
    service.remove(findIssue(req), state.admin.accountId);
    res.status(204).end();
  });

  router.get('/issue/:issueIdOrKey/comment', (req, res) => {
    const issue = findIssue(req);
    const startAt = intParam(req.query.startAt, 'startAt', 0);
    const maxResults = intParam(req.query.maxResults, 'maxResults', 100, 1);
    const comments = issue.comments.slice(startAt, startAt + maxResults);
    res.json({
      startAt,
      maxResults,
      total: issue.comments.length,
      comments: comments.map((c) => renderComment(ctx(), issue, c)),
    });
  });
  router.post('/issue/:issueIdOrKey/comment', (req, res) => {
    const issue = findIssue(req);
    const body = parse(commentBodySchema, req.body, 'comment');
    const comment = service.addComment(
      issue,
      checkAdf(body.body, 'comment'),
      state.admin.accountId,
    );
    res.status(201).json(renderComment(ctx(), issue, comment));
  });
  router.get('/issue/:issueIdOrKey/comment/:id', (req, res) => {
    const issue = findIssue(req);
    const comment = issue.comments.find((c) => c.id === req.params.id);
    if (!comment)
      throw new VendorError(404, `Can not find a comment for key: ${String(req.params.id)}.`);
    res.json(renderComment(ctx(), issue, comment));
  });

  router.get('/search/jql', (req, res) => {
    const params: SearchParams = {
      jql: String(req.query.jql ?? ''),
      ...(req.query.nextPageToken ? { nextPageToken: String(req.query.nextPageToken) } : {}),
      maxResults: intParam(req.query.maxResults, 'maxResults', 50),
      fields: listParam(req.query.fields),
      expand: req.query.expand ? String(req.query.expand) : undefined,
    };
    res.json(searchJql(state, params));
  });
  router.post('/search/jql', (req, res) => {
    const body = parse(searchBodySchema, req.body, 'search request');
    res.json(searchJql(state, { ...body, jql: body.jql ?? '' }));
  });
  router.post('/search/approximate-count', (req, res) => {
    const body = parse(z.object({ jql: z.string() }), req.body, 'count request');
    res.json({ count: matchIssues(state, body.jql).length });
  });
  router.all('/search', (req, res) => {
    if (state.options.quirks.legacySearchGone) throw new VendorError(410, LEGACY_SEARCH_MESSAGE);
    const source = (req.method === 'POST' ? req.body : req.query) as Record<string, unknown>;
    const startAt = Number(source.startAt ?? 0) || 0;
    const maxResults = Math.min(Number(source.maxResults ?? 50) || 50, 100);
    const matches = matchIssues(state, String(source.jql ?? ''));
    const pick = selectFields(listParam(source.fields) ?? ['*navigable'], true);
    res.json({
      expand: 'schema,names',
      startAt,
      maxResults,
      total: matches.length,
      issues: matches.slice(startAt, startAt + maxResults).map((i) => renderIssue(ctx(), i, pick)),
    });
  });
  return router;
}

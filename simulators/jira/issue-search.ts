/**
 * `/rest/api/3/search/jql` (GET and POST): bounded JQL, `fields` defaulting to `id`, and paging by
 * an opaque `nextPageToken` that expires after 7 days; the last page has `isLast: true` and no token.
 */
import { createHash } from 'node:crypto';
import { JqlError, parseJql, runJql } from './jql';
import type { ParsedQuery } from './query-parser';
import { VendorError } from './jira-errors';
import { fieldNames, renderIssue, selectFields } from './issue-render';
import type { JiraState } from './jira-state';

export interface SearchParams {
  jql: string;
  nextPageToken?: string;
  maxResults?: number;
  fields?: string[];
  expand?: string;
}

const TOKEN_TTL_MS = 7 * 86_400_000;

interface TokenData {
  j: string;
  o: number;
  e: number;
}

function fingerprint(jql: string): string {
  return createHash('sha256').update(jql.trim()).digest('hex').slice(0, 16);
}

function encodeToken(data: TokenData): string {
  return Buffer.from(JSON.stringify(data), 'utf8').toString('base64url');
}

function decodeToken(token: string, jql: string, now: number): number {
  let data: Partial<TokenData> = {};
  try {
    data = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<TokenData>;
  } catch {
    data = {};
  }
  if (
    typeof data.o !== 'number' ||
    data.j !== fingerprint(jql) ||
    typeof data.e !== 'number' ||
    data.e < now
  ) {
    throw new VendorError(400, 'The provided next page token is invalid or expired.');
  }
  return data.o;
}

export function parseBoundedJql(jql: string): ParsedQuery {
  let query: ParsedQuery;
  try {
    query = parseJql(jql);
  } catch (error) {
    if (error instanceof JqlError)
      throw new VendorError(400, `Error in the JQL Query: ${error.message}`);
    throw error;
  }
  if (!query.where) {
    throw new VendorError(
      400,
      'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.',
    );
  }
  return query;
}

export function matchIssues(state: JiraState, jql: string) {
  const query = parseBoundedJql(jql);
  try {
    return runJql(query, state.issues.issues.values(), state.jqlCtx());
  } catch (error) {
    if (error instanceof JqlError) throw new VendorError(400, error.message);
    throw error;
  }
}

export function searchJql(state: JiraState, params: SearchParams): Record<string, unknown> {
  const now = state.options.now();
  const matches = matchIssues(state, params.jql);
  const offset = params.nextPageToken ? decodeToken(params.nextPageToken, params.jql, now) : 0;
  const pick = selectFields(params.fields, false);
  const cap = pick === null ? 5000 : 100;
  const size = Math.min(Math.max(params.maxResults ?? 50, 1), cap);
  const page = matches.slice(offset, offset + size);
  const expandNames = (params.expand ?? '').split(',').includes('names');
  const isLast = offset + page.length >= matches.length;
  return {
    issues: page.map((issue) => renderIssue(state.issueCtx(), issue, pick)),
    ...(isLast
      ? {}
      : {
          nextPageToken: encodeToken({
            j: fingerprint(params.jql),
            o: offset + page.length,
            e: now + TOKEN_TTL_MS,
          }),
        }),
    isLast,
    ...(expandNames && pick ? { names: fieldNames(state.issueCtx(), fieldIds(state, pick)) } : {}),
  };
}

function fieldIds(state: JiraState, pick: (id: string) => boolean): string[] {
  const base = [
    'summary',
    'description',
    'issuetype',
    'project',
    'status',
    'priority',
    'reporter',
    'creator',
    'assignee',
    'created',
    'updated',
    'labels',
    state.assetsFieldId,
  ];
  return base.filter(pick);
}

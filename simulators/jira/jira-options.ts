/**
 * Options of the Jira Cloud / JSM / Assets simulator, with the defaults a real site would show.
 */

/** Vendor quirks the simulator reproduces by default; each can be switched off. */
export interface JiraQuirks {
  /** `/rest/api/3/search` answers 410 Gone like Jira Cloud since CHANGE-2046 (off: a legacy page). */
  legacySearchGone: boolean;
  /** `/rest/servicedeskapi/insight/workspace` answers 403 with an HTML body (off: like assets/workspace). */
  insightWorkspaceRetired: boolean;
  /** `POST object/create` returns the object without `attributes` (off: with them). */
  createReturnsNoAttributes: boolean;
  /** The deprecated `total` of `POST object/aql` is capped at this number (null: exact). */
  aqlTotalCap: number | null;
}

export interface JiraRateLimits {
  /** Jira burst limit for GET and POST, per endpoint and method, per second. */
  jiraReadPerSecond: number;
  /** Jira burst limit for PUT and DELETE, per endpoint and method, per second. */
  jiraWritePerSecond: number;
  /** Assets per-endpoint limits per minute (POST object/aql). */
  assetsAqlPerMinute: number;
  /** POST object/aql/totalcount. */
  assetsTotalCountPerMinute: number;
  /** GET object/{id}, POST object/create, objecttype attributes, connected tickets. */
  assetsObjectPerMinute: number;
}

export interface WebhookRetryOptions {
  /** Delay before each retry; its length is the number of retries. */
  delaysMs: number[];
  /** Per-attempt timeout. */
  timeoutMs: number;
}

export interface JiraSimulatorOptions {
  /** Account e-mail for Basic auth. */
  email?: string;
  /** API token for Basic auth. */
  apiToken?: string;
  /** Assets workspace id (a UUID). */
  workspaceId?: string;
  /** Seed of the simulator's random numbers (fault shares, generated ids). */
  seed?: number;
  /** Key of the service-desk project. */
  projectKey?: string;
  /** Number of the Assets objects custom field (`customfield_<n>`). */
  assetsFieldNumber?: number;
  quirks?: Partial<JiraQuirks>;
  rateLimits?: Partial<JiraRateLimits>;
  webhookRetry?: Partial<WebhookRetryOptions>;
  /** Clock, for tests; default `Date.now`. */
  now?: () => number;
}

export interface ResolvedJiraOptions {
  email: string;
  apiToken: string;
  workspaceId: string;
  seed: number;
  projectKey: string;
  assetsFieldNumber: number;
  quirks: JiraQuirks;
  rateLimits: JiraRateLimits;
  webhookRetry: WebhookRetryOptions;
  now: () => number;
}

export const DEFAULT_QUIRKS: JiraQuirks = {
  legacySearchGone: true,
  insightWorkspaceRetired: true,
  createReturnsNoAttributes: true,
  aqlTotalCap: 1000,
};

export const DEFAULT_RATE_LIMITS: JiraRateLimits = {
  jiraReadPerSecond: 100,
  jiraWritePerSecond: 50,
  assetsAqlPerMinute: 1000,
  assetsTotalCountPerMinute: 500,
  assetsObjectPerMinute: 2000,
};

/** Retries of a failed delivery; the exact Jira schedule is not published, so this is a choice. */
export const DEFAULT_WEBHOOK_RETRY: WebhookRetryOptions = {
  delaysMs: [10_000, 30_000, 60_000, 300_000, 900_000],
  timeoutMs: 10_000,
};

export function resolveJiraOptions(options: JiraSimulatorOptions = {}): ResolvedJiraOptions {
  const projectKey = options.projectKey ?? 'ITSM';
  if (!/^[A-Z][A-Z0-9]{1,9}$/.test(projectKey)) {
    throw new Error(`createJiraSimulator: projectKey "${projectKey}" is not a valid Jira key`);
  }
  return {
    email: options.email ?? 'sim-admin@example.com',
    apiToken: options.apiToken ?? 'sim-api-token',
    workspaceId: options.workspaceId ?? 'f1668d0c-0c7a-4b7e-9d3b-5b1d8a2c7e10',
    seed: options.seed ?? 1,
    projectKey,
    assetsFieldNumber: options.assetsFieldNumber ?? 10191,
    quirks: { ...DEFAULT_QUIRKS, ...options.quirks },
    rateLimits: { ...DEFAULT_RATE_LIMITS, ...options.rateLimits },
    webhookRetry: { ...DEFAULT_WEBHOOK_RETRY, ...options.webhookRetry },
    now: options.now ?? Date.now,
  };
}

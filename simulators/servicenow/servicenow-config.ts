import { z } from 'zod';

/**
 * Platform behaviours that surprise clients. Each is on by default (the simulator behaves like
 * the platform) and can be switched off with `PUT /_sim/config {"quirks": {...}}`.
 */
export interface ServiceNowQuirks {
  /** An invalid query part (unknown field, unknown operator) is ignored and the rest applied.
   * Off = `glide.invalid_query.returns_no_rows=true`: an invalid query returns no rows. */
  ignoreInvalidQuery: boolean;
  /** No `Link` header when the result fits in one page (ansible-sn-inventory issue 15). */
  omitLinkOnSinglePage: boolean;
  /** `field!=x` does not return records whose field is empty. */
  notEqualsExcludesEmpty: boolean;
  /** `/api/now/v1/table/...` answers 404 when a list query has no results. */
  v1EmptyListIs404: boolean;
  /** Empty choice fields show as `null` with sysparm_display_value=true. */
  emptyChoiceDisplayNull: boolean;
  /** Rate-limited answers carry no `X-RateLimit-Remaining` (off = send it). */
  noRateLimitRemaining: boolean;
}

export const DEFAULT_QUIRKS: ServiceNowQuirks = {
  ignoreInvalidQuery: true,
  omitLinkOnSinglePage: true,
  notEqualsExcludesEmpty: true,
  v1EmptyListIs404: true,
  emptyChoiceDisplayNull: true,
  noRateLimitRemaining: true,
};

export const rateLimitRuleSchema = z.object({
  /** sys_id of the rule in `sys_rate_limit_rules`, sent as `X-RateLimit-Rule`. */
  sysId: z
    .string()
    .regex(/^[0-9a-f]{32}$/)
    .optional(),
  /** Applies to this user only; all users when absent. A user rule beats an all-users rule. */
  user: z.string().min(1).optional(),
  /** "Request limit per hour". */
  limit: z.number().int().nonnegative(),
  /** Window length; one hour when absent (shorter windows are for tests). */
  windowMs: z.number().int().positive().optional(),
  /** Which REST API the rule is for. */
  api: z.enum(['table', 'identifyreconcile', 'all']).default('all'),
});
export type RateLimitRule = z.infer<typeof rateLimitRuleSchema>;

export const oauthClientSchema = z.object({
  secret: z.string(),
  /** The "OAuth Application User" for the client_credentials grant; grant refused when absent. */
  user: z.string().optional(),
});
export type OAuthClient = z.infer<typeof oauthClientSchema>;

/** Body of `PUT /_sim/config` (every key optional; absent keys keep their value). */
export const configBodySchema = z
  .object({
    quirks: z
      .object({
        ignoreInvalidQuery: z.boolean(),
        omitLinkOnSinglePage: z.boolean(),
        notEqualsExcludesEmpty: z.boolean(),
        v1EmptyListIs404: z.boolean(),
        emptyChoiceDisplayNull: z.boolean(),
        noRateLimitRemaining: z.boolean(),
      })
      .partial()
      .strict(),
    tokenLifetimeSeconds: z.number().int().positive(),
    refreshTokenLifetimeSeconds: z.number().int().positive(),
    rateLimitRules: z.array(rateLimitRuleSchema),
    webhookUrl: z.string().url().nullable(),
    webhookSecret: z.string().min(1),
    users: z.record(z.string(), z.string()),
    oauthClients: z.record(z.string(), oauthClientSchema),
    discoverySources: z.array(z.string().min(1)),
  })
  .partial()
  .strict();
export type ConfigBody = z.infer<typeof configBodySchema>;

export interface ServiceNowOptions {
  /** Seed of the id generator (default 1). */
  seed?: number;
  /** Clock (default: the real one). */
  now?: () => Date;
  /** Basic-auth users, `user → password` (default `{admin: 'admin'}`). */
  users?: Record<string, string>;
  /** OAuth clients, `client_id → {secret, user}` (default one client `assetbridge`). */
  oauthClients?: Record<string, OAuthClient>;
  /** Access-token lifetime; 1799 s as on the platform. */
  tokenLifetimeSeconds?: number;
  refreshTokenLifetimeSeconds?: number;
  quirks?: Partial<ServiceNowQuirks>;
  rateLimitRules?: RateLimitRule[];
  webhookUrl?: string | null;
  webhookSecret?: string;
  /** Extra `cmdb_ci.discovery_source` choice values beyond the out-of-the-box ones. */
  discoverySources?: string[];
}

/** Out-of-the-box discovery_source choices seen in the docs, plus ours. */
export const BASE_DISCOVERY_SOURCES = [
  'ServiceNow',
  'SCCM',
  'ImportSet',
  'ManualEntry',
  'EventManagement',
  'Tivoli',
  'ServiceWatch',
  'SNAssetManagement',
  'SG-Intune',
  'SG-Jamf',
  'SG-SCCM',
  'AssetSync',
];

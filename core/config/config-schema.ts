import { z } from 'zod';
import { AuthorityValue } from '../mapping/mapping-schema';
import type { Salvaged } from '../mapping/salvage';

/** Name of an environment variable that holds a secret or setting. */
const EnvName = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*$/,
    'expected an environment variable name such as JAMF_CLIENT_ID',
  );

/** An http or https URL. */
const HttpUrl = z.url({
  protocol: /^https?$/,
  error: 'expected an http(s) URL such as https://example.jamfcloud.com',
});

/** Name of a connector instance or import source: letters, digits, `-` and `_`. */
const InstanceName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'expected a name of letters, digits, - and _');

/** Where the reconciled records live. */
export const StoreConfig = z.discriminatedUnion('kind', [
  z.strictObject({
    /** A local SQLite database file. */
    kind: z.literal('sqlite'),
    /** Database file, relative to the config file's folder unless absolute. */
    file: z.string().min(1),
  }),
  z.strictObject({
    /** A PostgreSQL database. */
    kind: z.literal('postgres'),
    /** Environment variable holding the connection URL (it carries a password). */
    urlEnv: EnvName,
    /** Database schema to use; `public` when absent. */
    schema: z.string().min(1).optional(),
  }),
]);
export type StoreConfig = z.infer<typeof StoreConfig>;

/** How a connector signs in. Every secret is named by an environment variable, never written. */
export const AuthConfig = z.discriminatedUnion('kind', [
  z.strictObject({
    /** HTTP basic authentication. */
    kind: z.literal('basic'),
    /** Variable holding the user name. */
    usernameEnv: EnvName,
    /** Variable holding the password. */
    passwordEnv: EnvName,
  }),
  z.strictObject({
    /** OAuth 2.0 client credentials grant (Jamf Pro API clients, Microsoft Entra apps). */
    kind: z.literal('oauth_client_credentials'),
    /** Variable holding the client id. */
    clientIdEnv: EnvName,
    /** Variable holding the client secret. */
    clientSecretEnv: EnvName,
    /** Token endpoint; the connector's default when absent. */
    tokenUrl: HttpUrl.optional(),
    /** OAuth scope to request, when the vendor needs one. */
    scope: z.string().min(1).optional(),
  }),
  z.strictObject({
    /** OAuth resource-owner password grant (ServiceNow). */
    kind: z.literal('oauth_password'),
    /** Variable holding the OAuth client id. */
    clientIdEnv: EnvName,
    /** Variable holding the OAuth client secret. */
    clientSecretEnv: EnvName,
    /** Variable holding the user name. */
    usernameEnv: EnvName,
    /** Variable holding the user's password. */
    passwordEnv: EnvName,
    /** Token endpoint; the connector's default when absent. */
    tokenUrl: HttpUrl.optional(),
  }),
  z.strictObject({
    /** Atlassian API token with the account's email (basic auth on the wire). */
    kind: z.literal('api_token'),
    /** Variable holding the account's email address. */
    emailEnv: EnvName,
    /** Variable holding the API token. */
    tokenEnv: EnvName,
  }),
  z.strictObject({
    /** A fixed bearer token. */
    kind: z.literal('bearer'),
    /** Variable holding the token. */
    tokenEnv: EnvName,
  }),
]);
export type AuthConfig = z.infer<typeof AuthConfig>;

/** When a connector syncs: five- or six-field cron expressions (checked with node-cron). */
export const ScheduleConfig = z.strictObject({
  /** Changes since the last run, for example every 15 minutes: `*\/15 * * * *`. */
  incremental: z.string().min(1).optional(),
  /** A full read of every record, for example nightly: `0 2 * * *`. */
  full: z.string().min(1).optional(),
  /** IANA time zone the expressions are read in; UTC when absent. */
  timezone: z.string().min(1).optional(),
});
export type ScheduleConfig = z.infer<typeof ScheduleConfig>;

const rateLimitKeys = {
  /** Requests in flight at once. */
  maxConcurrent: z.number().int().min(1).max(100).optional(),
  /** Minimum milliseconds between the starts of two requests. */
  minTimeMs: z.number().int().min(0).optional(),
  /** At most this many requests per minute. */
  perMinute: z.number().int().min(1).optional(),
};

/** Limits of one traffic class of a connector (for example Graph writes, Assets AQL searches). */
export const RateLimitClassConfig = z.strictObject(rateLimitKeys);
export type RateLimitClassConfig = z.infer<typeof RateLimitClassConfig>;

/** Client-side request limits for one connector instance. */
export const RateLimitConfig = z.strictObject({
  ...rateLimitKeys,
  /**
   * Limits per traffic class, on top of the instance's limits: a request of a class must pass both.
   * Class names are the connector's (`write`, `aql`, ...).
   */
  classes: z.record(InstanceName, RateLimitClassConfig).optional(),
});
export type RateLimitConfig = z.infer<typeof RateLimitConfig>;

/** One connector instance: a vendor system to sync with. */
export const ConnectorConfig = z.strictObject({
  /** Unique instance name, used as the source name in provenance and authority rules. */
  name: InstanceName,
  /** Connector type; must be one the program knows (`jamf`, `intune`, `servicenow`, `jsm`, ...). */
  type: z.string().min(1),
  /** Base URL of the vendor API. */
  baseUrl: HttpUrl,
  /** How the connector signs in; secrets come from environment variables. */
  auth: AuthConfig,
  /** Mapping file, relative to the config file's folder. */
  mapping: z.string().min(1),
  /** When the connector syncs; no automatic runs when absent. */
  schedule: ScheduleConfig.optional(),
  /** Client-side request limits; the connector's defaults when absent. */
  rateLimit: RateLimitConfig.optional(),
  /** False keeps the instance in the file but out of every run. */
  enabled: z.boolean().default(true),
  /** Connector-specific settings (never secrets; those use environment variables). */
  options: z.record(z.string(), z.unknown()).optional(),
});
export type ConnectorConfig = z.infer<typeof ConnectorConfig>;

/** An import source for `assetbridge import --source <name>`. */
export const SourceConfig = z.strictObject({
  /** Unique name, used as the source name in provenance and authority rules. */
  name: InstanceName,
  /** Mapping file with `connector: import`, relative to the config file's folder. */
  mapping: z.string().min(1),
  /** Free text for people reading the file. */
  description: z.string().optional(),
});
export type SourceConfig = z.infer<typeof SourceConfig>;

/** One authority rule: this source has this authority for these fields. */
export const AuthorityRule = z.strictObject({
  /** A connector or source name, or `*` for every source. */
  source: z.string().min(1),
  /** Field patterns: a core field path, a group `assignment.*`, `@group`, or `*`. */
  fields: z.array(z.string().min(1)).min(1),
  /** Authority 0..100 this source has for these fields. */
  authority: AuthorityValue,
});
export type AuthorityRule = z.infer<typeof AuthorityRule>;

/** The configuration file (`version: 1`). */
export const SyncConfig = z.strictObject({
  /** A complete read may mark at most this share of a connector's records missing (0..1). */
  maxMissingShare: z.number().min(0).max(1).default(0.1),
  /** A record missing from this many complete reads in a row retires its asset. */
  retireAfterMissingRuns: z.number().int().min(1).default(3),
});

export const AssetbridgeConfig = z.strictObject({
  /** Format version of the file; only 1 exists. */
  version: z.literal(1),
  /** Where the reconciled records live. */
  /** The embedded SQLite file `.assetbridge/assetbridge.db` beside the config when absent. */
  store: StoreConfig.default({ kind: 'sqlite', file: '.assetbridge/assetbridge.db' }),
  /** Identity resolution settings. */
  identity: z
    .strictObject({
      /** Extra serial numbers that identify nothing (added to the built-in list). */
      placeholderSerials: z.array(z.string().min(1)).default([]),
    })
    .default({ placeholderSerials: [] }),
  /** Which source wins for which field. */
  authority: z
    .strictObject({
      /** Authority of any source for any field no rule or mapping sets; 50 when absent. */
      default: AuthorityValue.default(50),
      /** Checked in order; the last rule that matches a source and field wins. */
      rules: z.array(AuthorityRule).default([]),
    })
    .default({ default: 50, rules: [] }),
  /** Safety limits of the missing sweep of complete reads. */
  sync: SyncConfig.default({ maxMissingShare: 0.1, retireAfterMissingRuns: 3 }),
  /** Import sources (files read by `assetbridge import`). */
  sources: z.array(SourceConfig).default([]),
  /** Connector instances (vendor systems synced over their APIs). */
  connectors: z.array(ConnectorConfig).default([]),
});
export type AssetbridgeConfig = z.infer<typeof AssetbridgeConfig>;

/** The parts of a config file that fit the schema, for the checks that run on every part. */
export type ConfigParts = Salvaged<AssetbridgeConfig>;

import type { RateLimitClassConfig, RateLimitConfig } from '../config/config-schema';
import { createHash } from 'node:crypto';
import type { LimiterScope } from './limiter-registry';
import type { LimitSettings, LimiterSetSettings } from './limiter-set';

/**
 * Vendor-sane client-side limits per connector type. Each number names its source in the shared
 * research notes (`research/<file>.md` section) or says it is our own choice.
 */
export const RATE_LIMIT_DEFAULTS: Readonly<Record<string, LimiterSetSettings>> = {
  jamf: {
    // mdm.md §1.5: Jamf Pro has no built-in rate limit; guidance is at most 5 concurrent connections.
    system: { maxConcurrent: 5 },
  },
  intune: {
    // mdm.md §2.4: Intune devices service allows 2000 requests per 20 s per app per tenant.
    // maxConcurrent 10 is our choice (Graph publishes no concurrency limit for this service).
    system: { maxConcurrent: 10, budget: { amount: 2000, intervalMs: 20_000 } },
    classes: {
      // mdm.md §2.4: POST/PUT/PATCH/DELETE 200 per 20 s per app per tenant.
      write: { budget: { amount: 200, intervalMs: 20_000 } },
    },
  },
  servicenow: {
    // servicenow.md §5 "Rate limit rules": no rate rules exist out of the box (so no default
    // rate), but a full API_INT semaphore queue (length 50) answers 429; keep concurrency to a
    // few. 4 is our choice within that guidance.
    system: { maxConcurrent: 4 },
  },
  jsm: {
    // jira.md §1.2 (rate-limit trait texts): the limits are per endpoint (the classes below); the
    // older KB adds "a total limit of 10,000 requests per minute per instance" across endpoints.
    // maxConcurrent 5 is our choice.
    system: { maxConcurrent: 5, budget: { amount: 10_000, intervalMs: 60_000 } },
    classes: {
      // jira.md §1.2 endpoint table: POST /object/aql 1000/min per API key.
      aql: { budget: { amount: 1000, intervalMs: 60_000 } },
      // jira.md §1.2 endpoint table: POST /object/aql/totalcount 500/min.
      'aql-count': { budget: { amount: 500, intervalMs: 60_000 } },
      // jira.md §1.2 endpoint table: POST /object/create 2000/min (the instance limit is lower).
      'object-create': { budget: { amount: 2000, intervalMs: 60_000 } },
    },
  },
};

/**
 * Budgets a vendor counts over every app of one tenant, above the per-app budget of
 * RATE_LIMIT_DEFAULTS. Instances of the same tenant share them whatever their app.
 */
export const TENANT_LIMITS: Readonly<Record<string, LimiterSetSettings>> = {
  intune: {
    // mdm.md §2.4: any request 4000 per 20 s per tenant (all apps).
    system: { budget: { amount: 4000, intervalMs: 20_000 } },
    // mdm.md §2.4: POST/PUT/PATCH/DELETE 400 per 20 s per tenant.
    classes: { write: { budget: { amount: 400, intervalMs: 20_000 } } },
  },
};

/** Connector types without an entry: a few requests at a time, no rate (our choice). */
export const FALLBACK_LIMITS: LimiterSetSettings = { system: { maxConcurrent: 4 } };

/** The config's limits laid over defaults: a key set in the config replaces the default's. */
function overlay(base: LimitSettings, override: RateLimitClassConfig | undefined): LimitSettings {
  if (override === undefined) return { ...base };
  const out: LimitSettings = { ...base };
  if (override.maxConcurrent !== undefined) out.maxConcurrent = override.maxConcurrent;
  if (override.minTimeMs !== undefined) out.minTimeMs = override.minTimeMs;
  if (override.perMinute !== undefined) {
    out.budget = { amount: override.perMinute, intervalMs: 60_000 };
  }
  return out;
}

/** Limiter settings of a connector instance: its type's defaults overridden by its `rateLimit`. */
export function limiterSettingsFor(
  connectorType: string,
  rateLimit?: RateLimitConfig,
): LimiterSetSettings {
  const defaults = RATE_LIMIT_DEFAULTS[connectorType] ?? FALLBACK_LIMITS;
  const classes: Record<string, LimitSettings> = {};
  const names = new Set([
    ...Object.keys(defaults.classes ?? {}),
    ...Object.keys(rateLimit?.classes ?? {}),
  ]);
  for (const name of names) {
    classes[name] = overlay(defaults.classes?.[name] ?? {}, rateLimit?.classes?.[name]);
  }
  return { system: overlay(defaults.system, rateLimit), classes };
}

/** What identifies the budget a connector instance draws from. */
export interface LimiterScopeInput {
  /** Connector instance name; the key when nothing better is known. */
  name: string;
  type: string;
  baseUrl: string;
  rateLimit?: RateLimitConfig;
  /** Intune: the Entra tenant. */
  tenantId?: string;
  /** Intune: the app registration (OAuth client id). */
  clientId?: string;
}

/**
 * Where the limits of an instance are counted. Intune counts per app per tenant, and per tenant
 * over all apps (mdm.md §2.4): instances of one tenant and app share a set, and every set of a
 * tenant passes the tenant's budget. Other vendors count per server: instances of the same type
 * and base URL share a set.
 */
export function limiterScopeFor(input: LimiterScopeInput): LimiterScope {
  const settings = limiterSettingsFor(input.type, input.rateLimit);
  const tenantLimits = TENANT_LIMITS[input.type];
  if (tenantLimits !== undefined && input.tenantId !== undefined) {
    const tenant = `${input.type}:tenant:${input.tenantId.toLowerCase()}`;
    // The client id is not a secret, but a digest keeps it out of logs all the same.
    const app = createHash('sha256')
      .update(input.clientId ?? `instance:${input.name}`)
      .digest('hex')
      .slice(0, 16);
    return {
      key: `${tenant}:app:${app}`,
      settings,
      upstream: { key: tenant, settings: tenantLimits },
    };
  }
  return { key: `${input.type}:${input.baseUrl.replace(/\/+$/, '').toLowerCase()}`, settings };
}

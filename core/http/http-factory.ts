import axios, { type AxiosInstance } from 'axios';
import type { RateLimitConfig } from '../config/config-schema';
import type { Logger } from '../logging/logger';
import type { AuthProvider } from './auth-providers';
import { AxiosHttpClient } from './axios-http-client';
import type { HttpClient } from './http-client';
import type { LimiterRegistry, LimiterScope } from './limiter-registry';
import { LimiterSet } from './limiter-set';
import { limiterSettingsFor } from './rate-limit-defaults';
import type { RequestStats } from './request-stats';
import { RetryPolicy, type RetryPolicyOptions } from './retry-policy';

/**
 * What a connector instance gets to talk to its vendor: clients that share one limiter set (so
 * every request of the instance, and of other instances on the same vendor budget, counts against
 * the same budget), retries and request stats. The connector brings the base URL and its vendor's auth.
 */
export interface HttpFactory {
  client(options: { baseUrl: string; auth?: AuthProvider }): HttpClient;
  /** A bare axios instance for token endpoints (no base URL, no auth, statuses not thrown). */
  tokenAxios(): AxiosInstance;
}

export interface HttpFactoryOptions {
  /** Connector instance name. */
  system: string;
  /** Connector type, for the vendor's default limits. */
  type: string;
  rateLimit?: RateLimitConfig;
  logger: Logger;
  stats: RequestStats;
  retry?: RetryPolicyOptions;
  timeoutMs?: number;
  /**
   * The process's limiter sets and where this instance's limits are counted: instances with the
   * same scope key share one budget. Without them the instance has limiters of its own.
   */
  limiters?: { registry: LimiterRegistry; scope: LimiterScope };
}

export function createHttpFactory(options: HttpFactoryOptions): HttpFactory {
  const limiters =
    options.limiters === undefined
      ? new LimiterSet(limiterSettingsFor(options.type, options.rateLimit))
      : options.limiters.registry.limiterSet(options.limiters.scope, options.system);
  const retry = new RetryPolicy(options.retry);
  return {
    client: ({ baseUrl, auth }) =>
      new AxiosHttpClient({
        system: options.system,
        axios: axios.create({ baseURL: baseUrl }),
        logger: options.logger,
        auth,
        limiters,
        retry,
        stats: options.stats,
        timeoutMs: options.timeoutMs,
      }),
    tokenAxios: () => countedTokenAxios(options),
  };
}

/** Token requests count in the request stats like any other (`POST`, by status). */
function countedTokenAxios(options: HttpFactoryOptions): AxiosInstance {
  const instance = axios.create({
    validateStatus: () => true,
    timeout: options.timeoutMs ?? 30_000,
  });
  const method = (m: string | undefined) => (m ?? 'get').toUpperCase();
  instance.interceptors.response.use(
    (res) => {
      options.stats.recordRequest(options.system, method(res.config.method), res.status);
      return res;
    },
    (err: unknown) => {
      const e = err as { config?: { method?: string }; response?: { status?: number } };
      const status = e.response?.status ?? null;
      options.stats.recordRequest(options.system, method(e.config?.method), status);
      return Promise.reject(err);
    },
  );
  return instance;
}

import type { AxiosInstance, AxiosResponse } from 'axios';
import type { Logger } from '../logging/logger';
import type { AuthProvider } from './auth-providers';
import {
  isIdempotentByDefault,
  realSleep,
  systemClock,
  type Clock,
  type HttpClient,
  type HttpRequest,
  type HttpResponse,
  type Sleep,
} from './http-client';
import { LimiterSet } from './limiter-set';
import { pathOf } from './redact';
import { RequestStats } from './request-stats';
import { resolveTarget } from './request-target';
import { RetryPolicy, type AttemptFailure, type RetryDecision } from './retry-policy';
import { classifyTransportError, type ClassifiedTransportError } from './transport-error';
import { VendorHttpError } from './vendor-error';
import { INVALID_JSON, parseBody, plainHeaders, requestBody } from './wire-body';

export interface AxiosHttpClientOptions {
  /** Connector instance name, used in logs, stats and errors. */
  system: string;
  /** One instance per connector instance, created with its `baseURL`. */
  axios: AxiosInstance;
  logger: Logger;
  auth?: AuthProvider;
  limiters?: LimiterSet;
  retry?: RetryPolicy;
  stats?: RequestStats;
  clock?: Clock;
  sleep?: Sleep;
  /** Time limit of one attempt unless the request sets one (default 60 s). */
  timeoutMs?: number;
}

/** One prepared call: everything that does not change between attempts. */
interface Call {
  req: HttpRequest;
  method: string;
  target: string;
  fullUrl: string;
  path: string;
  idempotent: boolean;
}

type Outcome =
  | { kind: 'response'; res: AxiosResponse<unknown> }
  | { kind: 'transport'; error: ClassifiedTransportError };

/**
 * The real `HttpClient`: limiter, retries with backoff and vendor waits, one token refresh on
 * 401, request logging without credentials, and counters. Every status is handled here
 * (`validateStatus` accepts all), and the response body is parsed here.
 */
export class AxiosHttpClient implements HttpClient {
  private readonly system: string;
  private readonly http: AxiosInstance;
  private readonly logger: Logger;
  private readonly auth: AuthProvider | undefined;
  private readonly limiters: LimiterSet;
  private readonly retry: RetryPolicy;
  private readonly stats: RequestStats;
  private readonly clock: Clock;
  private readonly sleep: Sleep;
  private readonly timeoutMs: number;

  constructor(options: AxiosHttpClientOptions) {
    this.system = options.system;
    this.http = options.axios;
    this.logger = options.logger;
    this.auth = options.auth;
    this.limiters = options.limiters ?? LimiterSet.unlimited();
    this.retry = options.retry ?? new RetryPolicy();
    this.stats = options.stats ?? new RequestStats();
    this.clock = options.clock ?? systemClock;
    this.sleep = options.sleep ?? realSleep;
    this.timeoutMs = options.timeoutMs ?? 60_000;
  }

  async request<T>(req: HttpRequest): Promise<HttpResponse<T>> {
    const call = this.prepare(req);
    let attempt = 0;
    let authRetried = false;
    for (;;) {
      attempt += 1;
      await this.waitForPause(call);
      const outcome = await this.limiters.schedule(req.trafficClass, () =>
        this.send(call, attempt),
      );
      if (outcome.kind === 'transport' && outcome.error.kind === 'aborted') {
        throw this.aborted(call, attempt, outcome.error.cause);
      }
      if (outcome.kind === 'response') {
        const answer = this.answer<T>(call, outcome.res, attempt);
        if (answer !== null) return answer;
        if (outcome.res.status === 401) {
          if (authRetried || !this.canRefresh()) throw this.authError(call, outcome.res, attempt);
          authRetried = true;
          this.refreshAuth(call, attempt);
          continue;
        }
      }
      const failure = this.failureOf(outcome);
      const budgetAttempt = authRetried ? attempt - 1 : attempt;
      const decision = this.retry.decide(failure, budgetAttempt, call.idempotent, this.clock.now());
      if (!decision.retry) throw this.finalError(call, outcome, attempt, decision);
      await this.backOff(call, attempt, decision);
    }
  }

  private prepare(req: HttpRequest): Call {
    const baseUrl = this.http.defaults.baseURL ?? '';
    const { target, fullUrl } = resolveTarget(this.system, baseUrl, req);
    const idempotent = req.idempotent ?? isIdempotentByDefault(req.method);
    return { req, method: req.method, target, fullUrl, path: pathOf(fullUrl), idempotent };
  }

  private async send(call: Call, attempt: number): Promise<Outcome> {
    const headers = await this.headersFor(call.req);
    const started = this.clock.now();
    let outcome: Outcome;
    try {
      const res = await this.http.request<unknown>({
        method: call.method,
        url: call.target,
        headers,
        data: requestBody(call.req),
        timeout: call.req.timeoutMs ?? this.timeoutMs,
        signal: call.req.signal,
        validateStatus: () => true,
        responseType: 'text',
        transformResponse: [(data: unknown) => data],
        maxRedirects: 0,
      });
      outcome = { kind: 'response', res };
    } catch (err) {
      const error = classifyTransportError(err);
      if (error === null) throw err;
      outcome = { kind: 'transport', error };
    }
    this.logAttempt(call, attempt, outcome, this.clock.now() - started);
    return outcome;
  }

  private async headersFor(req: HttpRequest): Promise<Record<string, string>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    for (const [name, value] of Object.entries(req.headers ?? {})) {
      headers[name.toLowerCase()] = value;
    }
    if (req.form !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    else if (req.body !== undefined) headers['content-type'] ??= 'application/json';
    if (this.auth !== undefined && headers.authorization === undefined) {
      await this.auth.authorize(headers);
    }
    return headers;
  }

  private logAttempt(call: Call, attempt: number, outcome: Outcome, ms: number): void {
    const status = outcome.kind === 'response' ? outcome.res.status : null;
    this.stats.recordRequest(this.system, call.method, status);
    const line = { system: this.system, method: call.method, path: call.path, status, ms, attempt };
    if (outcome.kind === 'response') this.logger.debug(line, 'http request');
    else this.logger.debug({ ...line, error: outcome.error.reason }, 'http request failed');
  }

  /** The response when its status is an answer; null when it is a failure. */
  private answer<T>(
    call: Call,
    res: AxiosResponse<unknown>,
    attempt: number,
  ): HttpResponse<T> | null {
    const ok =
      (res.status >= 200 && res.status < 300) || call.req.expectStatus?.includes(res.status);
    if (ok !== true) return null;
    const headers = plainHeaders(res.headers);
    const text = typeof res.data === 'string' ? res.data : '';
    const data = parseBody(text, headers['content-type']);
    if (data === INVALID_JSON) return null;
    return { status: res.status, headers, data: data as T, attempts: attempt };
  }

  private failureOf(outcome: Outcome): AttemptFailure {
    if (outcome.kind === 'transport') {
      const { kind, reason } = outcome.error;
      return { kind: kind === 'aborted' ? 'fatal' : kind, reason };
    }
    const { res } = outcome;
    if (res.status >= 200 && res.status < 300) {
      return { kind: 'maybe-sent', reason: `HTTP ${res.status} with a JSON body cut short` };
    }
    return { kind: 'status', status: res.status, headers: plainHeaders(res.headers) };
  }

  private canRefresh(): boolean {
    return this.auth !== undefined && this.auth.refreshable !== false;
  }

  private refreshAuth(call: Call, attempt: number): void {
    this.auth?.invalidate();
    this.stats.recordRetry(this.system, 'HTTP 401');
    this.logger.warn(
      { system: this.system, method: call.method, path: call.path, attempt, reason: 'HTTP 401' },
      'token rejected; refreshing it and retrying once',
    );
  }

  private async waitForPause(call: Call): Promise<void> {
    if (call.req.signal?.aborted === true) throw this.aborted(call, 0, call.req.signal.reason);
    const wait = this.limiters.pauseRemainingMs(call.req.trafficClass, this.clock.now());
    if (wait > 0) await this.sleepOrAbort(call, wait);
  }

  private async backOff(call: Call, attempt: number, decision: RetryDecision & { retry: true }) {
    this.stats.recordRetry(this.system, decision.reason);
    this.logger.warn(
      {
        system: this.system,
        method: call.method,
        path: call.path,
        attempt,
        reason: decision.reason,
        delayMs: decision.delayMs,
      },
      decision.fromVendor ? 'vendor asked to wait; retrying' : 'request failed; retrying',
    );
    if (decision.fromVendor) {
      this.limiters.pause(call.req.trafficClass, this.clock.now() + decision.delayMs);
    }
    await this.sleepOrAbort(call, decision.delayMs);
  }

  private async sleepOrAbort(call: Call, ms: number): Promise<void> {
    try {
      await this.sleep(ms, call.req.signal);
    } catch (err) {
      if (call.req.signal?.aborted === true) throw this.aborted(call, 0, err);
      throw err;
    }
  }

  private aborted(call: Call, attempts: number, cause: unknown): VendorHttpError {
    return new VendorHttpError('REQUEST_ABORTED', {
      system: this.system,
      method: call.method,
      url: call.fullUrl,
      status: null,
      reason: 'cancelled by the caller',
      retryable: false,
      attempts,
      cause,
    });
  }

  private authError(call: Call, res: AxiosResponse<unknown>, attempts: number): VendorHttpError {
    return new VendorHttpError('VENDOR_AUTH', {
      system: this.system,
      method: call.method,
      url: call.fullUrl,
      status: res.status,
      body: typeof res.data === 'string' ? res.data : undefined,
      retryable: false,
      attempts,
      prefix: this.canRefresh()
        ? 'credentials rejected after a token refresh'
        : 'credentials rejected',
    });
  }

  private finalError(
    call: Call,
    outcome: Outcome,
    attempts: number,
    decision: RetryDecision & { retry: false },
  ): VendorHttpError {
    const res = outcome.kind === 'response' ? outcome.res : null;
    const isStatus = res !== null && (res.status < 200 || res.status > 299);
    return new VendorHttpError(decision.code, {
      system: this.system,
      method: call.method,
      url: call.fullUrl,
      status: isStatus ? res.status : null,
      body: res !== null && typeof res.data === 'string' ? res.data : undefined,
      reason: decision.reason,
      retryable: decision.retryable,
      attempts,
      prefix: PREFIX[decision.code]?.(attempts, decision.reason),
      cause: outcome.kind === 'transport' ? outcome.error.cause : undefined,
    });
  }
}

const PREFIX: Partial<Record<string, (attempts: number, reason: string) => string>> = {
  RETRIES_EXHAUSTED: (attempts) => `gave up after ${attempts} attempts`,
  RATE_LIMITED: (_attempts, reason) => `rate limited (${reason})`,
  WRITE_OUTCOME_UNKNOWN: () =>
    'the write may have reached the vendor (not retried; look the record up before retrying)',
};

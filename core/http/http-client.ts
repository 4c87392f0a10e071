import { setTimeout as setTimeoutPromise } from 'node:timers/promises';

/**
 * The small interface every connector talks to a vendor API through. Connector logic is tested
 * with fakes of it; `AxiosHttpClient` is the real one.
 */

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Query values; an array repeats the key (`?id=1&id=2`), `undefined` leaves the key out. */
export type QueryValue = string | number | boolean | undefined | readonly (string | number)[];

export interface HttpRequest {
  method: HttpMethod;
  /** Path relative to the client's base URL, e.g. `/api/v1/computers-inventory`. */
  path?: string;
  /** Absolute URL, e.g. an `@odata.nextLink`; used instead of `path`. */
  url?: string;
  query?: Readonly<Record<string, QueryValue>>;
  headers?: Readonly<Record<string, string>>;
  /** JSON body. */
  body?: unknown;
  /** `application/x-www-form-urlencoded` body; used instead of `body`. */
  form?: Readonly<Record<string, string>>;
  /** Limiter class of the request (`write`, `aql`, ...); the system's limiter alone when absent. */
  trafficClass?: string;
  /**
   * Whether sending the request twice is harmless. GET, HEAD, PUT and DELETE are idempotent by
   * default, POST and PATCH not: those are never retried once they may have reached the vendor.
   */
  idempotent?: boolean;
  /** Statuses (besides 2xx) that are answers, not errors, e.g. 404 for "deleted". */
  expectStatus?: readonly number[];
  /** Time limit of one attempt in milliseconds; the client's default when absent. */
  timeoutMs?: number;
  /** Cancels the request, including waits between attempts. */
  signal?: AbortSignal;
}

export interface HttpResponse<T> {
  status: number;
  /** Response headers with lower-case names. */
  headers: Readonly<Record<string, string>>;
  /**
   * Parsed JSON body (unchecked: validate it at the connector boundary), the text of a non-JSON
   * body, or `null` when the body is empty.
   */
  data: T;
  /** Requests sent for this call, retries included. */
  attempts: number;
}

export interface HttpClient {
  request<T>(req: HttpRequest): Promise<HttpResponse<T>>;
}

/** Whether a method is idempotent unless the request says otherwise. */
export function isIdempotentByDefault(method: HttpMethod): boolean {
  return method !== 'POST' && method !== 'PATCH';
}

/** Milliseconds since the epoch; injected so that tests control time. */
export interface Clock {
  now(): number;
}

/** Waits `ms` milliseconds; rejects when `signal` aborts. Injected so that tests run instantly. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const systemClock: Clock = { now: () => Date.now() };

/** The real `Sleep`, on Node timers. */
export const realSleep: Sleep = async (ms, signal) => {
  if (ms <= 0 && signal?.aborted !== true) return;
  await setTimeoutPromise(ms, undefined, { signal });
};

import axios, {
  AxiosHeaders,
  type AxiosAdapter,
  type AxiosResponse,
  type InternalAxiosRequestConfig,
} from 'axios';
import { Version3Client } from 'jira.js';
import { isAssetbridgeError } from '../../core/errors';
import type { HttpClient, HttpMethod } from '../../core/http/http-client';

const METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** Carries our error through jira.js, which wraps what its transport throws in `HttpException`. */
class TransportFailure extends Error {
  constructor(readonly failure: unknown) {
    super('request failed in the assetbridge HTTP layer', { cause: failure });
  }
}

/**
 * An axios adapter that sends what jira.js builds through our `HttpClient`: the instance's
 * limiter, retries with `Retry-After`, auth, request logging and stats apply to jira.js calls as
 * to every other request. jira.js keeps building URLs, query strings and bodies.
 */
export function httpClientAdapter(http: HttpClient): AxiosAdapter {
  return async (config: InternalAxiosRequestConfig): Promise<AxiosResponse> => {
    const method = (config.method ?? 'get').toUpperCase();
    if (!METHODS.has(method)) throw new TransportFailure(new Error(`method ${method}`));
    const url = axios.getUri(config);
    let body: unknown;
    if (typeof config.data === 'string' && config.data !== '') body = JSON.parse(config.data);
    else if (config.data !== undefined && config.data !== null) body = config.data;
    try {
      const res = await http.request<unknown>({
        method: method as HttpMethod,
        url,
        headers: forwardedHeaders(config),
        body,
        signal: config.signal as AbortSignal | undefined,
      });
      return {
        data: res.data,
        status: res.status,
        statusText: '',
        headers: new AxiosHeaders(res.headers),
        config,
        request: {},
      };
    } catch (err) {
      throw new TransportFailure(err);
    }
  };
}

/** Headers jira.js sets for the vendor (`X-Atlassian-Token`, ...); never its auth or framing. */
const OWN_HEADERS = new Set([
  'authorization',
  'content-type',
  'content-length',
  'accept',
  'user-agent',
]);

function forwardedHeaders(config: InternalAxiosRequestConfig): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(AxiosHeaders.from(config.headers).toJSON())) {
    if (typeof value === 'string' && !OWN_HEADERS.has(name.toLowerCase())) out[name] = value;
  }
  return out;
}

/** The error our HTTP layer raised under a jira.js call, or the jira.js error itself. */
export function unwrapJiraError(err: unknown): unknown {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 4; depth++) {
    if (e instanceof TransportFailure) return e.failure;
    if (isAssetbridgeError(e)) return e;
    e = e.cause;
  }
  return err;
}

/** Runs a jira.js call and rethrows our own error (code, status, cause) when it failed in transit. */
export async function jiraCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw unwrapJiraError(err);
  }
}

/**
 * A jira.js REST v3 client on the Jira site URL whose transport is our `HttpClient` (which signs
 * the requests): jira.js gets no credentials of its own.
 */
export function jiraPlatform(siteUrl: string, http: HttpClient): Version3Client {
  return new Version3Client({
    host: siteUrl,
    baseRequestConfig: { adapter: httpClientAdapter(http) },
  });
}

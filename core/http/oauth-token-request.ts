import type { AxiosInstance } from 'axios';
import { z } from 'zod';
import { scrubSecrets } from './redact';
import { classifyTransportError } from './transport-error';
import { VendorHttpError } from './vendor-error';

/** The part of an OAuth 2.0 token response we use. */
const TokenResponse = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().positive().optional(),
  refresh_token: z.string().min(1).optional(),
});
export type TokenResponse = z.infer<typeof TokenResponse>;

/** Lifetime assumed when a token response has no `expires_in` (our choice; short on purpose). */
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 300;

export interface TokenRequest {
  http: AxiosInstance;
  tokenUrl: string;
  form: Readonly<Record<string, string>>;
  /** Client credentials sent as HTTP basic instead of in the form. */
  basic?: { user: string; pass: string };
  /** Values scrubbed from any vendor text that ends up in an error. */
  secrets: readonly string[];
  /** Names the system in errors; the token URL's host when absent. */
  system?: string;
  timeoutMs?: number;
}

/**
 * POSTs a form to an OAuth token endpoint. Failures are VENDOR_AUTH errors with the vendor's
 * error text (`invalid_client: ...`) and never a secret.
 */
export async function requestOAuthToken(req: TokenRequest): Promise<TokenResponse> {
  const system = req.system ?? hostOf(req.tokenUrl);
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
  };
  if (req.basic !== undefined) {
    const pair = `${req.basic.user}:${req.basic.pass}`;
    headers.authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
  }
  const fail = (init: { status: number | null; body?: string; reason?: string; cause?: unknown }) =>
    new VendorHttpError('VENDOR_AUTH', {
      system,
      method: 'POST',
      url: req.tokenUrl,
      retryable: false,
      attempts: 1,
      prefix: 'token request failed',
      ...init,
      body: init.body === undefined ? undefined : scrubSecrets(init.body, req.secrets),
    });
  let res;
  try {
    res = await req.http.post<string>(req.tokenUrl, new URLSearchParams(req.form).toString(), {
      headers,
      timeout: req.timeoutMs ?? 30_000,
      validateStatus: () => true,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
    });
  } catch (err) {
    const transport = classifyTransportError(err);
    if (transport === null) throw err;
    throw fail({ status: null, reason: transport.reason, cause: transport.cause });
  }
  const body = typeof res.data === 'string' ? res.data : '';
  if (res.status < 200 || res.status > 299) throw fail({ status: res.status, body });
  return parseTokenBody(body, fail);
}

function parseTokenBody(
  body: string,
  fail: (init: { status: number | null; body?: string; reason?: string }) => Error,
): TokenResponse {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw fail({ status: null, reason: 'a token response that is not JSON' });
  }
  const parsed = TokenResponse.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => i.path.join('.') || '(root)').join(', ');
    throw fail({ status: null, reason: `a token response without a valid ${where}` });
  }
  return parsed.data;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'token endpoint';
  }
}

import type { AxiosInstance } from 'axios';
import { systemClock, type Clock } from './http-client';
import { DEFAULT_TOKEN_LIFETIME_SECONDS, requestOAuthToken } from './oauth-token-request';
import { TokenCache, type ExpiringToken } from './token-cache';

/** Puts credentials on a request. */
export interface AuthProvider {
  /** Sets the `authorization` header (fetching a token first when needed). */
  authorize(headers: Record<string, string>): Promise<void>;
  /** Forgets the current token after a 401, so that the next `authorize` gets a fresh one. */
  invalidate(): void;
  /** False when a fresh `authorize` cannot change anything (fixed credentials): no retry on 401. */
  readonly refreshable?: boolean;
}

/** HTTP basic authentication with a fixed user and password. */
export class BasicAuth implements AuthProvider {
  readonly refreshable = false;
  private readonly value: string;

  constructor(user: string, pass: string) {
    this.value = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
  }

  async authorize(headers: Record<string, string>): Promise<void> {
    headers.authorization = this.value;
  }

  invalidate(): void {}
}

/** A fixed bearer token. */
export class BearerTokenAuth implements AuthProvider {
  readonly refreshable = false;

  constructor(private readonly token: string) {}

  async authorize(headers: Record<string, string>): Promise<void> {
    headers.authorization = `Bearer ${this.token}`;
  }

  invalidate(): void {}
}

export interface TokenExchangeAuthOptions {
  /** Gets a new token, e.g. Jamf's basic-auth `POST /api/v1/auth/token`. */
  fetchToken: () => Promise<ExpiringToken>;
  clock?: Clock;
  /** Fetch a new token this long before expiry (default 60 s; at most half the lifetime). */
  refreshSkewSeconds?: number;
}

/** A bearer token from any exchange, cached until shortly before it expires. */
export class TokenExchangeAuth implements AuthProvider {
  readonly refreshable = true;
  protected readonly cache: TokenCache;

  constructor(options: TokenExchangeAuthOptions) {
    const skewMs = (options.refreshSkewSeconds ?? 60) * 1000;
    this.cache = new TokenCache(options.fetchToken, options.clock ?? systemClock, skewMs);
  }

  async authorize(headers: Record<string, string>): Promise<void> {
    headers.authorization = `Bearer ${await this.cache.get()}`;
  }

  invalidate(): void {
    this.cache.invalidate();
  }
}

interface OAuthCommon {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Axios instance for the token endpoint (not the API client's: no auth, no base URL). */
  http: AxiosInstance;
  clock?: Clock;
  refreshSkewSeconds?: number;
  /** Names the system in errors. */
  system?: string;
}

export interface OAuthClientCredentialsOptions extends OAuthCommon {
  scope?: string;
  /** Client credentials in the form body (default; Jamf, Entra) or as an HTTP basic header. */
  clientAuth?: 'form' | 'basic';
}

const expiresAt = (clock: Clock, expiresIn: number | undefined): number =>
  clock.now() + (expiresIn ?? DEFAULT_TOKEN_LIFETIME_SECONDS) * 1000;

/** OAuth 2.0 client credentials grant (Jamf Pro API clients, Microsoft Entra apps). */
export class OAuthClientCredentials extends TokenExchangeAuth {
  constructor(options: OAuthClientCredentialsOptions) {
    const clock = options.clock ?? systemClock;
    const inBasic = options.clientAuth === 'basic';
    const form: Record<string, string> = { grant_type: 'client_credentials' };
    if (!inBasic)
      Object.assign(form, { client_id: options.clientId, client_secret: options.clientSecret });
    if (options.scope !== undefined) form.scope = options.scope;
    const fetchToken = async (): Promise<ExpiringToken> => {
      const res = await requestOAuthToken({
        http: options.http,
        tokenUrl: options.tokenUrl,
        form,
        basic: inBasic ? { user: options.clientId, pass: options.clientSecret } : undefined,
        secrets: [options.clientSecret],
        system: options.system,
      });
      return { token: res.access_token, expiresAt: expiresAt(clock, res.expires_in) };
    };
    super({ fetchToken, clock, refreshSkewSeconds: options.refreshSkewSeconds });
  }
}

export interface OAuthPasswordOptions extends OAuthCommon {
  username: string;
  password: string;
}

/**
 * OAuth 2.0 resource-owner password grant (ServiceNow `oauth_token.do`). Keeps the refresh token
 * and uses it for the next token; when the refresh grant fails, signs in with the password again.
 */
export class OAuthPassword extends TokenExchangeAuth {
  constructor(options: OAuthPasswordOptions) {
    const clock = options.clock ?? systemClock;
    const client = { client_id: options.clientId, client_secret: options.clientSecret };
    const secrets = [options.clientSecret, options.password];
    let refreshToken: string | null = null;
    const grant = async (form: Record<string, string>): Promise<ExpiringToken> => {
      const res = await requestOAuthToken({
        http: options.http,
        tokenUrl: options.tokenUrl,
        form: { ...form, ...client },
        secrets: refreshToken === null ? secrets : [...secrets, refreshToken],
        system: options.system,
      });
      refreshToken = res.refresh_token ?? refreshToken;
      return { token: res.access_token, expiresAt: expiresAt(clock, res.expires_in) };
    };
    const password = {
      grant_type: 'password',
      username: options.username,
      password: options.password,
    };
    const fetchToken = async (): Promise<ExpiringToken> => {
      if (refreshToken === null) return grant(password);
      try {
        return await grant({ grant_type: 'refresh_token', refresh_token: refreshToken });
      } catch {
        refreshToken = null;
        return grant(password);
      }
    };
    super({ fetchToken, clock, refreshSkewSeconds: options.refreshSkewSeconds });
  }
}

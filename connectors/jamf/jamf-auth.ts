import type { AxiosInstance } from 'axios';
import { z } from 'zod';
import type { ConnectorConfig } from '../../core/config/config-schema';
import type { ConnectorSecrets } from '../../core/config/secrets';
import { AssetbridgeError } from '../../core/errors';
import { authProviderFor } from '../../core/http/auth-from-config';
import { TokenExchangeAuth, type AuthProvider } from '../../core/http/auth-providers';
import type { Clock } from '../../core/http/http-client';
import { tryParseInstant } from '../../core/time/parse-instant';

const UserToken = z.object({ token: z.string().min(1), expires: z.string().min(1) });

/** Jamf user tokens live 30 minutes; used when `expires` cannot be read. */
const USER_TOKEN_FALLBACK_MS = 20 * 60_000;

export interface JamfAuthOptions {
  config: Pick<ConnectorConfig, 'name' | 'auth' | 'baseUrl'>;
  secrets: ConnectorSecrets;
  http: AxiosInstance;
  clock: Clock;
}

/**
 * Jamf Pro auth: an API client (`oauth_client_credentials` against `/api/oauth/token`) or a user
 * (`basic`, exchanged for a bearer token at `/api/v1/auth/token`). Both are cached and fetched
 * again shortly before expiry; the HTTP layer invalidates them once on a 401.
 */
export function jamfAuth(options: JamfAuthOptions): AuthProvider {
  const { config, secrets, http, clock } = options;
  const base = config.baseUrl.replace(/\/+$/, '');
  if (config.auth.kind === 'oauth_client_credentials') {
    return authProviderFor(config, secrets, {
      http,
      clock,
      defaultTokenUrl: `${base}/api/oauth/token`,
    });
  }
  if (config.auth.kind !== 'basic') {
    throw new AssetbridgeError(
      'CONFIG_INVALID',
      `connector ${config.name}: Jamf Pro takes auth kind oauth_client_credentials or basic, not ${config.auth.kind}`,
    );
  }
  const user = secretOf(config.name, secrets, 'username');
  const pass = secretOf(config.name, secrets, 'password');
  const basic = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
  return new TokenExchangeAuth({
    clock,
    fetchToken: async () => {
      const url = `${base}/api/v1/auth/token`;
      const res = await http.post<unknown>(url, undefined, { headers: { authorization: basic } });
      const parsed = UserToken.safeParse(res.data);
      if (res.status !== 200 || !parsed.success) {
        throw new AssetbridgeError(
          'VENDOR_AUTH',
          `${config.name}: POST ${url} failed with HTTP ${res.status}; check the Jamf user name and password`,
        );
      }
      const expires = tryParseInstant(parsed.data.expires);
      const expiresAt =
        expires === null ? clock.now() + USER_TOKEN_FALLBACK_MS : Date.parse(expires);
      return { token: parsed.data.token, expiresAt };
    },
  });
}

function secretOf(name: string, secrets: ConnectorSecrets, key: string): string {
  const value = secrets[key];
  if (value === undefined || value === '') {
    throw new AssetbridgeError(
      'CONFIG_INVALID',
      `connector ${name}: auth secret ${key} is empty (set the variable auth.${key}Env names)`,
    );
  }
  return value;
}

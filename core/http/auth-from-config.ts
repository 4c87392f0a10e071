import type { AxiosInstance } from 'axios';
import type { AuthConfig, ConnectorConfig } from '../config/config-schema';
import type { ConnectorSecrets } from '../config/secrets';
import { AssetbridgeError } from '../errors';
import {
  BasicAuth,
  BearerTokenAuth,
  OAuthClientCredentials,
  OAuthPassword,
  type AuthProvider,
} from './auth-providers';
import type { Clock } from './http-client';

export interface AuthFromConfigOptions {
  /** Axios instance for token endpoints (no base URL, no auth). */
  http: AxiosInstance;
  clock?: Clock;
  /** The connector's token endpoint when the config gives none (e.g. `{baseUrl}/api/oauth/token`). */
  defaultTokenUrl?: string;
  /** OAuth scope when the config gives none (Graph: `https://graph.microsoft.com/.default`). */
  defaultScope?: string;
}

/**
 * The auth provider a connector's auth block describes, built with its resolved secrets. A
 * connector with its own flow (Jamf basic → bearer) builds a `TokenExchangeAuth` instead.
 */
export function authProviderFor(
  connector: Pick<ConnectorConfig, 'name' | 'auth'>,
  secrets: ConnectorSecrets,
  options: AuthFromConfigOptions,
): AuthProvider {
  const auth: AuthConfig = connector.auth;
  const secret = (key: string): string => {
    const value = secrets[key];
    if (value === undefined || value === '') {
      throw new AssetbridgeError(
        'CONFIG_INVALID',
        `connector ${connector.name}: auth secret ${key} is empty (set the variable auth.${key}Env names)`,
      );
    }
    return value;
  };
  const common = () => ({
    tokenUrl: tokenUrlOf(connector.name, secrets.tokenUrl, options.defaultTokenUrl),
    clientId: secret('clientId'),
    clientSecret: secret('clientSecret'),
    http: options.http,
    clock: options.clock,
    system: connector.name,
  });
  switch (auth.kind) {
    case 'basic':
      return new BasicAuth(secret('username'), secret('password'));
    case 'api_token':
      return new BasicAuth(secret('email'), secret('token'));
    case 'bearer':
      return new BearerTokenAuth(secret('token'));
    case 'oauth_client_credentials':
      return new OAuthClientCredentials({ ...common(), scope: auth.scope ?? options.defaultScope });
    case 'oauth_password':
      return new OAuthPassword({
        ...common(),
        username: secret('username'),
        password: secret('password'),
      });
  }
}

function tokenUrlOf(name: string, configured: string | undefined, fallback: string | undefined) {
  const url = configured ?? fallback;
  if (url === undefined) {
    throw new AssetbridgeError(
      'CONFIG_INVALID',
      `connector ${name}: auth.tokenUrl is required (this connector type has no default)`,
    );
  }
  return url;
}

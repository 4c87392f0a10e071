/**
 * Jamf Pro authentication: OAuth client credentials (`/api/oauth/token` and `/api/v1/oauth/token`),
 * the Basic → bearer exchange (`/api/v1/auth/token`), keep-alive and invalidation, and the bearer
 * check in front of every other `/api` route. Expired or unknown tokens get Jamf's 401 body.
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Rng } from '../kit/rng';
import { sendUnauthorized } from './jamf-errors';
import type { JamfState, JamfToken } from './jamf-state';

export interface JamfAuthDeps {
  state: JamfState;
  rng: Rng;
  now: () => number;
}

function base64url(value: string): string {
  return Buffer.from(value, 'utf8').toString('base64url');
}

function issue(deps: JamfAuthDeps, kind: JamfToken['kind'], subject: string): [string, JamfToken] {
  const lifetime =
    kind === 'client'
      ? deps.state.config.tokenLifetimeSeconds
      : deps.state.config.userTokenLifetimeSeconds;
  const iat = Math.floor(deps.now() / 1000);
  const claims = {
    sub: subject,
    aud: subject,
    'subject-type': kind === 'client' ? 'REGISTERED_CLIENT_ID' : 'JSS_USER_ID',
    'authentication-type': kind === 'client' ? 'CLIENT_CREDENTIALS' : 'JSS',
    scope: kind === 'client' ? ['api-role:1'] : [],
    nbf: iat,
    iat,
    exp: iat + lifetime,
    'token-uuid': deps.rng.uuid(),
  };
  const jwt = [
    base64url(JSON.stringify({ alg: 'HS256' })),
    base64url(JSON.stringify(claims)),
    Buffer.from(deps.rng.hex(64), 'hex').toString('base64url'),
  ].join('.');
  const token: JamfToken = { kind, subject, expiresAtMs: deps.now() + lifetime * 1000 };
  deps.state.tokens.set(jwt, token);
  return [jwt, token];
}

function oauthError(res: Response, status: number, error: string, description: string): void {
  res.status(status).json({ error, error_description: description });
}

function oauthToken(deps: JamfAuthDeps) {
  return (req: Request, res: Response): void => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const config = deps.state.config;
    if (body.grant_type === undefined) {
      oauthError(res, 400, 'invalid_request', 'OAuth 2.0 Parameter: grant_type');
      return;
    }
    if (body.grant_type !== 'client_credentials') {
      oauthError(res, 400, 'unsupported_grant_type', 'OAuth 2.0 Parameter: grant_type');
      return;
    }
    if (body.client_id !== config.clientId || body.client_secret !== config.clientSecret) {
      oauthError(res, 401, 'invalid_client', 'Client authentication failed');
      return;
    }
    if (body.scope !== undefined && body.scope !== 'api-role:1') {
      oauthError(res, 400, 'invalid_scope', 'OAuth 2.0 Parameter: scope');
      return;
    }
    const [accessToken] = issue(deps, 'client', config.clientId);
    res.json({
      access_token: accessToken,
      scope: 'api-role:1',
      token_type: 'Bearer',
      expires_in: config.tokenLifetimeSeconds - 1,
    });
  };
}

function basicCredentials(req: Request): [string, string] | null {
  const header = req.get('authorization') ?? '';
  const match = /^Basic\s+(.+)$/i.exec(header);
  if (!match) return null;
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : [decoded.slice(0, colon), decoded.slice(colon + 1)];
}

function userToken(deps: JamfAuthDeps, res: Response, username: string): void {
  const [token, info] = issue(deps, 'user', username);
  res.json({ token, expires: new Date(info.expiresAtMs).toISOString() });
}

function bearerToken(req: Request): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
  return match ? (match[1] as string) : null;
}

/** The valid token for this request, or null (expired tokens are dropped). */
export function currentToken(deps: JamfAuthDeps, req: Request): [string, JamfToken] | null {
  const raw = bearerToken(req);
  if (raw === null) return null;
  const token = deps.state.tokens.get(raw);
  if (!token) return null;
  if (token.expiresAtMs <= deps.now()) {
    deps.state.tokens.delete(raw);
    return null;
  }
  return [raw, token];
}

/** Token routes; mount at `/api` before the bearer check. */
export function createJamfAuthRouter(deps: JamfAuthDeps): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false });
  router.post('/oauth/token', form, oauthToken(deps));
  router.post('/v1/oauth/token', form, oauthToken(deps));
  router.post('/v1/auth/token', (req, res) => {
    const creds = basicCredentials(req);
    const config = deps.state.config;
    if (!creds || creds[0] !== config.username || creds[1] !== config.password) {
      sendUnauthorized(res);
      return;
    }
    userToken(deps, res, creds[0]);
  });
  router.post('/v1/auth/keep-alive', (req, res) => {
    const current = currentToken(deps, req);
    if (!current || current[1].kind !== 'user') {
      sendUnauthorized(res);
      return;
    }
    deps.state.tokens.delete(current[0]);
    userToken(deps, res, current[1].subject);
  });
  router.post('/v1/auth/invalidate-token', (req, res) => {
    const current = currentToken(deps, req);
    if (!current) {
      sendUnauthorized(res);
      return;
    }
    deps.state.tokens.delete(current[0]);
    res.status(204).end();
  });
  return router;
}

/** Rejects `/api` calls without a valid bearer token. */
export function requireJamfBearer(deps: JamfAuthDeps) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (currentToken(deps, req)) next();
    else sendUnauthorized(res);
  };
}

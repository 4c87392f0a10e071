import express, { Router } from 'express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { sendNotAuthenticated } from './sn-errors';
import type { ServiceNowState } from './servicenow-state';

/** The authenticated user name, set by the auth middleware. */
export function currentUser(res: Response): string {
  const user: unknown = res.locals.snUser;
  return typeof user === 'string' ? user : 'guest';
}

function basicUser(state: ServiceNowState, credentials: string): string | null {
  const decoded = Buffer.from(credentials, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  const user = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  return state.users[user] !== undefined && state.users[user] === password ? user : null;
}

function bearerUser(state: ServiceNowState, token: string): string | null {
  const info = state.tokens.get(token);
  if (!info || info.kind !== 'access') return null;
  if (state.clock().getTime() >= info.expiresAtMs) {
    state.tokens.delete(token);
    return null;
  }
  return info.user;
}

/** Basic auth against the configured users, or a live OAuth access token. */
export function authMiddleware(state: ServiceNowState): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const header = req.headers.authorization ?? '';
    const [scheme, value] = header.split(' ', 2);
    let user: string | null = null;
    if (scheme?.toLowerCase() === 'basic' && value) user = basicUser(state, value);
    if (scheme?.toLowerCase() === 'bearer' && value) user = bearerUser(state, value);
    if (!user) {
      sendNotAuthenticated(res);
      return;
    }
    res.locals.snUser = user;
    next();
  };
}

interface TokenGrant {
  user: string;
  clientId: string;
  refresh: boolean;
}

function deny(res: Response): void {
  res.status(401).json({ error_description: 'access_denied', error: 'server_error' });
}

function field(body: Record<string, unknown>, name: string): string {
  const v = body[name];
  return typeof v === 'string' ? v : '';
}

function grantFor(state: ServiceNowState, body: Record<string, unknown>): TokenGrant | null {
  const clientId = field(body, 'client_id');
  const client = state.oauthClients[clientId];
  if (!client || client.secret !== field(body, 'client_secret')) return null;
  switch (field(body, 'grant_type')) {
    case 'password': {
      const user = field(body, 'username');
      const ok = state.users[user] !== undefined && state.users[user] === field(body, 'password');
      return ok ? { user, clientId, refresh: true } : null;
    }
    case 'client_credentials':
      return client.user ? { user: client.user, clientId, refresh: false } : null;
    case 'refresh_token': {
      const token = state.tokens.get(field(body, 'refresh_token'));
      const live = token?.kind === 'refresh' && token.expiresAtMs > state.clock().getTime();
      return live && token.clientId === clientId
        ? { user: token.user, clientId, refresh: true }
        : null;
    }
    default:
      return null;
  }
}

/** `POST /oauth_token.do` (form-encoded): password, client_credentials and refresh_token grants. */
export function oauthRouter(state: ServiceNowState): Router {
  const router = Router();
  router.post('/oauth_token.do', express.urlencoded({ extended: false }), (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const grant = grantFor(state, body);
    if (!grant) {
      deny(res);
      return;
    }
    const now = state.clock().getTime();
    const access = state.rng.hex(86);
    state.tokens.set(access, {
      kind: 'access',
      user: grant.user,
      clientId: grant.clientId,
      expiresAtMs: now + state.tokenLifetimeSeconds * 1000,
    });
    const answer: Record<string, string | number> = {
      access_token: access,
      scope: 'useraccount',
      token_type: 'Bearer',
      expires_in: state.tokenLifetimeSeconds,
    };
    if (grant.refresh) {
      const refresh = state.rng.hex(86);
      state.tokens.set(refresh, {
        kind: 'refresh',
        user: grant.user,
        clientId: grant.clientId,
        expiresAtMs: now + state.refreshTokenLifetimeSeconds * 1000,
      });
      answer.refresh_token = refresh;
    }
    res.json(answer);
  });
  return router;
}

/**
 * The Entra ID v2.0 client-credentials token endpoint, `POST /{tenant}/oauth2/v2.0/token`
 * (form body; client secret in the body or as HTTP Basic), answering Entra's token or error body.
 */
import express, { type Request, type Response, type Router } from 'express';
import type { Rng } from '../kit/rng';
import { sendEntraError } from './graph-errors';
import type { IntuneState } from './intune-state';

export interface EntraDeps {
  state: IntuneState;
  rng: Rng;
  now: () => number;
}

const GRAPH_DEFAULT_SCOPE = 'https://graph.microsoft.com/.default';

function credentials(req: Request, body: Record<string, unknown>): [unknown, unknown] {
  const match = /^Basic\s+(.+)$/i.exec(req.get('authorization') ?? '');
  if (match) {
    const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return [
      decodeURIComponent(decoded.slice(0, colon)),
      decodeURIComponent(decoded.slice(colon + 1)),
    ];
  }
  return [body.client_id, body.client_secret];
}

function base64url(value: string): string {
  return Buffer.from(value, 'utf8').toString('base64url');
}

function accessToken(deps: EntraDeps, appId: string, lifetime: number): string {
  const iat = Math.floor(deps.now() / 1000);
  const claims = {
    aud: 'https://graph.microsoft.com',
    iss: `https://sts.windows.net/${deps.state.config.tenantId}/`,
    iat,
    nbf: iat,
    exp: iat + lifetime,
    appid: appId,
    roles: ['DeviceManagementManagedDevices.ReadWrite.All'],
    tid: deps.state.config.tenantId,
    uti: deps.rng.hex(22),
  };
  const header = { typ: 'JWT', alg: 'RS256', kid: deps.rng.hex(16) };
  const signature = Buffer.from(deps.rng.hex(128), 'hex').toString('base64url');
  return `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}.${signature}`;
}

function tokenHandler(deps: EntraDeps) {
  return (req: Request, res: Response): void => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const config = deps.state.config;
    const fail = (status: number, error: string, code: number, text: string): void =>
      sendEntraError(deps, res, status, error, code, text);
    if (req.params.tenant !== config.tenantId) {
      fail(400, 'invalid_request', 90002, `Tenant '${String(req.params.tenant)}' not found.`);
      return;
    }
    if (body.grant_type === undefined) {
      fail(
        400,
        'invalid_request',
        900144,
        "The request body must contain the following parameter: 'grant_type'.",
      );
      return;
    }
    if (body.grant_type !== 'client_credentials') {
      fail(400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.');
      return;
    }
    const [clientId, secret] = credentials(req, body);
    if (clientId !== config.clientId) {
      fail(
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${String(clientId)}' was not found in the directory.`,
      );
      return;
    }
    if (secret !== config.clientSecret) {
      fail(
        401,
        'invalid_client',
        7000215,
        'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.',
      );
      return;
    }
    if (body.scope !== GRAPH_DEFAULT_SCOPE) {
      fail(
        400,
        'invalid_scope',
        1002012,
        `The provided value for scope ${String(body.scope)} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.`,
      );
      return;
    }
    const lifetime = config.tokenLifetimeSeconds;
    const token = accessToken(deps, config.clientId, lifetime);
    deps.state.tokens.set(token, {
      appId: config.clientId,
      expiresAtMs: deps.now() + lifetime * 1000,
    });
    res.json({
      token_type: 'Bearer',
      expires_in: lifetime,
      ext_expires_in: lifetime,
      access_token: token,
    });
  };
}

export function createEntraTokenRouter(deps: EntraDeps): Router {
  const router = express.Router();
  router.post(
    '/:tenant/oauth2/v2.0/token',
    express.urlencoded({ extended: false }),
    tokenHandler(deps),
  );
  return router;
}

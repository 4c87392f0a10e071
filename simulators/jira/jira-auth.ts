/** Basic authentication with an Atlassian account e-mail and API token. */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { sendError } from './jira-errors';

export interface Credentials {
  email: string;
  apiToken: string;
}

/** Parses `Authorization: Basic base64(email:token)`; null when absent or malformed. */
export function parseBasic(header: string | undefined): Credentials | null {
  if (!header) return null;
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) return null;
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { email: decoded.slice(0, colon), apiToken: decoded.slice(colon + 1) };
}

export function basicAuth(expected: () => Credentials): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const given = parseBasic(req.get('authorization'));
    const want = expected();
    if (
      given &&
      given.email.toLowerCase() === want.email.toLowerCase() &&
      given.apiToken === want.apiToken
    ) {
      next();
      return;
    }
    sendError(req, res, 401, 'Client must be authenticated to access this resource.');
  };
}

import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';

/** Every error answer of the runtime has this shape; never a stack trace. */
export interface ErrorBody {
  error: string;
}

export function sendError(res: Response, status: number, message: string): void {
  const body: ErrorBody = { error: message };
  res.status(status).json(body);
}

/** A body-parser failure (too large, aborted, bad encoding), as status and reason. */
export interface BodyError {
  status: number;
  type: string;
  message: string;
}

export function asBodyError(err: unknown): BodyError | null {
  if (typeof err !== 'object' || err === null) return null;
  const { status, type, message } = err as { status?: unknown; type?: unknown; message?: unknown };
  if (typeof status !== 'number' || typeof type !== 'string' || status < 400 || status >= 500) {
    return null;
  }
  return { status, type, message: typeof message === 'string' ? message : type };
}

/** JSON 404 for any route nothing else answered. */
export function notFound(): RequestHandler {
  return (req, res) => sendError(res, 404, `no route for ${req.method} ${req.path}`);
}

/** Last error handler: client errors keep their reason, anything else is a logged 500. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const body = asBodyError(err);
    if (body !== null) {
      sendError(res, body.status, `bad request body: ${body.message}`);
      return;
    }
    logger.error({ err, method: req.method, path: req.path }, 'request failed');
    if (res.headersSent) {
      res.end();
      return;
    }
    sendError(res, 500, 'internal error; see the server log');
  };
}

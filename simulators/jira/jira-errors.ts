/**
 * Error envelopes: Jira and Assets answer `{errorMessages: [], errors: {}}`, the JSM API answers
 * `{errorMessage, i18nErrorMessage: {i18nKey, parameters}}`. Also the 404 and error handlers.
 */
import type { NextFunction, Request, Response } from 'express';
import { isBodyTooLargeError, isJsonParseError } from '../kit/json-errors';

/** Thrown by route code; rendered by the error handler in the envelope of the path's API. */
export class VendorError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: Record<string, string> = {},
    readonly errorMessages: string[] = message ? [message] : [],
  ) {
    super(message || Object.values(errors).join('; '));
  }
}

const STATUS_TEXT: Record<number, string> = {
  400: 'The request is not valid.',
  401: 'Client must be authenticated to access this resource.',
  403: 'You do not have permission to perform this operation.',
  404: 'The requested resource does not exist.',
  409: 'The request conflicts with the current state of the resource.',
  413: 'The request body is too large.',
  429: 'Rate limit exceeded.',
  500: 'Internal server error.',
  502: 'Bad gateway.',
  503: 'Service unavailable. Please try again later.',
  504: 'Gateway timeout.',
};

export function defaultMessage(status: number): string {
  return STATUS_TEXT[status] ?? `HTTP ${status}`;
}

export function isServiceDeskPath(path: string): boolean {
  return path.startsWith('/rest/servicedeskapi');
}

export function sendError(
  req: Request,
  res: Response,
  status: number,
  message: string,
  errors: Record<string, string> = {},
  errorMessages: string[] = message ? [message] : [],
): void {
  if (isServiceDeskPath(req.path)) {
    res.status(status).json({
      errorMessage: message || Object.values(errors).join('; ') || defaultMessage(status),
      i18nErrorMessage: { i18nKey: `sd.error.http.${status}`, parameters: [] },
    });
    return;
  }
  res.status(status).json({ errorMessages, errors });
}

/** For the fault injector: the vendor's own error body, with `Retry-After` when given. */
export function respondError(
  status: number,
  req: Request,
  res: Response,
  retryAfterSeconds?: number,
): void {
  if (retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(retryAfterSeconds));
  if (status === 429) res.setHeader('RateLimit-Reason', 'jira-burst-based');
  sendError(req, res, status, defaultMessage(status));
}

export function notFoundHandler(req: Request, res: Response): void {
  sendError(
    req,
    res,
    404,
    `null for uri: ${req.protocol}://${req.get('host') ?? ''}${req.originalUrl}`,
  );
}

export function errorHandler(
  error: unknown,
  req: Request,
  res: Response,
  next: NextFunction,
): void {
  if (res.headersSent) {
    next(error);
    return;
  }
  if (error instanceof VendorError) {
    sendError(req, res, error.status, error.message, error.errors, error.errorMessages);
  } else if (isJsonParseError(error)) {
    const detail = error instanceof Error ? error.message : 'malformed JSON';
    sendError(req, res, 400, `Unexpected character in the JSON request body: ${detail}`);
  } else if (isBodyTooLargeError(error)) {
    sendError(req, res, 413, defaultMessage(413));
  } else {
    sendError(req, res, 500, defaultMessage(500));
  }
}

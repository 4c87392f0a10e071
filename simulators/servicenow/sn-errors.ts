import type { NextFunction, Request, Response } from 'express';
import { isBodyTooLargeError, isJsonParseError } from '../kit/json-errors';

/** `{"error":{"message","detail"},"status":"failure"}`, the platform's REST error envelope. */
export interface SnErrorBody {
  error: { message: string; detail: string | null };
  status: 'failure';
}

export function snErrorBody(message: string, detail: string | null): SnErrorBody {
  return { error: { message, detail }, status: 'failure' };
}

export function sendSnError(
  res: Response,
  status: number,
  message: string,
  detail: string | null,
): void {
  res.status(status).json(snErrorBody(message, detail));
}

export const NOT_AUTHENTICATED = ['User Not Authenticated', 'Required to provide Auth information'];

export function sendNotAuthenticated(res: Response): void {
  res.setHeader('WWW-Authenticate', 'BASIC realm="Service-now"');
  sendSnError(res, 401, NOT_AUTHENTICATED[0], NOT_AUTHENTICATED[1]);
}

export function sendNoRecord(res: Response): void {
  sendSnError(
    res,
    404,
    'No Record found',
    "Record doesn't exist or ACL restricts the record retrieval",
  );
}

export function sendInvalidTable(res: Response, table: string): void {
  sendSnError(res, 400, `Invalid table ${table}`, `Table ${table} does not exist`);
}

const FAULT_BODIES: Record<number, [string, string | null]> = {
  400: ['Bad Request', null],
  401: [NOT_AUTHENTICATED[0], NOT_AUTHENTICATED[1]],
  403: ['Insufficient rights to query records', null],
  404: ['No Record found', "Record doesn't exist or ACL restricts the record retrieval"],
  429: ['Rate limit exceeded', 'Rate limit of 100 requests per hour for Table API exceeded'],
  500: [
    'Transaction cancelled: maximum execution time exceeded',
    'Check logs for error trace or enable glide.rest.debug property to verify REST request processing',
  ],
};

/** The fault injector's error writer: the platform envelope for any status. */
export function respondSnError(
  status: number,
  _req: Request,
  res: Response,
  retryAfterSeconds?: number,
): void {
  if (retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(retryAfterSeconds));
  const [message, detail] = FAULT_BODIES[status] ?? [`HTTP ${status}`, null];
  sendSnError(res, status, message, detail);
}

/** Unknown REST resources. */
export function snNotFoundHandler(_req: Request, res: Response): void {
  sendSnError(res, 400, 'Requested URI does not represent any resource', null);
}

/** Bad JSON and unexpected failures, in the platform envelope (never an HTML page). */
export function snErrorHandler(
  error: unknown,
  _req: Request,
  res: Response,
  next: NextFunction,
): void {
  if (res.headersSent) {
    next(error);
    return;
  }
  if (isJsonParseError(error)) {
    sendSnError(res, 400, 'Exception while reading request', 'The payload is not valid JSON.');
    return;
  }
  if (isBodyTooLargeError(error)) {
    sendSnError(res, 413, 'Request entity too large', 'The request body exceeds the size limit.');
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  sendSnError(res, 500, 'Internal server error', message);
}

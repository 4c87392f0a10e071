/**
 * Jamf Pro API error bodies. The Jamf Pro API answers errors with its `ApiError` envelope
 * (`{httpStatus, errors:[{code, description, id, field}]}`); the OAuth token endpoint uses the
 * RFC 6749 shape instead, and the Jamf Cloud edge answers quota violations in its gateway shape.
 */
import type { Response } from 'express';

export interface JamfApiErrorCause {
  code: string;
  description: string;
  id: string;
  field: string;
}

export interface JamfApiError {
  httpStatus: number;
  errors: JamfApiErrorCause[];
}

/** Thrown by request handlers; the simulator's error handler renders it as an `ApiError`. */
export class JamfHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    description: string,
    readonly field = '',
    readonly objectId = '0',
  ) {
    super(description);
  }
}

export function apiError(
  status: number,
  code: string,
  description: string,
  field = '',
  id = '0',
): JamfApiError {
  return { httpStatus: status, errors: [{ code, description, id, field }] };
}

export function sendApiError(res: Response, error: JamfHttpError): void {
  res
    .status(error.status)
    .json(apiError(error.status, error.code, error.message, error.field, error.objectId));
}

/** 401 as Jamf Pro sends it for a missing, unknown or expired bearer token: no error causes. */
export function sendUnauthorized(res: Response): void {
  res.status(401).json({ httpStatus: 401, errors: [] });
}

/** The body the Jamf Cloud edge sends when a quota or concurrency policy rejects a call. */
export function quotaViolationBody(): Record<string, unknown> {
  return {
    fault: {
      faultstring: 'Rate limit quota violation. Quota limit exceeded.',
      detail: { errorcode: 'policies.ratelimit.QuotaViolation' },
    },
  };
}

export function notFound(kind: string, id: string): JamfHttpError {
  return new JamfHttpError(404, 'INVALID_ID', `${kind} with id ${id} not found`, 'id', id);
}

/**
 * Microsoft Graph and Entra ID error bodies. Graph: `{error:{code, message, innerError:{date,
 * request-id, client-request-id}}}`; the Entra token endpoint: `{error, error_description,
 * error_codes, timestamp, trace_id, correlation_id, error_uri}`.
 */
import type { Request, Response } from 'express';
import type { Rng } from '../kit/rng';

/** Thrown by Graph handlers; the simulator's error handler renders it. */
export class GraphHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface GraphErrorContext {
  rng: Rng;
  now: () => number;
}

function graphDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

/** Writes a Graph error body, with the request-id headers Graph sends on every answer. */
export function sendGraphError(
  ctx: GraphErrorContext,
  req: Request,
  res: Response,
  error: GraphHttpError,
): void {
  const requestId = ctx.rng.uuid();
  const clientRequestId = req.get('client-request-id') ?? requestId;
  res.setHeader('request-id', requestId);
  res.setHeader('client-request-id', clientRequestId);
  res.status(error.status).json({
    error: {
      code: error.code,
      message: error.message,
      innerError: {
        date: graphDate(ctx.now()),
        'request-id': requestId,
        'client-request-id': clientRequestId,
      },
    },
  });
}

/** Entra ID token-endpoint error, e.g. AADSTS7000215 for a wrong client secret. */
export function sendEntraError(
  ctx: GraphErrorContext,
  res: Response,
  status: number,
  error: string,
  aadsts: number,
  description: string,
): void {
  const traceId = ctx.rng.uuid();
  const correlationId = ctx.rng.uuid();
  const timestamp = `${new Date(ctx.now()).toISOString().slice(0, 19).replace('T', ' ')}Z`;
  res.status(status).json({
    error,
    error_description: `AADSTS${aadsts}: ${description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [aadsts],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${aadsts}`,
  });
}

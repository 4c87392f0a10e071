import { isAxiosError } from 'axios';

/**
 * A network-level failure, reduced to its code and message. Used as the `cause` of our errors
 * instead of the AxiosError, whose `config` carries the request headers (credentials included).
 */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

export type TransportKind = 'not-sent' | 'maybe-sent' | 'fatal' | 'aborted';

export interface ClassifiedTransportError {
  kind: TransportKind;
  /** `ECONNRESET: socket hang up`, `ECONNABORTED: timeout of 100ms exceeded`, ... */
  reason: string;
  cause: TransportError;
}

/** Errors raised before any byte of the request left: safe to resend any method. */
const NOT_SENT = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN']);
/** Errors a resend cannot cure. */
const FATAL = new Set([
  'ENOTFOUND',
  'ERR_INVALID_URL',
  'ERR_BAD_OPTION',
  'ERR_BAD_OPTION_VALUE',
  'ERR_NOT_SUPPORT',
  'ERR_FR_TOO_MANY_REDIRECTS',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function codeOf(err: Error): string | undefined {
  const own = (err as { code?: unknown }).code;
  if (typeof own === 'string') return own;
  const cause = (err as { cause?: unknown }).cause;
  const inner = cause instanceof Error ? (cause as { code?: unknown }).code : undefined;
  return typeof inner === 'string' ? inner : undefined;
}

/**
 * Classifies an error thrown by axios. Returns null for anything that is not an AxiosError (our
 * own errors, programming errors), which the caller rethrows unchanged. Everything not known to
 * be safe or fatal counts as "may have been sent" (connection reset, socket hang up, timeout,
 * body cut short).
 */
export function classifyTransportError(err: unknown): ClassifiedTransportError | null {
  if (!isAxiosError(err)) return null;
  const code = codeOf(err);
  const message = err.message === '' ? 'no response' : err.message;
  const reason = code === undefined || message.includes(code) ? message : `${code}: ${message}`;
  const cause = new TransportError(reason, code);
  if (code === 'ERR_CANCELED') return { kind: 'aborted', reason, cause };
  if (code !== undefined && NOT_SENT.has(code)) return { kind: 'not-sent', reason, cause };
  if (code !== undefined && FATAL.has(code)) return { kind: 'fatal', reason, cause };
  return { kind: 'maybe-sent', reason, cause };
}

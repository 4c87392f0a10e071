import { AssetbridgeError, type ErrorCode } from '../errors';
import { redactUrl } from './redact';

/** Longest body kept on an error. */
export const MAX_ERROR_BODY = 2048;
const MAX_VENDOR_MESSAGE = 500;

export interface VendorHttpErrorInit {
  /** Connector instance name, e.g. `jamf-prod`. */
  system: string;
  method: string;
  /** Full request URL; stored and shown with sensitive query values redacted. */
  url: string;
  /** HTTP status, or `null` when no response came (connection reset, timeout, ...). */
  status: number | null;
  /** Raw response body text, if any. */
  body?: string;
  /** Whether the failure is transient (a later attempt might succeed). */
  retryable: boolean;
  attempts: number;
  /** What went wrong, in words, when there is no status (e.g. `ECONNRESET: socket hang up`). */
  reason?: string;
  /** Sentence put before the standard description, e.g. `gave up after 5 attempts`. */
  prefix?: string;
  cause?: unknown;
}

/** A failed request to a vendor API. Never holds a credential: the URL and body are sanitised. */
export class VendorHttpError extends AssetbridgeError {
  readonly system: string;
  readonly status: number | null;
  readonly method: string;
  readonly url: string;
  readonly vendorMessage: string | null;
  readonly body: string | null;
  readonly retryable: boolean;
  readonly attempts: number;

  constructor(code: ErrorCode, init: VendorHttpErrorInit) {
    const url = redactUrl(init.url);
    const vendorMessage = init.body === undefined ? null : extractVendorMessage(init.body);
    super(code, describe(init, url, vendorMessage), {
      cause: init.cause,
      details: { system: init.system, method: init.method, url, status: init.status },
    });
    this.name = 'VendorHttpError';
    this.system = init.system;
    this.status = init.status;
    this.method = init.method;
    this.url = url;
    this.vendorMessage = vendorMessage;
    this.body = init.body === undefined ? null : truncate(init.body, MAX_ERROR_BODY);
    this.retryable = init.retryable;
    this.attempts = init.attempts;
  }
}

function describe(init: VendorHttpErrorInit, url: string, vendorMessage: string | null): string {
  const what = init.status === null ? (init.reason ?? 'no response') : `HTTP ${init.status}`;
  const said = vendorMessage === null || vendorMessage === '' ? '' : `: ${vendorMessage}`;
  const prefix = init.prefix === undefined ? '' : `${init.prefix}; `;
  return `${init.system}: ${prefix}${init.method} ${url} failed with ${what}${said}`;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…[truncated ${text.length - max} chars]`;
}

/**
 * Whether an error should stop the whole run (bad credentials, a quota exhausted for longer than
 * we wait) rather than fail only the record it happened on.
 */
export function failsRun(err: unknown): boolean {
  return (
    err instanceof AssetbridgeError && (err.code === 'VENDOR_AUTH' || err.code === 'RATE_LIMITED')
  );
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

/**
 * The human message in a vendor error body: ServiceNow `{error:{message,detail}}`, Graph
 * `{error:{code,message}}`, Jira `{errorMessages,errors}`, JSM `{errorMessage}`, Jamf
 * `{errors:[{code,description}]}`, OAuth `{error,error_description}`, `{message}`, or plain text.
 */
export function extractVendorMessage(body: string): string | null {
  const text = body.trim();
  if (text === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return truncate(plainText(text), MAX_VENDOR_MESSAGE);
  }
  const found = isRecord(parsed) ? fromEnvelope(parsed) : null;
  return truncate(found ?? text.replace(/\s+/g, ' '), MAX_VENDOR_MESSAGE);
}

function plainText(text: string): string {
  const title = /<title>([^<]*)<\/title>/i.exec(text);
  if (title?.[1] !== undefined && title[1].trim() !== '') return title[1].trim();
  return text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function fromEnvelope(o: Record<string, unknown>): string | null {
  return (
    fromErrorObject(o.error) ??
    fromOAuth(o) ??
    fromJira(o) ??
    fromJamf(o.errors) ??
    str(o.errorMessage) ??
    str(o.message) ??
    str(o.detail)
  );
}

/** ServiceNow `{message, detail}` or Graph `{code, message}` under `error`. */
function fromErrorObject(error: unknown): string | null {
  if (!isRecord(error)) return null;
  const message = str(error.message);
  const detail = str(error.detail);
  const code = str(error.code);
  if (message !== null && detail !== null) return `${message} (${detail})`;
  if (message !== null && code !== null) return `${code}: ${message}`;
  return message ?? code;
}

function fromOAuth(o: Record<string, unknown>): string | null {
  const error = str(o.error);
  if (error === null) return null;
  const description = str(o.error_description);
  return description === null ? error : `${error}: ${description}`;
}

function fromJira(o: Record<string, unknown>): string | null {
  if (!Array.isArray(o.errorMessages) && !isRecord(o.errors)) return null;
  const messages = Array.isArray(o.errorMessages)
    ? o.errorMessages.filter((m): m is string => typeof m === 'string')
    : [];
  const fields = isRecord(o.errors)
    ? Object.entries(o.errors).map(([field, msg]) => `${field}: ${String(msg)}`)
    : [];
  const all = [...messages, ...fields];
  return all.length === 0 ? null : all.join('; ');
}

function fromJamf(errors: unknown): string | null {
  if (!Array.isArray(errors)) return null;
  const parts = errors.filter(isRecord).map((e) => {
    const description = str(e.description) ?? str(e.message);
    const code = str(e.code);
    const field = str(e.field);
    const head = [code, field === null ? null : `(${field})`].filter((x) => x !== null).join(' ');
    if (description === null) return head;
    return head === '' ? description : `${head}: ${description}`;
  });
  const nonEmpty = parts.filter((p) => p !== '');
  return nonEmpty.length === 0 ? null : nonEmpty.join('; ');
}

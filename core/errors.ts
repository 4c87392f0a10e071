/**
 * One registry of stable error codes. Code branches on `code`, never on message text.
 */
export const ERROR_CODES = {
  CONFIG_INVALID: 'a configuration file is invalid',
  MAPPING_INVALID: 'a mapping file is invalid',
  USAGE: 'the command line is wrong',
  LIFECYCLE_TRANSITION: 'a lifecycle transition is not allowed',
  RECORD_INVALID: 'an incoming record is invalid',
  IDENTITY_CONFLICT: 'identity resolution found a conflict',
  STORE: 'the store failed',
  STORE_NOT_FOUND: 'an asset or record was not found',
  STORE_MISSING: 'the store does not exist yet: nothing was imported or synced into it',
  IMPORT_FILE: 'an import file cannot be read',
  DISPOSAL_INVALID: 'a disposal record states something impossible (a date, the approver)',
  TIMESTAMP_INVALID: 'a timestamp cannot be parsed',
  VENDOR_HTTP: 'a vendor API answered with an error status',
  VENDOR_AUTH: 'a vendor API rejected the credentials or the token request failed',
  VENDOR_UNREACHABLE: 'a vendor API could not be reached',
  RATE_LIMITED: 'a vendor API asked to wait longer than allowed',
  RETRIES_EXHAUSTED: 'a request to a vendor API failed on every attempt',
  WRITE_OUTCOME_UNKNOWN: 'a write may have reached the vendor; look the record up before retrying',
  REQUEST_ABORTED: 'a request to a vendor API was cancelled by its caller',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface AssetbridgeErrorOptions {
  cause?: unknown;
  /** Structured details that help the user fix the problem (file, line, field, ...). */
  details?: Record<string, unknown>;
}

export class AssetbridgeError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: AssetbridgeErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AssetbridgeError';
    this.code = code;
    this.details = options.details ?? {};
  }
}

export function isAssetbridgeError(err: unknown, code?: ErrorCode): err is AssetbridgeError {
  return err instanceof AssetbridgeError && (code === undefined || err.code === code);
}

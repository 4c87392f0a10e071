import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** Paths pino removes at every level: credentials never reach a log line. */
export const REDACT_PATHS = [
  'password',
  'secret',
  'token',
  'accessToken',
  'refreshToken',
  'clientSecret',
  'apiToken',
  'authorization',
  '*.password',
  '*.secret',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.clientSecret',
  '*.apiToken',
  '*.authorization',
  'headers.authorization',
  'headers.cookie',
  '*.headers.authorization',
  '*.headers.cookie',
  'config.auth',
  '*.auth',
];

export interface LoggerOptions {
  level?: string;
  /** Where lines go; stderr by default so that stdout stays for command output. */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      name: 'assetbridge',
      level: options.level ?? process.env.ASSETBRIDGE_LOG_LEVEL ?? 'warn',
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: undefined,
    },
    options.destination ?? pino.destination(2),
  );
}

/** A logger that drops everything, for tests and library callers that pass none. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

import axios from 'axios';
import nock from 'nock';
import { AxiosHttpClient, type AxiosHttpClientOptions } from '../../../core/http/axios-http-client';
import type { Clock } from '../../../core/http/http-client';
import { RequestStats } from '../../../core/http/request-stats';
import { RetryPolicy } from '../../../core/http/retry-policy';
import { createLogger, type Logger } from '../../../core/logging/logger';

export const BASE = 'https://vendor.example.test';

/** A clock that only moves when the fake sleep is called. */
export class FakeClock implements Clock {
  constructor(public t = Date.parse('2026-06-01T12:00:00.000Z')) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

/** A sleep that returns at once, records each wait and moves the fake clock. */
export function recordingSleep(clock: FakeClock) {
  const waits: number[] = [];
  const sleep = async (ms: number, signal?: AbortSignal): Promise<void> => {
    if (signal?.aborted === true) throw new Error('aborted');
    waits.push(ms);
    clock.advance(ms);
  };
  return { waits, sleep };
}

/** A debug-level logger whose lines are kept as text and as parsed objects. */
export function captureLogger(): {
  logger: Logger;
  lines: string[];
  records: () => Record<string, unknown>[];
} {
  const lines: string[] = [];
  const logger = createLogger({
    level: 'debug',
    destination: { write: (s: string) => lines.push(s) },
  });
  const records = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  return { logger, lines, records };
}

export interface TestClient {
  client: AxiosHttpClient;
  clock: FakeClock;
  waits: number[];
  stats: RequestStats;
  log: ReturnType<typeof captureLogger>;
}

/** A client on BASE with a fake clock, instant sleep, random fixed at 0.5 and a captured log. */
export function testClient(options: Partial<AxiosHttpClientOptions> = {}): TestClient {
  const clock = new FakeClock();
  const { waits, sleep } = recordingSleep(clock);
  const stats = new RequestStats();
  const log = captureLogger();
  const client = new AxiosHttpClient({
    system: 'vendor-test',
    axios: axios.create({ baseURL: BASE }),
    logger: log.logger,
    retry: new RetryPolicy({ random: () => 0.5 }),
    stats,
    clock,
    sleep,
    timeoutMs: 5000,
    ...options,
  });
  return { client, clock, waits, stats, log };
}

/** The rejection of a promise, failing the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

/**
 * nock set-up for a test file: no real network (127.0.0.1 allowed for local servers), no mock
 * left pending after a test, and `nock.restore()` at the end. Without the restore, nock's
 * interceptor stays on Node's shared `http` module for the next test file in the same jest
 * worker, and `replyWithError` there fails with an unhandled socket error.
 */
export function useNock(): void {
  beforeAll(() => {
    if (!nock.isActive()) nock.activate();
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(pending).toEqual([]);
  });
  afterAll(() => {
    nock.enableNetConnect();
    nock.restore();
  });
}

/** nock 14 needs an Error instance in `replyWithError`: a plain object never reaches axios. */
export function netError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

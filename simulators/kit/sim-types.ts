/**
 * The contract every vendor simulator follows. Simulators know only their vendor's wire format:
 * they import nothing from `core/`, `connectors/` or `cli/`.
 */
import type { Express } from 'express';

/** One fault rule for `PUT /_sim/faults`. Matching requests get the fault with probability `share`. */
export interface FaultRule {
  /** HTTP method to match (`GET`, `POST`, ...); any method when absent. */
  method?: string;
  /** Path prefix to match (`/api/now/table/`), or a regular expression source when it starts with `^`. */
  path: string;
  kind: 'status' | 'slow' | 'drop' | 'truncate';
  /** For `status`: 429, 500, 503, ... The body is the vendor's own error envelope. */
  status?: number;
  /** For `status` 429/503: the `Retry-After` seconds to send; omitted header when absent. */
  retryAfterSeconds?: number;
  /** For `slow`: delay before the normal answer. */
  delayMs?: number;
  /** Probability in [0, 1]; 1 when absent. */
  share?: number;
  /** Stop after this many hits; unlimited when absent. */
  count?: number;
}

/** One logged request, as `GET /_sim/requests` returns it. */
export interface LoggedRequest {
  seq: number;
  at: string;
  method: string;
  path: string;
  query: string;
  status: number;
  durationMs: number;
  fault?: FaultRule['kind'];
}

/** `GET /_sim/stats`. Keys of `byRoute` are `METHOD /path` with ids replaced by `:id`. */
export interface SimStats {
  total: number;
  mutating: number;
  byMethod: Record<string, number>;
  byRoute: Record<string, number>;
  byStatus: Record<string, number>;
}

/** A simulator that has been started on 127.0.0.1. */
export interface RunningSimulator {
  /** Vendor name: `servicenow`, `jira`, `jamf`, `intune`. */
  name: string;
  /** Base URL, for example `http://127.0.0.1:41234`, no trailing slash. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** What each vendor module exports through its `create...Simulator(options)` factory. */
export interface Simulator<TState> {
  name: string;
  /** The express app, for tests that want to mount it themselves (supertest-style or nock passthrough). */
  app: Express;
  /** In-memory state, reachable for tests; mutations through it fire no webhooks. */
  state: TState;
  /** Listen on 127.0.0.1 (port 0 = a free port unless `port` is given). */
  start(port?: number): Promise<RunningSimulator>;
}

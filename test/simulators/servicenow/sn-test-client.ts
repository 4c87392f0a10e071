/** Helpers for ServiceNow simulator tests: a started simulator and an axios client for it. */
import axios, { type AxiosInstance } from 'axios';
import type { RunningSimulator } from '../../../simulators/kit/sim-types';
import {
  createServiceNowSimulator,
  type ServiceNowOptions,
  type ServiceNowSimulator,
} from '../../../simulators/servicenow';

export interface SnHarness {
  sim: ServiceNowSimulator;
  running: RunningSimulator;
  /** Basic auth as admin/admin; never throws on HTTP status. */
  http: AxiosInstance;
  /** No credentials. */
  anon: AxiosInstance;
}

export async function startSn(options: ServiceNowOptions = {}): Promise<SnHarness> {
  const sim = createServiceNowSimulator(options);
  const running = await sim.start(0);
  const common = { baseURL: running.url, validateStatus: () => true };
  const http = axios.create({ ...common, auth: { username: 'admin', password: 'admin' } });
  const anon = axios.create(common);
  return { sim, running, http, anon };
}

/** A controllable clock for token expiry and rate-limit windows. */
export class FakeClock {
  constructor(public ms = Date.parse('2026-06-01T12:00:00Z')) {}
  now = (): Date => new Date(this.ms);
  advance(seconds: number): void {
    this.ms += seconds * 1000;
  }
}

export type Json = Record<string, unknown>;

export function resultList(data: unknown): Json[] {
  return (data as { result: Json[] }).result;
}

export function resultOne(data: unknown): Json {
  return (data as { result: Json }).result;
}

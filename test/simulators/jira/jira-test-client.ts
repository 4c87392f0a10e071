/** Test helpers: start the Jira simulator on 127.0.0.1 port 0 and call it with Basic auth. */
import { createJiraSimulator } from '../../../simulators/jira';
import type { JiraSimulator, JiraSimulatorOptions } from '../../../simulators/jira';
import type { RunningSimulator } from '../../../simulators/kit/sim-types';

/** A parsed JSON body, navigable without casts in assertions. */
export interface Loose {
  [key: string]: Loose;
}

/** The array inside a Loose value; throws when it is not one. */
export function arr(value: Loose | undefined): Loose[] {
  if (!Array.isArray(value)) throw new Error(`expected an array, got ${JSON.stringify(value)}`);
  return value as unknown as Loose[];
}

export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
  json: Loose;
}

export interface JiraHarness {
  sim: JiraSimulator;
  running: RunningSimulator;
  ws: string;
  assets: string;
  call(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<HttpResult>;
  control(method: string, path: string, body?: unknown): Promise<HttpResult>;
  close(): Promise<void>;
}

export const EMAIL = 'sim-admin@example.com';
export const TOKEN = 'sim-api-token';

export function basic(email: string, token: string): string {
  return `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`;
}

async function request(
  url: string,
  method: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<HttpResult> {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: Loose = {};
  try {
    json = text ? (JSON.parse(text) as Loose) : {};
  } catch {
    json = {};
  }
  return { status: response.status, headers: response.headers, text, json };
}

export async function startJira(options: JiraSimulatorOptions = {}): Promise<JiraHarness> {
  const sim = createJiraSimulator(options);
  const running = await sim.start(0);
  const ws = sim.state.options.workspaceId;
  return {
    sim,
    running,
    ws,
    assets: `/jsm/assets/workspace/${ws}/v1`,
    call: (method, path, body, headers = {}) =>
      request(`${running.url}${path}`, method, body, {
        authorization: basic(EMAIL, TOKEN),
        ...headers,
      }),
    control: (method, path, body) => request(`${running.url}/_sim${path}`, method, body, {}),
    close: () => running.close(),
  };
}

/** Helpers for Intune simulator tests: start, get an Entra token, call Graph over real HTTP. */
import {
  createIntuneSimulator,
  type IntuneSimulator,
  type IntuneSimulatorOptions,
} from '../../../simulators/intune';
import { DEFAULT_INTUNE_CONFIG } from '../../../simulators/intune/intune-state';
import type { FleetDevice, FleetFacts } from '../../../simulators/fleet/fleet-device';
import type { RunningSimulator } from '../../../simulators/kit/sim-types';

export interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

export interface IntuneHarness {
  sim: IntuneSimulator;
  running: RunningSimulator;
  token: string;
  graph(method: string, pathOrUrl: string, body?: unknown): Promise<Answer>;
  control(method: string, path: string, body?: unknown): Promise<Answer>;
}

export async function call(url: string, init: RequestInit): Promise<Answer> {
  const res = await fetch(url, init);
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body: text === '' ? null : (JSON.parse(text) as unknown),
  };
}

export function tokenForm(overrides: Record<string, string> = {}): string {
  return new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: DEFAULT_INTUNE_CONFIG.clientId,
    client_secret: DEFAULT_INTUNE_CONFIG.clientSecret,
    scope: 'https://graph.microsoft.com/.default',
    ...overrides,
  }).toString();
}

export async function requestToken(url: string, form = tokenForm()): Promise<Answer> {
  return call(`${url}/${DEFAULT_INTUNE_CONFIG.tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
  });
}

export async function startIntune(options: IntuneSimulatorOptions = {}): Promise<IntuneHarness> {
  const sim = createIntuneSimulator(options);
  const running = await sim.start();
  const token = ((await requestToken(running.url)).body as { access_token: string }).access_token;
  const harness: IntuneHarness = {
    sim,
    running,
    token,
    graph: (method, pathOrUrl, body) =>
      call(pathOrUrl.startsWith('http') ? pathOrUrl : `${running.url}${pathOrUrl}`, {
        method,
        headers: {
          authorization: `Bearer ${harness.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body:
          body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      }),
    control: (method, path, body) =>
      call(`${running.url}/_sim${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
  };
  return harness;
}

const FACTS: FleetFacts = {
  serial: 'PF3ABC01',
  name: 'LT-0001',
  category: 'laptop',
  platform: 'windows',
  manufacturer: 'LENOVO',
  model: 'ThinkPad T14 Gen 4',
  modelIdentifier: null,
  osName: 'Windows 11',
  osVersion: '10.0.22631.4460',
  udid: null,
  macAddress: '8C:16:45:12:34:56',
  altMacAddress: '8C:16:45:12:34:57',
  imei: null,
  cpu: 'Intel Core i7-1365U',
  memoryMb: 32768,
  storageGb: 512,
  userEmail: 'li.wei@example.com',
  userFullName: 'Li Wei',
  department: 'Finance',
  location: 'Singapore',
  costCenter: 'CC-2002',
  assetTag: null,
  purchaseDate: '2024-05-01',
  purchaseCost: 1800,
  vendor: 'CDW',
  poNumber: 'PO-1',
  warrantyEnd: '2027-05-01',
  lastSeenAt: '2026-11-30T10:00:00.000Z',
  enrolledAt: '2024-05-03T09:00:00.000Z',
  compliant: true,
  status: 'deployed',
};

export function intuneDevice(
  index: number,
  overrides: Partial<FleetFacts> = {},
  extra: Partial<FleetDevice> = {},
): FleetDevice {
  const pad = String(index).padStart(6, '0');
  return {
    ...FACTS,
    serial: `PF3${pad}`,
    name: `LT-${pad}`,
    ...overrides,
    key: `dev-${pad}`,
    presence: { servicenow: true, jira: false, jamf: false, intune: true },
    variants: {},
    reEnrolments: 0,
    hidden: false,
    nullSections: false,
    ...extra,
  };
}

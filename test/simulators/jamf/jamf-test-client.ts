/** Helpers for Jamf simulator tests: start a simulator, get a token, call it over real HTTP. */
import {
  createJamfSimulator,
  type JamfSimulator,
  type JamfSimulatorOptions,
} from '../../../simulators/jamf';
import type { FleetDevice, FleetFacts } from '../../../simulators/fleet/fleet-device';
import type { RunningSimulator } from '../../../simulators/kit/sim-types';

export interface JamfHarness {
  sim: JamfSimulator;
  running: RunningSimulator;
  token: string;
  get(path: string): Promise<{ status: number; body: unknown }>;
  send(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  control(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
}

async function call(url: string, init: RequestInit): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    // keep text
  }
  return { status: res.status, body };
}

export async function clientToken(url: string, path = '/api/oauth/token'): Promise<string> {
  const res = await call(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials&client_id=assetbridge-client&client_secret=assetbridge-secret',
  });
  if (res.status !== 200) throw new Error(`token request failed: ${res.status}`);
  return (res.body as { access_token: string }).access_token;
}

export async function startJamf(options: JamfSimulatorOptions = {}): Promise<JamfHarness> {
  const sim = createJamfSimulator(options);
  const running = await sim.start();
  const harness: JamfHarness = {
    sim,
    running,
    token: await clientToken(running.url),
    get: (path) => harness.send('GET', path),
    send: (method, path, body) =>
      call(`${running.url}${path}`, {
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

const BASE_FACTS: FleetFacts = {
  serial: 'C02XK1ABJHD5',
  name: 'Mac-001',
  category: 'laptop',
  platform: 'apple',
  manufacturer: 'Apple',
  model: 'MacBook Pro (14-inch, 2023)',
  modelIdentifier: 'Mac14,9',
  osName: 'macOS',
  osVersion: '15.3.2',
  udid: '5E7A1C44-0B1D-4C5A-9E0F-2A3B4C5D6E7F',
  macAddress: 'A4:83:E7:12:34:56',
  altMacAddress: 'A4:83:E7:12:34:57',
  imei: null,
  cpu: 'Apple M3 Pro',
  memoryMb: 18432,
  storageGb: 512,
  userEmail: 'ana.silva@example.com',
  userFullName: 'Ana Silva',
  department: 'Engineering',
  location: 'Lisbon HQ',
  costCenter: 'CC-1001',
  assetTag: 'AT-0001',
  purchaseDate: '2024-03-01',
  purchaseCost: 2499,
  vendor: 'Apple Business',
  poNumber: 'PO-7781',
  warrantyEnd: '2027-03-01',
  lastSeenAt: '2026-11-30T08:15:42.123Z',
  enrolledAt: '2024-03-05T10:00:00.000Z',
  compliant: true,
  status: 'deployed',
};

/** A small hand-made fleet device; `overrides` change facts, `extra` the device fields. */
export function fleetDevice(
  index: number,
  overrides: Partial<FleetFacts> = {},
  extra: Partial<FleetDevice> = {},
): FleetDevice {
  const pad = String(index).padStart(5, '0');
  return {
    ...BASE_FACTS,
    serial: `C02XK${pad}HD`,
    name: `Mac-${pad}`,
    udid: null,
    assetTag: `AT-${pad}`,
    ...overrides,
    key: `dev-${pad}`,
    presence: { servicenow: true, jira: false, jamf: true, intune: false },
    variants: {},
    reEnrolments: 0,
    hidden: false,
    nullSections: false,
    ...extra,
  };
}

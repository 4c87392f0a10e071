import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

// Small fakes of the Glide APIs the companion app's script include uses, enough to run it in Node.
// CertificateEncryption.generateMac behaves as the platform documents it: the key must be given
// base64-encoded and the MAC comes back base64-encoded.

export const SCRIPT_INCLUDE = path.join(
  __dirname,
  '../../../../connectors/servicenow/app/src/scripts/assetbridge-events.server.js',
);

export interface SentRequest {
  endpoint: string;
  method: string;
  timeoutMs: number;
  headers: Record<string, string>;
  body: string;
}

export interface GlideWorld {
  properties: Record<string, string>;
  nowMillis: number;
  guid: string;
  /** The HTTP answer of execute(), or an error it throws. */
  answer: { status: number; errorMessage?: string } | Error;
  requests: SentRequest[];
  logs: { level: string; message: string; args: unknown[] }[];
  macCalls: { key: string; algorithm: string; data: string }[];
}

export interface TicketFields {
  table: string;
  sys_id: string;
  [field: string]: string | null;
}

export interface Outcome {
  sent: boolean;
  reason: string;
  status: number;
  eventId: string;
}

export interface SignedEvent {
  body: string;
  timestamp: string;
  signature: string;
}

export interface AssetbridgeEventsInstance {
  notifyTicketChange(ticket: unknown): Outcome;
  requestRefresh(ticket: unknown): Outcome;
  send(ticket: unknown, eventType: string): Outcome;
  signedEvent(ticket: unknown, eventType: string, secret: string, nowMillis: number): SignedEvent;
}

export function newWorld(overrides: Partial<GlideWorld> = {}): GlideWorld {
  return {
    properties: {
      'x_assetbridge.webhook_url': 'https://assetbridge.test/webhooks/servicenow',
      'x_assetbridge.webhook_secret': 'test-secret',
    },
    nowMillis: Date.UTC(2026, 5, 1, 12, 0, 5, 250),
    guid: '0F1E2D3C4B5A69788796A5B4C3D2E1F0',
    answer: { status: 202 },
    requests: [],
    logs: [],
    macCalls: [],
    ...overrides,
  };
}

/** A GlideRecord stand-in: getValue answers null for an empty or unknown field, as Glide does. */
export function fakeTicket(fields: TicketFields) {
  return {
    getValue: (name: string) => {
      const value = fields[name];
      return value === undefined || value === '' ? null : value;
    },
    getUniqueValue: () => fields.sys_id,
    getRecordClassName: () => fields.table,
  };
}

function strictBase64(text: string): Buffer {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.toString('base64') !== text) throw new Error('generateMac: key is not base64');
  return bytes;
}

function glideGlobals(world: GlideWorld) {
  const log =
    (level: string) =>
    (message: string, ...args: unknown[]) => {
      world.logs.push({ level, message, args });
    };
  const gs = {
    getProperty: (name: string, fallback: string) =>
      name in world.properties ? world.properties[name] : fallback,
    generateGUID: () => world.guid,
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
  };

  class GlideDateTime {
    getNumericValue(): number {
      return world.nowMillis;
    }
  }

  class CertificateEncryption {
    generateMac(key: string, algorithm: string, data: string): string {
      world.macCalls.push({ key, algorithm, data });
      if (algorithm !== 'HmacSHA256') throw new Error(`generateMac: unexpected ${algorithm}`);
      return createHmac('sha256', strictBase64(key)).update(data, 'utf8').digest('base64');
    }
  }

  class RESTMessageV2 {
    private readonly request: SentRequest = {
      endpoint: '',
      method: '',
      timeoutMs: 0,
      headers: {},
      body: '',
    };
    setEndpoint(url: string) {
      this.request.endpoint = url;
    }
    setHttpMethod(method: string) {
      this.request.method = method;
    }
    setHttpTimeout(ms: number) {
      this.request.timeoutMs = ms;
    }
    setRequestHeader(name: string, value: string) {
      this.request.headers[name] = value;
    }
    setRequestBody(body: string) {
      this.request.body = body;
    }
    execute() {
      world.requests.push(this.request);
      const answer = world.answer;
      if (answer instanceof Error) throw answer;
      return {
        getStatusCode: () => answer.status,
        getErrorMessage: () => answer.errorMessage ?? null,
      };
    }
  }

  return { gs, GlideDateTime, CertificateEncryption, sn_ws: { RESTMessageV2 } };
}

/** Runs the script include's source in a fresh context with the fakes and returns an instance. */
export function loadAssetbridgeEvents(world: GlideWorld): AssetbridgeEventsInstance {
  const context = vm.createContext(glideGlobals(world));
  vm.runInContext(
    'var Class = { create: function () { return function () { this.initialize.apply(this, arguments); }; } };',
    context,
  );
  vm.runInContext(fs.readFileSync(SCRIPT_INCLUDE, 'utf8'), context, { filename: SCRIPT_INCLUDE });
  return vm.runInContext('new AssetbridgeEvents()', context) as AssetbridgeEventsInstance;
}

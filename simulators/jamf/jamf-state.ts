/**
 * In-memory Jamf Pro state: computers and mobile devices (separate id namespaces, both starting
 * at 1), departments, buildings, issued tokens and the simulator's configuration.
 */
import { computerFieldPath, mobileFieldPath, readPath } from './jamf-fields';
import type { JamfComputer, JamfMobileDevice, JamfNamedObject } from './jamf-records';
import { InventoryIndex } from './inventory-query';
import type { RsqlValue } from './rsql-filter';
import type { JamfWebhookConfig } from './jamf-webhooks';

export interface JamfToken {
  kind: 'client' | 'user';
  subject: string;
  expiresAtMs: number;
}

export interface JamfConfig {
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
  /** API-client access token lifetime (Jamf's per-client "Access Token Lifetime"). */
  tokenLifetimeSeconds: number;
  /** User bearer token lifetime; Jamf's default is 30 minutes. */
  userTokenLifetimeSeconds: number;
  /** Requests in flight above this are refused (Jamf's guidance is at most 5 connections). */
  maxConcurrent: number;
  concurrencyStatus: 429 | 503;
  /** Cap `page-size` at 2000 silently (true) or answer 400 (false). */
  clampPageSize: boolean;
  webhooks: JamfWebhookConfig[];
}

export const DEFAULT_JAMF_CONFIG: JamfConfig = {
  clientId: 'assetbridge-client',
  clientSecret: 'assetbridge-secret',
  username: 'assetbridge',
  password: 'assetbridge-password',
  tokenLifetimeSeconds: 60,
  userTokenLifetimeSeconds: 1800,
  maxConcurrent: 5,
  concurrencyStatus: 429,
  clampPageSize: true,
  webhooks: [],
};

function scalar(value: unknown): RsqlValue {
  if (value === null || value === undefined) return value;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  return undefined;
}

export class JamfState {
  readonly computers = new Map<string, JamfComputer>();
  readonly mobileDevices = new Map<string, JamfMobileDevice>();
  readonly hiddenComputers = new Set<string>();
  readonly hiddenMobileDevices = new Set<string>();
  readonly departments = new Map<string, JamfNamedObject>();
  readonly buildings = new Map<string, JamfNamedObject>();
  readonly tokens = new Map<string, JamfToken>();
  config: JamfConfig;
  private nextComputerId = 1;
  private nextMobileId = 1;
  private changes = 0;
  readonly computerIndex: InventoryIndex;
  readonly mobileIndex: InventoryIndex;

  constructor(config: JamfConfig) {
    this.config = { ...config, webhooks: [...config.webhooks] };
    this.computerIndex = new InventoryIndex({
      version: () => this.changes,
      ids: () => this.visible(this.computers, this.hiddenComputers),
      read: (id, field) => scalar(readPath(this.computers.get(id), computerFieldPath(field))),
    });
    this.mobileIndex = new InventoryIndex({
      version: () => this.changes,
      ids: () => this.visible(this.mobileDevices, this.hiddenMobileDevices),
      read: (id, field) => scalar(readPath(this.mobileDevices.get(id), mobileFieldPath(field))),
    });
  }

  /** Call after any change to records so that cached sort orders are dropped. */
  touch(): void {
    this.changes += 1;
  }

  /** Adds a computer under the next free id (any id on the record is replaced). */
  addComputer(record: Omit<JamfComputer, 'id'> & { id?: string }): JamfComputer {
    const id = record.id ?? String(this.nextComputerId);
    this.nextComputerId = Math.max(this.nextComputerId, Number(id) + 1);
    const stored: JamfComputer = { ...record, id };
    this.computers.set(id, stored);
    this.touch();
    return stored;
  }

  addMobileDevice(
    record: Omit<JamfMobileDevice, 'mobileDeviceId'> & { mobileDeviceId?: string },
  ): JamfMobileDevice {
    const id = record.mobileDeviceId ?? String(this.nextMobileId);
    this.nextMobileId = Math.max(this.nextMobileId, Number(id) + 1);
    const stored: JamfMobileDevice = { ...record, mobileDeviceId: id };
    this.mobileDevices.set(id, stored);
    this.touch();
    return stored;
  }

  /** The department or building with this name, created when missing. */
  named(kind: 'department' | 'building', name: string): JamfNamedObject {
    const map = kind === 'department' ? this.departments : this.buildings;
    let maxId = 0;
    for (const item of map.values()) {
      if (item.name === name) return item;
      maxId = Math.max(maxId, Number(item.id) || 0);
    }
    const item = { id: String(maxId + 1), name };
    map.set(item.id, item);
    return item;
  }

  visibleComputer(id: string): JamfComputer | undefined {
    return this.hiddenComputers.has(id) ? undefined : this.computers.get(id);
  }

  visibleMobileDevice(id: string): JamfMobileDevice | undefined {
    return this.hiddenMobileDevices.has(id) ? undefined : this.mobileDevices.get(id);
  }

  clearRecords(): void {
    this.computers.clear();
    this.mobileDevices.clear();
    this.hiddenComputers.clear();
    this.hiddenMobileDevices.clear();
    this.departments.clear();
    this.buildings.clear();
    this.nextComputerId = 1;
    this.nextMobileId = 1;
    this.touch();
  }

  reset(config: JamfConfig): void {
    this.clearRecords();
    this.tokens.clear();
    this.config = { ...config, webhooks: [...config.webhooks] };
  }

  private visible<T>(map: Map<string, T>, hidden: Set<string>): string[] {
    const ids: string[] = [];
    for (const id of map.keys()) if (!hidden.has(id)) ids.push(id);
    return ids;
  }
}

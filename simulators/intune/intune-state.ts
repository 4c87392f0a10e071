/**
 * In-memory Intune state: managed devices in enrolment order (the order Graph pages through),
 * hidden devices, issued tokens and the simulator's configuration.
 */
import type { ManagedDevice } from './managed-device-properties';

export interface IntuneConfig {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  tokenLifetimeSeconds: number;
  /** `apply` evaluates `$filter`; `ignore` returns everything, as Graph sometimes silently does. */
  filterMode: 'apply' | 'ignore';
  /** Properties whose filter conditions Graph accepts but ignores. */
  ignoredFilterProperties: string[];
  /** Share of pages (deterministic per offset) answered empty, with a nextLink, before the end. */
  emptyPageRate: number;
  /** Page size when `$top` is absent, and the cap for `$top`. */
  maxPageSize: number;
  /** Non-default properties are filled on a single GET only when `$select` names them. */
  nonDefaultRequiresSelect: boolean;
  /** Requests per 20 s per app (any method) and writes per 20 s per app. */
  readBudgetPer20s: number;
  writeBudgetPer20s: number;
  /** Send `Retry-After` with throttling 429s. */
  retryAfter: boolean;
  /** PATCH answers 204 (no body) or 200 with the updated object. */
  patchStatus: 204 | 200;
}

export const DEFAULT_INTUNE_CONFIG: IntuneConfig = {
  tenantId: '6f1c2a5e-3b7d-4c1e-9a8f-2d4b6c8e0a11',
  clientId: '0b5e7d3c-1a2f-4e6b-8c9d-3f5a7b9c1d2e',
  clientSecret: 'assetbridge-graph-secret',
  tokenLifetimeSeconds: 3599,
  filterMode: 'apply',
  ignoredFilterProperties: ['deviceEnrollmentType'],
  emptyPageRate: 0.02,
  maxPageSize: 1000,
  nonDefaultRequiresSelect: true,
  readBudgetPer20s: 2000,
  writeBudgetPer20s: 200,
  retryAfter: true,
  patchStatus: 204,
};

export interface GraphToken {
  appId: string;
  expiresAtMs: number;
}

export class IntuneState {
  readonly devices = new Map<string, ManagedDevice>();
  readonly hidden = new Set<string>();
  readonly tokens = new Map<string, GraphToken>();
  config: IntuneConfig;
  private order: string[] = [];
  private changes = 0;
  private visibleCache: { version: number; ids: string[] } | null = null;

  constructor(config: IntuneConfig) {
    this.config = { ...config };
  }

  get version(): number {
    return this.changes;
  }

  touch(): void {
    this.changes += 1;
  }

  add(device: ManagedDevice): ManagedDevice {
    if (!this.devices.has(device.id)) this.order.push(device.id);
    this.devices.set(device.id, device);
    this.touch();
    return device;
  }

  remove(id: string): boolean {
    if (!this.devices.delete(id)) return false;
    this.order = this.order.filter((item) => item !== id);
    this.hidden.delete(id);
    this.touch();
    return true;
  }

  visible(id: string): ManagedDevice | undefined {
    return this.hidden.has(id) ? undefined : this.devices.get(id);
  }

  /** Ids of listed devices in paging order (cached until the next change). */
  visibleIds(): string[] {
    if (this.visibleCache?.version === this.changes) return this.visibleCache.ids;
    const ids = this.order.filter((id) => !this.hidden.has(id));
    this.visibleCache = { version: this.changes, ids };
    return ids;
  }

  clearDevices(): void {
    this.devices.clear();
    this.hidden.clear();
    this.order = [];
    this.touch();
  }

  reset(config: IntuneConfig): void {
    this.clearDevices();
    this.tokens.clear();
    this.config = { ...config };
  }
}

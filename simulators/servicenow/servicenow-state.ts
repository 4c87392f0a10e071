import { FixedWindowLimiter } from '../kit/rate-limiter';
import { Rng } from '../kit/rng';
import { OutboundEmitter, type OutboundConfig } from './outbound-events';
import { RecordRenderer } from './record-renderer';
import { RecordService } from './record-service';
import { RecordStore, type SnRecord } from './record-store';
import {
  BASE_DISCOVERY_SOURCES,
  DEFAULT_QUIRKS,
  type ConfigBody,
  type OAuthClient,
  type RateLimitRule,
  type ServiceNowOptions,
  type ServiceNowQuirks,
} from './servicenow-config';

export interface OAuthToken {
  kind: 'access' | 'refresh';
  user: string;
  clientId: string;
  expiresAtMs: number;
}

export interface ActiveRateRule {
  rule: RateLimitRule & { sysId: string };
  limiter: FixedWindowLimiter;
}

/** A payload item kept in `cmdb_ire_partial_payloads` until a later payload completes it. */
export interface PartialPayload {
  sysId: string;
  className: string;
  values: Record<string, string>;
}

const REL_TYPES = [
  ['Owns::Owned by', 'Owns', 'Owned by'],
  ['IP Connection::IP Connection', 'IP Connection', 'IP Connection'],
  ['Depends on::Used by', 'Depends on', 'Used by'],
  ['Runs on::Runs', 'Runs on', 'Runs'],
  ['Contains::Contained by', 'Contains', 'Contained by'],
  ['Connects to::Connected by', 'Connects to', 'Connected by'],
];

/** Everything the ServiceNow simulator holds in memory. */
export class ServiceNowState {
  readonly rng: Rng;
  readonly clock: () => Date;
  readonly store: RecordStore;
  readonly service: RecordService;
  readonly renderer: RecordRenderer;
  readonly outbound: OutboundEmitter;
  readonly outboundConfig: OutboundConfig;
  quirks: ServiceNowQuirks;
  tokenLifetimeSeconds: number;
  refreshTokenLifetimeSeconds: number;
  users: Record<string, string>;
  oauthClients: Record<string, OAuthClient>;
  readonly tokens = new Map<string, OAuthToken>();
  readonly partialPayloads = new Map<string, PartialPayload>();
  rateRules: ActiveRateRule[] = [];
  private extraSources: string[];

  constructor(options: ServiceNowOptions = {}) {
    this.rng = new Rng(options.seed ?? 1);
    this.clock = options.now ?? (() => new Date());
    this.store = new RecordStore(this.rng, this.clock);
    this.outboundConfig = {
      webhookUrl: options.webhookUrl ?? null,
      webhookSecret: options.webhookSecret ?? 'assetbridge-dev-secret',
    };
    this.outbound = new OutboundEmitter(this.outboundConfig, this.rng, this.clock);
    this.service = new RecordService(this.store, this.outbound);
    this.renderer = new RecordRenderer(this.store);
    this.quirks = { ...DEFAULT_QUIRKS, ...(options.quirks ?? {}) };
    this.tokenLifetimeSeconds = options.tokenLifetimeSeconds ?? 1799;
    this.refreshTokenLifetimeSeconds = options.refreshTokenLifetimeSeconds ?? 8_640_000;
    this.users = options.users ?? { admin: 'admin' };
    this.oauthClients = options.oauthClients ?? {
      assetbridge: { secret: 'assetbridge-secret', user: 'admin' },
    };
    this.extraSources = options.discoverySources ?? [];
    this.setRateRules(options.rateLimitRules ?? []);
    this.reset();
  }

  /** Empties every table and token, then loads the out-of-the-box reference data. */
  reset(): void {
    this.store.clear();
    this.tokens.clear();
    this.partialPayloads.clear();
    this.outbound.clear();
    this.setRateRules(this.rateRules.map((r) => r.rule));
    this.seedBaseData();
  }

  private seedBaseData(): void {
    const sources = [...new Set([...BASE_DISCOVERY_SOURCES, ...this.extraSources])];
    sources.forEach((value, i) => {
      this.store.insert(
        'sys_choice',
        {
          name: 'cmdb_ci',
          element: 'discovery_source',
          value,
          label: value,
          sequence: String(i * 10),
        },
        'system',
      );
    });
    for (const [name, parent_descriptor, child_descriptor] of REL_TYPES) {
      this.store.insert('cmdb_rel_type', { name, parent_descriptor, child_descriptor }, 'system');
    }
    for (const user of Object.keys(this.users)) this.ensureUser(user);
  }

  private ensureUser(userName: string): void {
    if (this.store.findBy('sys_user', 'user_name', userName).length > 0) return;
    this.store.insert('sys_user', { user_name: userName, name: userName }, 'system');
  }

  /** True when `value` is an active `cmdb_ci.discovery_source` choice. */
  isDiscoverySource(value: string): boolean {
    return this.store
      .findBy('sys_choice', 'element', 'discovery_source')
      .some((c) => c.name === 'cmdb_ci' && c.value === value && c.inactive !== 'true');
  }

  relationType(name: string): SnRecord | undefined {
    return this.store.findBy('cmdb_rel_type', 'name', name)[0];
  }

  setRateRules(rules: RateLimitRule[]): void {
    this.rateRules = rules.map((rule) => ({
      rule: { ...rule, sysId: rule.sysId ?? this.rng.hex(32) },
      limiter: new FixedWindowLimiter({
        limit: rule.limit,
        windowMs: rule.windowMs ?? 3_600_000,
        now: () => this.clock().getTime(),
      }),
    }));
  }

  applyConfig(body: ConfigBody): void {
    if (body.quirks) this.quirks = { ...this.quirks, ...body.quirks };
    if (body.tokenLifetimeSeconds) this.tokenLifetimeSeconds = body.tokenLifetimeSeconds;
    if (body.refreshTokenLifetimeSeconds) {
      this.refreshTokenLifetimeSeconds = body.refreshTokenLifetimeSeconds;
    }
    if (body.rateLimitRules) this.setRateRules(body.rateLimitRules);
    if (body.webhookUrl !== undefined) this.outboundConfig.webhookUrl = body.webhookUrl;
    if (body.webhookSecret) this.outboundConfig.webhookSecret = body.webhookSecret;
    if (body.users) {
      this.users = { ...this.users, ...body.users };
      for (const user of Object.keys(body.users)) this.ensureUser(user);
    }
    if (body.oauthClients) this.oauthClients = { ...this.oauthClients, ...body.oauthClients };
    if (body.discoverySources) {
      this.extraSources = [...new Set([...this.extraSources, ...body.discoverySources])];
      for (const value of body.discoverySources) {
        if (this.isDiscoverySource(value)) continue;
        const choice = { name: 'cmdb_ci', element: 'discovery_source', value, label: value };
        this.store.insert('sys_choice', choice, 'system');
      }
    }
  }

  /** Current settings, for `GET /_sim/config`. */
  describeConfig(): Record<string, unknown> {
    return {
      quirks: this.quirks,
      tokenLifetimeSeconds: this.tokenLifetimeSeconds,
      refreshTokenLifetimeSeconds: this.refreshTokenLifetimeSeconds,
      rateLimitRules: this.rateRules.map((r) => r.rule),
      webhookUrl: this.outboundConfig.webhookUrl,
      users: Object.keys(this.users),
      oauthClients: Object.keys(this.oauthClients),
    };
  }
}

import type { Logger } from '../logging/logger';
import { LimiterSet, type LimiterSetSettings } from './limiter-set';

/** Which budget a connector instance draws from, and the wider one above it, if any. */
export interface LimiterScope {
  /** Instances with the same key share one limiter set (Intune: tenant and app id). */
  key: string;
  settings: LimiterSetSettings;
  /** A budget shared by every key below it (Intune: the tenant, all apps). */
  upstream?: { key: string; settings: LimiterSetSettings };
}

/**
 * The limiter sets of one process, by key: two connector instances that talk to the same vendor
 * budget get the same set, so that together they stay within it. Built once per command (or per
 * `serve`) and handed to every HTTP factory; never a module-level singleton.
 */
export class LimiterRegistry {
  private readonly sets = new Map<string, { set: LimiterSet; owner: string }>();

  constructor(private readonly logger?: Logger) {}

  /** The set of `scope.key`, created on first use with the settings of that first user. */
  limiterSet(scope: LimiterScope, user: string): LimiterSet {
    const upstream = scope.upstream
      ? this.get(scope.upstream.key, scope.upstream.settings, user)
      : undefined;
    return this.get(scope.key, scope.settings, user, upstream);
  }

  private get(
    key: string,
    settings: LimiterSetSettings,
    user: string,
    upstream?: LimiterSet,
  ): LimiterSet {
    const known = this.sets.get(key);
    if (known !== undefined) {
      if (JSON.stringify(known.set.settings) !== JSON.stringify(settings)) {
        this.logger?.warn(
          { limiterKey: key, connector: user, owner: known.owner },
          'connector shares a rate limit with another instance; the first instance limits apply',
        );
      }
      return known.set;
    }
    const set = new LimiterSet(settings, upstream);
    this.sets.set(key, { set, owner: user });
    return set;
  }

  /** The keys of the sets made so far, sorted. */
  keys(): string[] {
    return [...this.sets.keys()].sort();
  }

  /** Stops every limiter's timers. */
  async stop(): Promise<void> {
    await Promise.all([...this.sets.values()].map((s) => s.set.stop()));
  }
}

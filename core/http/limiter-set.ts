import Bottleneck from 'bottleneck';

/** Limits of one limiter. */
export interface LimitSettings {
  /** Requests in flight at once; unlimited when absent. */
  maxConcurrent?: number;
  /** Minimum milliseconds between the starts of two requests. */
  minTimeMs?: number;
  /** At most `amount` request starts per `intervalMs` (a refilled reservoir). */
  budget?: { amount: number; intervalMs: number };
}

/** Limiters of one system: one for all its traffic, and optional ones per traffic class. */
export interface LimiterSetSettings {
  system: LimitSettings;
  classes?: Readonly<Record<string, LimitSettings>>;
}

function toBottleneck(settings: LimitSettings): Bottleneck.ConstructorOptions {
  const budget = settings.budget;
  return {
    maxConcurrent: settings.maxConcurrent ?? null,
    minTime: settings.minTimeMs ?? 0,
    ...(budget === undefined
      ? {}
      : {
          reservoir: budget.amount,
          reservoirRefreshAmount: budget.amount,
          reservoirRefreshInterval: budget.intervalMs,
        }),
  };
}

const SYSTEM_KEY = '';

/**
 * One bottleneck limiter per system and per traffic class; a request of a class passes its
 * class limiter and then the system limiter. A request with an unknown or no class passes the
 * system limiter alone. Also remembers "paused until" times set after a vendor asked to wait,
 * so that other requests of the same class wait too.
 */
export class LimiterSet {
  private readonly system: Bottleneck;
  private readonly classes = new Map<string, Bottleneck>();
  private readonly pausedUntil = new Map<string, number>();

  /**
   * @param upstream a wider budget that every request also passes after this set's own limits,
   *   with the same traffic class (Intune: the tenant's budget over all apps).
   */
  constructor(
    readonly settings: LimiterSetSettings,
    readonly upstream?: LimiterSet,
  ) {
    this.system = new Bottleneck(toBottleneck(settings.system));
    for (const [name, limits] of Object.entries(settings.classes ?? {})) {
      const limiter = new Bottleneck(toBottleneck(limits));
      limiter.chain(this.system);
      this.classes.set(name, limiter);
    }
  }

  /** A set with no limits (for tests and tools). */
  static unlimited(): LimiterSet {
    return new LimiterSet({ system: {} });
  }

  /** Runs `fn` when the limits of the system and of `trafficClass` allow. */
  schedule<T>(trafficClass: string | undefined, fn: () => Promise<T>): Promise<T> {
    const limiter =
      (trafficClass === undefined ? undefined : this.classes.get(trafficClass)) ?? this.system;
    const upstream = this.upstream;
    if (upstream === undefined) return limiter.schedule(fn);
    return limiter.schedule(() => upstream.schedule(trafficClass, fn));
  }

  /**
   * Request starts left in the current budget window of `trafficClass` (its class limiter, else
   * the system limiter); null when that limiter has no budget. For tests and metrics.
   */
  budgetLeft(trafficClass: string | undefined): Promise<number | null> {
    const limiter =
      (trafficClass === undefined ? undefined : this.classes.get(trafficClass)) ?? this.system;
    return limiter.currentReservoir();
  }

  /** Makes requests of `trafficClass` (or of every class when absent) wait until `untilMs`. */
  pause(trafficClass: string | undefined, untilMs: number): void {
    const key = this.pauseKey(trafficClass);
    this.pausedUntil.set(key, Math.max(this.pausedUntil.get(key) ?? 0, untilMs));
  }

  /** Milliseconds a request of `trafficClass` must still wait because of a pause. */
  pauseRemainingMs(trafficClass: string | undefined, nowMs: number): number {
    const own = this.pausedUntil.get(this.pauseKey(trafficClass)) ?? 0;
    const all = this.pausedUntil.get(SYSTEM_KEY) ?? 0;
    return Math.max(0, Math.max(own, all) - nowMs);
  }

  private pauseKey(trafficClass: string | undefined): string {
    return trafficClass !== undefined && this.classes.has(trafficClass) ? trafficClass : SYSTEM_KEY;
  }

  /** Stops the limiters' timers; queued work still runs. */
  async stop(): Promise<void> {
    await Promise.all([...this.classes.values(), this.system].map((l) => l.disconnect()));
  }
}

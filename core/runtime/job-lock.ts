/** A held lock; `release` lets the next run of the same job start. */
export interface JobLease {
  release(): Promise<void>;
}

/**
 * Keeps one job from running twice at once. The in-memory lock covers one process; a PostgreSQL
 * advisory lock (`pg_try_advisory_lock`) can implement the same interface to cover several.
 */
export interface JobLock {
  /** The lease, or null when the job is already running. Never waits. */
  tryAcquire(key: string): Promise<JobLease | null>;
}

export class InMemoryJobLock implements JobLock {
  private readonly held = new Set<string>();

  async tryAcquire(key: string): Promise<JobLease | null> {
    if (this.held.has(key)) return null;
    this.held.add(key);
    let released = false;
    return {
      release: async () => {
        if (released) return;
        released = true;
        this.held.delete(key);
      },
    };
  }

  isHeld(key: string): boolean {
    return this.held.has(key);
  }
}

import cron from 'node-cron';
import type { Logger } from 'pino';
import type { ScheduleConfig } from '../config/config-schema';
import { AssetbridgeError } from '../errors';
import { InMemoryJobLock, type JobLock } from './job-lock';
import type { SyncMetrics } from './metrics';

export type SyncMode = 'incremental' | 'full';

export interface JobContext {
  log: Logger;
  /** Aborted when the runtime stops; a run should end at its next safe point. */
  signal: AbortSignal;
}

/** Runs one sync of one connector (the sync engine). */
export type JobRunner = (connector: string, mode: SyncMode, ctx: JobContext) => Promise<void>;

/** The part of a connector's config the scheduler reads. */
export interface SchedulableConnector {
  name: string;
  enabled?: boolean;
  schedule?: ScheduleConfig;
}

export interface PlannedJob {
  connector: string;
  mode: SyncMode;
  expression: string;
  timezone: string;
}

/** A started cron task; the scheduler only needs to stop it. */
export interface CronTask {
  stop(): void | Promise<void>;
}

/** Creates and starts a cron task calling `fire`; tests pass one that fires by hand. */
export type CronFactory = (
  expression: string,
  fire: () => Promise<unknown>,
  options: { timezone: string; name: string },
) => CronTask;

export const nodeCronFactory: CronFactory = (expression, fire, options) => {
  const task = cron.schedule(expression, () => fire(), options);
  return { stop: () => task.destroy() };
};

/**
 * Defaults for a `schedule` block that leaves a mode out: incremental every 15 minutes, a full
 * sweep at 02:00, in UTC. A connector without any `schedule` block has no automatic runs (it is
 * synced by webhooks and by hand), as the config format documents.
 */
export const DEFAULT_SCHEDULE = {
  incremental: '*/15 * * * *',
  full: '0 2 * * *',
  timezone: 'UTC',
} as const;

/** The cron jobs of every enabled connector with a schedule; throws CONFIG_INVALID on bad ones. */
export function planJobs(connectors: readonly SchedulableConnector[]): PlannedJob[] {
  const jobs: PlannedJob[] = [];
  for (const c of connectors) {
    if (c.enabled === false || c.schedule === undefined) continue;
    const timezone = c.schedule.timezone ?? DEFAULT_SCHEDULE.timezone;
    checkTimezone(c.name, timezone);
    for (const mode of ['incremental', 'full'] as const) {
      const expression = c.schedule[mode] ?? DEFAULT_SCHEDULE[mode];
      if (!cron.validate(expression)) {
        throw new AssetbridgeError(
          'CONFIG_INVALID',
          `connector ${c.name}: schedule.${mode} "${expression}" is not a valid cron expression`,
          { details: { connector: c.name, field: `schedule.${mode}`, expression } },
        );
      }
      jobs.push({ connector: c.name, mode, expression, timezone });
    }
  }
  return jobs;
}

function checkTimezone(connector: string, timezone: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
  } catch {
    throw new AssetbridgeError(
      'CONFIG_INVALID',
      `connector ${connector}: schedule.timezone "${timezone}" is not an IANA time zone`,
      { details: { connector, field: 'schedule.timezone', timezone } },
    );
  }
}

export type JobOutcome = 'ok' | 'failed' | 'skipped' | 'stopped';

export interface SchedulerOptions {
  jobs: readonly PlannedJob[];
  runJob: JobRunner;
  logger: Logger;
  lock?: JobLock;
  cronFactory?: CronFactory;
  metrics?: Pick<SyncMetrics, 'recordRun'>;
}

/**
 * One lock key per connector: an incremental run that fires during the nightly full sweep of
 * the same connector is skipped too (two reads of one vendor at once would double its load and
 * race on the watermark).
 */
export const jobKey = (connector: string): string => `sync:${connector}`;

/**
 * Starts each planned job on its cron schedule. A job whose connector is already running is
 * skipped and logged at warn; `stop` stops the schedules, aborts running jobs and waits for them.
 */
export class Scheduler {
  private readonly lock: JobLock;
  private readonly tasks: CronTask[] = [];
  private readonly inFlight = new Set<Promise<JobOutcome>>();
  private readonly abort = new AbortController();
  private readonly log: Logger;

  constructor(private readonly options: SchedulerOptions) {
    this.lock = options.lock ?? new InMemoryJobLock();
    this.log = options.logger.child({ component: 'scheduler' });
  }

  start(): void {
    const factory = this.options.cronFactory ?? nodeCronFactory;
    for (const job of this.options.jobs) {
      const name = `${job.connector}:${job.mode}`;
      const fire = () => this.runNow(job.connector, job.mode);
      this.tasks.push(factory(job.expression, fire, { timezone: job.timezone, name }));
      this.log.info({ ...job }, 'sync scheduled');
    }
  }

  /** Runs a job now unless its connector is busy (then 'skipped'); never throws. */
  runNow(connector: string, mode: SyncMode): Promise<JobOutcome> {
    const run = this.run(connector, mode);
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
    return run;
  }

  private async run(connector: string, mode: SyncMode): Promise<JobOutcome> {
    if (this.abort.signal.aborted) return 'stopped';
    const lease = await this.lock.tryAcquire(jobKey(connector)).catch((err: unknown) => {
      this.log.error({ err, connector, mode }, 'job lock failed; run skipped');
      return null;
    });
    if (lease === null) {
      this.log.warn({ connector, mode }, 'sync still running; scheduled run skipped');
      this.options.metrics?.recordRun(mode, 'skipped');
      return 'skipped';
    }
    const log = this.options.logger.child({ connector, mode, trigger: 'schedule' });
    try {
      log.info('scheduled sync started');
      await this.options.runJob(connector, mode, { log, signal: this.abort.signal });
      log.info('scheduled sync finished');
      return 'ok';
    } catch (err) {
      log.error({ err }, 'scheduled sync failed');
      return 'failed';
    } finally {
      await lease.release().catch((err: unknown) => log.error({ err }, 'job lock release failed'));
    }
  }

  /** Stops every schedule, aborts running jobs and waits for them to end. */
  async stop(): Promise<void> {
    const tasks = this.tasks.splice(0);
    await Promise.all(tasks.map((t) => t.stop()));
    this.abort.abort();
    await Promise.all([...this.inFlight]);
  }
}

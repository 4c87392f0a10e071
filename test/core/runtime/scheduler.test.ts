import { isAssetbridgeError } from '../../../core/errors';
import { InMemoryJobLock } from '../../../core/runtime/job-lock';
import { RuntimeMetrics } from '../../../core/runtime/metrics';
import {
  DEFAULT_SCHEDULE,
  nodeCronFactory,
  planJobs,
  Scheduler,
  type CronFactory,
  type JobContext,
  type PlannedJob,
  type SyncMode,
} from '../../../core/runtime/scheduler';
import { captureLogger } from './runtime-harness';

/** A cron factory whose tasks fire only when the test calls `fire(name)`. */
function manualCron() {
  const tasks = new Map<
    string,
    { expression: string; timezone: string; fire: () => Promise<unknown>; stopped: boolean }
  >();
  const factory: CronFactory = (expression, fire, { name, timezone }) => {
    const task = { expression, timezone, fire, stopped: false };
    tasks.set(name, task);
    return { stop: () => void (task.stopped = true) };
  };
  const fire = (name: string) => {
    const task = tasks.get(name);
    if (task === undefined) throw new Error(`no cron task ${name}`);
    return task.fire();
  };
  return { factory, tasks, fire };
}

function gate() {
  let open = () => undefined as void;
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
}

const job = (connector: string, mode: SyncMode): PlannedJob => ({
  connector,
  mode,
  expression: DEFAULT_SCHEDULE[mode],
  timezone: 'UTC',
});

describe('planJobs', () => {
  test('a schedule block fills the modes it leaves out with the defaults', () => {
    const jobs = planJobs([
      { name: 'jamf', schedule: { incremental: '*/5 * * * *', timezone: 'Europe/Paris' } },
      { name: 'intune', schedule: {} },
    ]);
    expect(jobs).toEqual([
      {
        connector: 'jamf',
        mode: 'incremental',
        expression: '*/5 * * * *',
        timezone: 'Europe/Paris',
      },
      { connector: 'jamf', mode: 'full', expression: '0 2 * * *', timezone: 'Europe/Paris' },
      { connector: 'intune', mode: 'incremental', expression: '*/15 * * * *', timezone: 'UTC' },
      { connector: 'intune', mode: 'full', expression: '0 2 * * *', timezone: 'UTC' },
    ]);
  });

  test('no schedule block, or a disabled connector, means no automatic runs', () => {
    expect(planJobs([{ name: 'a' }, { name: 'b', enabled: false, schedule: {} }])).toEqual([]);
  });

  test('a bad cron expression or time zone is CONFIG_INVALID naming the connector', () => {
    const bad = (f: () => unknown): string => {
      try {
        f();
      } catch (err) {
        if (isAssetbridgeError(err, 'CONFIG_INVALID')) return err.message;
        throw err;
      }
      throw new Error('expected CONFIG_INVALID');
    };
    expect(bad(() => planJobs([{ name: 'jamf', schedule: { full: 'every night' } }]))).toBe(
      'connector jamf: schedule.full "every night" is not a valid cron expression',
    );
    expect(bad(() => planJobs([{ name: 'jamf', schedule: { timezone: 'Mars/Olympus' } }]))).toMatch(
      /connector jamf: schedule.timezone "Mars\/Olympus" is not an IANA time zone/,
    );
  });
});

describe('Scheduler', () => {
  test('a long job is not started twice; the fire during the run is skipped and logged', async () => {
    const cron = manualCron();
    const { logger, lines } = captureLogger();
    const running = gate();
    const calls: string[] = [];
    const metrics = new RuntimeMetrics();
    const scheduler = new Scheduler({
      jobs: [job('jamf', 'incremental')],
      runJob: async (connector, mode) => {
        calls.push(`${connector}:${mode}`);
        await running.promise;
      },
      logger,
      cronFactory: cron.factory,
      metrics,
    });
    scheduler.start();
    const first = cron.fire('jamf:incremental');
    expect(await cron.fire('jamf:incremental')).toBe('skipped');
    expect(calls).toEqual(['jamf:incremental']);
    const warn = lines.map((l) => JSON.parse(l)).find((l) => l.level === 40);
    expect(warn).toMatchObject({ connector: 'jamf', mode: 'incremental' });
    expect(warn.msg).toMatch(/skipped/);
    expect(await metrics.text()).toMatch(
      /assetbridge_runs_total\{kind="incremental",status="skipped"\} 1/,
    );

    running.open();
    expect(await first).toBe('ok');
    expect(await cron.fire('jamf:incremental')).toBe('ok');
    expect(calls).toHaveLength(2);
    await scheduler.stop();
  });

  test('an incremental fire during the full sweep of the same connector is skipped; others run', async () => {
    const cron = manualCron();
    const full = gate();
    const calls: string[] = [];
    const scheduler = new Scheduler({
      jobs: [job('jamf', 'full'), job('jamf', 'incremental'), job('intune', 'incremental')],
      runJob: async (connector, mode) => {
        calls.push(`${connector}:${mode}`);
        if (mode === 'full') await full.promise;
      },
      logger: captureLogger().logger,
      cronFactory: cron.factory,
    });
    scheduler.start();
    const sweep = cron.fire('jamf:full');
    expect(await cron.fire('jamf:incremental')).toBe('skipped');
    expect(await cron.fire('intune:incremental')).toBe('ok');
    full.open();
    expect(await sweep).toBe('ok');
    expect(calls).toEqual(['jamf:full', 'intune:incremental']);
    await scheduler.stop();
  });

  test('a failing job is logged, reported failed and releases its lock', async () => {
    const cron = manualCron();
    const lock = new InMemoryJobLock();
    const { logger, lines } = captureLogger();
    const scheduler = new Scheduler({
      jobs: [job('jamf', 'incremental')],
      runJob: async () => {
        throw new Error('token endpoint said 401');
      },
      logger,
      lock,
      cronFactory: cron.factory,
    });
    scheduler.start();
    expect(await cron.fire('jamf:incremental')).toBe('failed');
    expect(lock.isHeld('sync:jamf')).toBe(false);
    expect(lines.some((l) => l.includes('scheduled sync failed') && l.includes('401'))).toBe(true);
    await scheduler.stop();
  });

  test('stop stops the tasks, aborts the running job and waits for it', async () => {
    const cron = manualCron();
    let seen: JobContext | undefined;
    const order: string[] = [];
    const scheduler = new Scheduler({
      jobs: [job('jamf', 'full')],
      runJob: async (_c, _m, ctx) => {
        seen = ctx;
        await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve()));
        order.push('job ended');
      },
      logger: captureLogger().logger,
      cronFactory: cron.factory,
    });
    scheduler.start();
    const run = cron.fire('jamf:full');
    await scheduler.stop().then(() => order.push('stopped'));
    expect(order).toEqual(['job ended', 'stopped']);
    expect(seen?.signal.aborted).toBe(true);
    expect(await run).toBe('ok');
    expect(cron.tasks.get('jamf:full')?.stopped).toBe(true);
    expect(await cron.fire('jamf:full')).toBe('stopped');
  });

  test('the node-cron factory creates a task with the time zone and destroys it on stop', async () => {
    const task = nodeCronFactory('0 2 * * *', async () => undefined, {
      timezone: 'UTC',
      name: 'test-task',
    });
    const cron = await import('node-cron');
    const named = () => [...cron.getTasks().values()].filter((t) => t.name === 'test-task');
    expect(named().map((t) => t.getNextRun()?.toISOString().slice(11))).toEqual(['02:00:00.000Z']);
    await task.stop();
    expect([...cron.getTasks().values()].some((t) => t.name === 'test-task')).toBe(false);
  });
});

import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import type { Logger } from '../core/logging/logger';
import type { SyncProgress } from '../core/sync/sync-progress';

/** A progress bar per phase on a terminal (on stderr, so stdout stays clean for output). */
export function terminalProgress(): SyncProgress {
  const bars = new MultiBar(
    {
      format: ' {phase} {connector} |{bar}| {value}/{total} records, {rate}/s',
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: false,
    },
    Presets.shades_classic,
  );
  let bar: SingleBar | null = null;
  let started = 0;
  let value = 0;
  let known: number | undefined;
  return {
    start(phase, connector, total) {
      started = Date.now();
      value = 0;
      known = total;
      bar = bars.create(total ?? 0, 0, { phase, connector, rate: '0' });
    },
    advance(count, total) {
      if (!bar) return;
      value += count;
      if (total !== undefined) known = total;
      bar.setTotal(Math.max(known ?? value, value));
      const seconds = Math.max((Date.now() - started) / 1000, 0.001);
      bar.update(value, { rate: (value / seconds).toFixed(0) });
    },
    stop() {
      bar?.stop();
      bar = null;
      bars.stop();
    },
  };
}

/** Off a terminal: a structured log line per phase and at most one every `everyMs` in between. */
export function logProgress(logger: Logger, everyMs = 5000, now = () => Date.now()): SyncProgress {
  let state = {
    phase: '',
    connector: '',
    done: 0,
    total: undefined as number | undefined,
    last: 0,
    t0: 0,
  };
  const line = (msg: string) => {
    const seconds = Math.max((now() - state.t0) / 1000, 0.001);
    const { phase, connector, done, total } = state;
    logger.info({ phase, connector, done, total, perSecond: Math.round(done / seconds) }, msg);
  };
  return {
    start(phase, connector, total) {
      state = { phase, connector, done: 0, total, last: now(), t0: now() };
      line('sync phase started');
    },
    advance(count, total) {
      state.done += count;
      if (total !== undefined) state.total = total;
      if (now() - state.last < everyMs) return;
      state.last = now();
      line('sync progress');
    },
    stop() {
      line('sync phase finished');
    },
  };
}

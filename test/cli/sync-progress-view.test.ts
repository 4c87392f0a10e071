import pino from 'pino';
import { Writable } from 'node:stream';
import { logProgress } from '../../cli/sync-progress-view';

describe('logProgress', () => {
  test('writes a structured line per phase and throttles the lines in between', () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    let t = 0;
    const progress = logProgress(pino({ level: 'info' }, sink), 5000, () => t);
    progress.start('read', 'jamf-prod');
    t = 1000;
    progress.advance(100, 1000);
    t = 6000;
    progress.advance(100);
    t = 7000;
    progress.stop();
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        expect(lines.map((l) => l.msg)).toEqual([
          'sync phase started',
          'sync progress',
          'sync phase finished',
        ]);
        expect(lines[1]).toMatchObject({
          phase: 'read',
          connector: 'jamf-prod',
          done: 200,
          total: 1000,
          perSecond: 33,
        });
        resolve();
      }),
    );
  });
});

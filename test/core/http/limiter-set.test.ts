import nock from 'nock';
import { LimiterSet } from '../../../core/http/limiter-set';
import { BASE, testClient, useNock } from './http-test-kit';

useNock();

interface Counter {
  inFlight: number;
  peak: number;
  served: number;
}
const newCounter = (): Counter => ({ inFlight: 0, peak: 0, served: 0 });

/** A nock endpoint that counts requests in flight (from arrival to reply) and their peak. */
function countingEndpoint(path: string, times: number) {
  const counter = newCounter();
  const scope = nock(BASE)
    .get(path)
    .times(times)
    .reply((_uri, _body, callback) => {
      counter.inFlight += 1;
      counter.peak = Math.max(counter.peak, counter.inFlight);
      setTimeout(() => {
        counter.inFlight -= 1;
        counter.served += 1;
        callback(null, [200, { ok: true }]);
      }, 60);
    });
  return { scope, counter };
}

describe('LimiterSet', () => {
  test('maxConcurrent 5 (Jamf) keeps at most 5 requests in flight', async () => {
    const { scope, counter } = countingEndpoint('/api/v1/computers-inventory', 20);
    const limiters = new LimiterSet({ system: { maxConcurrent: 5 } });
    const { client } = testClient({ limiters });
    await Promise.all(
      Array.from({ length: 20 }, () =>
        client.request({ method: 'GET', path: '/api/v1/computers-inventory' }),
      ),
    );
    expect(counter.served).toBe(20);
    expect(counter.peak).toBe(5);
    await limiters.stop();
    expect(scope.isDone()).toBe(true);
  });

  test('a class limiter is chained to the system limiter: both limits hold', async () => {
    const all = newCounter();
    const writes = newCounter();
    const scope = nock(BASE)
      .get(/\/(w|r)/)
      .times(12)
      .reply((uri, _body, callback) => {
        const counters = uri.startsWith('/w') ? [all, writes] : [all];
        for (const c of counters) {
          c.inFlight += 1;
          c.peak = Math.max(c.peak, c.inFlight);
        }
        setTimeout(() => {
          for (const c of counters) c.inFlight -= 1;
          callback(null, [200, {}]);
        }, 60);
      });
    const limiters = new LimiterSet({
      system: { maxConcurrent: 3 },
      classes: { write: { maxConcurrent: 1 } },
    });
    const { client } = testClient({ limiters });
    const write = () => client.request({ method: 'GET', path: '/w', trafficClass: 'write' });
    const read = () => client.request({ method: 'GET', path: '/r' });
    await Promise.all([...Array.from({ length: 6 }, write), ...Array.from({ length: 6 }, read)]);
    expect(writes.peak).toBe(1);
    expect(all.peak).toBe(3);
    await limiters.stop();
    expect(scope.isDone()).toBe(true);
  });

  test('an unknown class uses the system limiter alone', async () => {
    const limiters = new LimiterSet({ system: { maxConcurrent: 1 } });
    let running = 0;
    let peak = 0;
    const job = async () => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5));
      running -= 1;
    };
    await Promise.all([limiters.schedule('nope', job), limiters.schedule(undefined, job)]);
    expect(peak).toBe(1);
    await limiters.stop();
  });

  test('a budget (reservoir) holds back requests beyond it until refilled', async () => {
    const limiters = new LimiterSet({ system: { budget: { amount: 2, intervalMs: 60_000 } } });
    const started: number[] = [];
    const runs = [1, 2, 3].map((n) => limiters.schedule(undefined, async () => started.push(n)));
    await Promise.all(runs.slice(0, 2));
    await new Promise((r) => setTimeout(r, 50));
    expect(started).toEqual([1, 2]);
    await limiters.stop();
  });

  test('pause() makes requests of that class (or all, without a class) wait', () => {
    const limiters = new LimiterSet({ system: {}, classes: { aql: {} } });
    limiters.pause('aql', 10_000);
    expect(limiters.pauseRemainingMs('aql', 4_000)).toBe(6_000);
    expect(limiters.pauseRemainingMs(undefined, 4_000)).toBe(0);
    limiters.pause(undefined, 12_000);
    expect(limiters.pauseRemainingMs('aql', 4_000)).toBe(8_000);
    expect(limiters.pauseRemainingMs('aql', 20_000)).toBe(0);
  });
});

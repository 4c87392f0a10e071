import http from 'node:http';
import { createInterface } from 'node:readline';
import { signedHeaders } from '../test/core/runtime/fake-connector';
import { spawnBenchChild } from './bench-child';

export interface WebhookFigures {
  rate: number;
  seconds: number;
  sent: number;
  accepted: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

function post(agent: http.Agent, port: number, body: string, headers: Record<string, string>) {
  return new Promise<number>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: '/webhooks/bench', method: 'POST', agent, headers },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

/**
 * Open-loop load on `serve`'s webhook route (the runtime in its own process): `rate` signed
 * deliveries a second for `seconds`, each answered after verification and persistence.
 */
export async function benchWebhooks(rate: number, seconds: number): Promise<WebhookFigures> {
  const secret = 'bench-secret';
  const child = spawnBenchChild('serve-child', [secret]);
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
  const port = Number(new URL(url).port);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const latencies: number[] = [];
  let accepted = 0;
  const total = rate * seconds;
  const started = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const body = JSON.stringify({ events: [{ externalId: `computer:${i}` }] });
    const headers = signedHeaders(secret, body, { sentAt: new Date(), deliveryId: `d-${i}` });
    const t0 = performance.now();
    inflight.push(
      post(agent, port, body, headers).then((status) => {
        latencies.push(performance.now() - t0);
        if (status === 202) accepted += 1;
      }),
    );
  }
  await Promise.all(inflight);
  agent.destroy();
  child.stdin?.end();
  await new Promise((resolve) => child.once('exit', resolve));
  latencies.sort((a, b) => a - b);
  return {
    rate,
    seconds,
    sent: total,
    accepted,
    p50Ms: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
    maxMs: latencies[latencies.length - 1],
  };
}

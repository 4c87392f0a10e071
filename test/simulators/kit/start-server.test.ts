import express from 'express';
import http from 'node:http';
import { startServer } from '../../../simulators/kit/start-server';

describe('startServer', () => {
  test('listens on 127.0.0.1 on a free port and serves the app', async () => {
    const app = express();
    app.get('/ping', (_req, res) => res.json({ pong: true }));
    const sim = await startServer('ping', app);
    try {
      expect(sim.name).toBe('ping');
      expect(sim.port).toBeGreaterThan(0);
      expect(sim.url).toBe(`http://127.0.0.1:${sim.port}`);
      expect(await (await fetch(`${sim.url}/ping`)).json()).toEqual({ pong: true });
    } finally {
      await sim.close();
    }
  });

  test('close() ends keep-alive sockets, is idempotent, and frees the port', async () => {
    const app = express();
    app.get('/ping', (_req, res) => res.json({ pong: true }));
    const sim = await startServer('ping', app);
    const agent = new http.Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) => {
      http
        .get(`${sim.url}/ping`, { agent }, (res) => {
          res.resume();
          res.on('end', resolve);
        })
        .on('error', reject);
    });
    await Promise.all([sim.close(), sim.close()]);
    agent.destroy();
    await expect(fetch(`${sim.url}/ping`)).rejects.toThrow();
    const again = await startServer('ping', app, sim.port);
    expect(again.port).toBe(sim.port);
    await again.close();
  });

  test('a port in use is a clear error', async () => {
    const app = express();
    const first = await startServer('one', app);
    try {
      await expect(startServer('two', app, first.port)).rejects.toThrow(
        `two simulator could not listen on 127.0.0.1:${first.port}`,
      );
    } finally {
      await first.close();
    }
  });
});

import express from 'express';
import type { Server } from 'node:http';

export interface VendorDevice {
  id: string;
  serial: string;
  name: string;
  owner?: string;
  updated: string;
}

/**
 * A small vendor over HTTP for crash tests: `mdm` is read-only, `cmdb` takes creates and updates.
 * It outlives the sync processes that the tests kill.
 */
export class HttpFakeVendor {
  readonly systems = {
    mdm: new Map<string, VendorDevice>(),
    cmdb: new Map<string, VendorDevice>(),
  };
  readonly writes: string[] = [];
  /** Share of requests that fail: a 503 or 500 before handling, or a dropped answer after it. */
  faultShare = 0;
  faults = 0;
  private server: Server | null = null;
  private seq = 0;

  seed(count: number): void {
    for (let i = 1; i <= count; i++) {
      const id = `m${String(i).padStart(5, '0')}`;
      this.systems.mdm.set(id, {
        id,
        serial: `SER${String(i).padStart(7, '0')}`,
        name: `dev-${i}`,
        owner: `u${i}@example.com`,
        updated: this.stamp(),
      });
    }
  }

  private stamp(): string {
    this.seq += 1;
    return new Date(Date.UTC(2026, 10, 1) + this.seq * 1000).toISOString();
  }

  app() {
    const app = express();
    app.use(express.json());
    app.use((_req, _res, next) => setTimeout(next, 3));
    app.use((req, res, next) => {
      if (Math.random() >= this.faultShare) return next();
      this.faults += 1;
      const kind = Math.floor(Math.random() * 3);
      if (kind === 0) return void res.status(503).set('retry-after', '0').json({ error: 'busy' });
      if (kind === 1) return void res.status(500).json({ error: 'internal error' });
      res.json = () => {
        req.socket.destroy();
        return res;
      };
      next();
    });
    app.get('/:system/devices', (req, res) => {
      const all = [...this.table(req.params.system).values()].sort((a, b) =>
        a.id < b.id ? -1 : 1,
      );
      const serial = req.query.serial as string | undefined;
      if (serial) return void res.json({ total: 0, items: all.filter((d) => d.serial === serial) });
      const offset = Number(req.query.offset ?? 0);
      const limit = Number(req.query.limit ?? 10);
      res.json({ total: all.length, items: all.slice(offset, offset + limit) });
    });
    app.post('/:system/devices', (req, res) => {
      const table = this.table(req.params.system);
      const id = `c${String(table.size + 1).padStart(5, '0')}`;
      const device = { ...(req.body as VendorDevice), id, updated: this.stamp() };
      table.set(id, device);
      this.writes.push(`create ${device.serial}`);
      res.status(201).json(device);
    });
    app.patch('/:system/devices/:id', (req, res) => {
      const device = this.table(req.params.system).get(req.params.id);
      if (!device) return void res.status(404).json({ error: 'not found' });
      Object.assign(device, req.body, { updated: this.stamp() });
      this.writes.push(`update ${device.id}`);
      res.json(device);
    });
    return app;
  }

  private table(name: string): Map<string, VendorDevice> {
    return name === 'mdm' ? this.systems.mdm : this.systems.cmdb;
  }

  async start(): Promise<string> {
    const server = this.app().listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    this.server = server;
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    return `http://127.0.0.1:${address.port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

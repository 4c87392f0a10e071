/** A tiny vendor-like app assembled from the kit in the documented middleware order, for tests. */
import express from 'express';
import type { Express, NextFunction, Request, Response } from 'express';
import { createControlRouter } from '../../../simulators/kit/control-router';
import { FaultInjector } from '../../../simulators/kit/fault-injector';
import { isJsonParseError } from '../../../simulators/kit/json-errors';
import { RequestLog } from '../../../simulators/kit/request-log';
import { Rng } from '../../../simulators/kit/rng';

export interface MiniVendor {
  app: Express;
  log: RequestLog;
  faults: FaultInjector;
  items: Map<string, { id: string; name: string }>;
}

export function createMiniVendor(seed = 1): MiniVendor {
  const items = new Map<string, { id: string; name: string }>();
  const log = new RequestLog({ capacity: 5 });
  const faults = new FaultInjector({
    rng: new Rng(seed),
    respondError: (status, _req, res, retryAfter) => {
      if (retryAfter !== undefined) res.setHeader('Retry-After', String(retryAfter));
      res.status(status).json({ error: { message: `injected ${status}` } });
    },
  });
  const app = express();
  app.use(log.middleware());
  app.use(
    '/_sim',
    createControlRouter({
      log,
      faults,
      reset: () => items.clear(),
      seed: (body) => seedItems(items, body),
      extra: (router) => router.get('/items-count', (_req, res) => res.json({ n: items.size })),
    }),
  );
  app.use(faults.middleware());
  app.use(express.json());
  app.get('/api/items', (_req, res) => res.json({ result: [...items.values()] }));
  app.get('/api/items/:id', (req, res) => {
    const item = items.get(req.params.id);
    if (!item) res.status(404).json({ error: { message: 'No Record found' } });
    else res.json({ result: item });
  });
  app.post('/api/items', (req, res) => {
    const body = req.body as { name?: unknown };
    const id = String(items.size + 1);
    items.set(id, { id, name: String(body.name) });
    res.status(201).json({ result: items.get(id) });
  });
  app.use((_req: Request, res: Response) =>
    res.status(404).json({ error: { message: 'no route' } }),
  );
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = isJsonParseError(error) ? 400 : 500;
    res.status(status).json({ error: { message: status === 400 ? 'bad json' : 'boom' } });
  });
  return { app, log, faults, items };
}

function seedItems(items: Map<string, { id: string; name: string }>, body: unknown): unknown {
  if (!Array.isArray(body) || !body.every((x) => typeof x === 'string')) {
    throw new Error('expected an array of item names');
  }
  for (const name of body as string[]) {
    const id = String(items.size + 1);
    items.set(id, { id, name });
  }
  return { items: items.size };
}

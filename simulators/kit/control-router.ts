/**
 * The `/_sim` control routes every simulator mounts before its fault injector and auth: reset,
 * seed, fault rules, the request log and statistics. Vendor-specific routes come in via `extra`.
 */
import express, { Router } from 'express';
import type { NextFunction, Request, Response } from 'express';
import { ZodError } from 'zod';
import type { FaultInjector } from './fault-injector';
import { faultRulesBodySchema, formatZodIssues } from './fault-rule-schema';
import type { RequestLog } from './request-log';

export interface ControlRouterOptions {
  log: RequestLog;
  faults: FaultInjector;
  /** Empties the vendor state (records, tokens, counters). */
  reset(): void;
  /** Validates `body` (zod) and loads it; returns counts. Throwing means a bad body (400). */
  seed(body: unknown): unknown;
  extra?: (router: Router) => void;
}

export function createControlRouter(opts: ControlRouterOptions): Router {
  const router = Router();
  router.use(express.json({ limit: '512mb' }));

  router.post('/reset', (_req, res) => {
    opts.reset();
    opts.faults.clear();
    opts.log.clear();
    res.json({ reset: true });
  });

  router.post('/seed', async (req, res) => {
    try {
      const result: unknown = await opts.seed(req.body);
      res.json(result ?? { seeded: true });
    } catch (error) {
      res.status(400).json({ error: `seed body rejected: ${describeError(error)}` });
    }
  });

  router.put('/faults', (req, res) => {
    const parsed = faultRulesBodySchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: `fault rules rejected: ${formatZodIssues(parsed.error)}` });
      return;
    }
    opts.faults.setRules(parsed.data.rules);
    res.json({ rules: opts.faults.rules() });
  });

  router.delete('/faults', (_req, res) => {
    opts.faults.clear();
    res.status(204).end();
  });

  router.get('/requests', (req, res) => {
    const since = parseSince(req.query.since);
    if (since === null) {
      res.status(400).json({ error: 'query parameter "since" must be a non-negative integer' });
      return;
    }
    res.json({ requests: opts.log.list(since) });
  });

  router.delete('/requests', (_req, res) => {
    opts.log.clear();
    res.status(204).end();
  });

  router.get('/stats', (_req, res) => {
    res.json(opts.log.stats());
  });

  opts.extra?.(router);
  router.use(controlErrorHandler);
  return router;
}

function parseSince(value: unknown): number | null {
  if (value === undefined || value === '') return 0;
  if (typeof value !== 'string' || !/^\d+$/.test(value)) return null;
  return Number(value);
}

function describeError(error: unknown): string {
  if (error instanceof ZodError) return formatZodIssues(error);
  if (error instanceof Error) return error.message;
  return String(error);
}

function controlErrorHandler(error: unknown, _req: Request, res: Response, next: NextFunction) {
  if (res.headersSent) {
    next(error);
    return;
  }
  const status = httpStatusOf(error) ?? 500;
  const prefix = status === 400 ? 'bad control request' : 'control route failed';
  res.status(status).json({ error: `${prefix}: ${describeError(error)}` });
}

function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : undefined;
}

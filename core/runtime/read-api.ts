import express, { type RequestHandler, type Router } from 'express';
import { z } from 'zod';
import type { Store } from '../store/store';
import { sendError } from './http-errors';
import { safeEqual } from './safe-equal';

/** Environment variable holding the read API's bearer token. */
export const API_TOKEN_ENV = 'ASSETBRIDGE_API_TOKEN';

export type ReadApiStore = Pick<
  Store,
  'listAssets' | 'getAssets' | 'getProvenance' | 'getHistory' | 'listRuns' | 'listConflicts'
>;

export interface ReadApiOptions {
  store: ReadApiStore;
  /** The bearer token; null or empty switches the read API off (503). */
  apiToken: string | null;
}

const AssetsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  after: z.string().min(1).optional(),
});
const RunsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
const ConflictsQuery = z.strictObject({
  status: z.enum(['open', 'resolved']).optional(),
});

/** Checks the query against `schema`; answers 400 naming the bad parameter. */
function query<T>(
  schema: z.ZodType<T>,
  raw: unknown,
): { ok: true; value: T } | { ok: false; message: string } {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'query';
  return { ok: false, message: `bad query parameter ${where}: ${issue?.message ?? 'invalid'}` };
}

function bearerAuth(apiToken: string | null): RequestHandler {
  return (req, res, next) => {
    if (apiToken === null || apiToken === '') {
      sendError(res, 503, `read API disabled: set ${API_TOKEN_ENV}`);
      return;
    }
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (match === null || !safeEqual(match[1], apiToken)) {
      res.set('WWW-Authenticate', 'Bearer realm="assetbridge"');
      sendError(res, 401, match === null ? 'missing bearer token' : 'wrong bearer token');
      return;
    }
    next();
  };
}

/**
 * The read API under `/api`, behind a bearer token: `GET /api/assets?limit&after`,
 * `/api/assets/:id` (asset, field provenance and history), `/api/runs?limit`,
 * `/api/conflicts?status`. Answers are JSON; unknown assets get a JSON 404.
 */
export function createReadApi(options: ReadApiOptions): Router {
  const { store } = options;
  const router = express.Router();
  router.use('/api', bearerAuth(options.apiToken));

  router.get('/api/assets', async (req, res) => {
    const q = query(AssetsQuery, req.query);
    if (!q.ok) return sendError(res, 400, q.message);
    const page = await store.listAssets({ limit: q.value.limit, after: q.value.after ?? null });
    res.json(page);
  });

  router.get('/api/assets/:id', async (req, res) => {
    const id = req.params.id;
    const found = (await store.getAssets([id])).get(id);
    if (found === undefined) return sendError(res, 404, `no asset with id "${id}"`);
    const [provenance, history] = await Promise.all([
      store.getProvenance([id]),
      store.getHistory(id),
    ]);
    res.json({ asset: found.asset, version: found.version, provenance, history });
  });

  router.get('/api/runs', async (req, res) => {
    const q = query(RunsQuery, req.query);
    if (!q.ok) return sendError(res, 400, q.message);
    res.json({ runs: await store.listRuns({ limit: q.value.limit }) });
  });

  router.get('/api/conflicts', async (req, res) => {
    const q = query(ConflictsQuery, req.query);
    if (!q.ok) return sendError(res, 400, q.message);
    const status = q.value.status;
    res.json({ conflicts: await store.listConflicts(status === undefined ? {} : { status }) });
  });
  return router;
}

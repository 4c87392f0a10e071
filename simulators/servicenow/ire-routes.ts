import express, { Router } from 'express';
import type { Request, Response } from 'express';
import { currentUser } from './auth';
import { IreEngine, type EnhancedOptions } from './ire-engine';
import { irePayloadSchema } from './ire-payload';
import { sendSnError } from './sn-errors';
import type { ServiceNowState } from './servicenow-state';

const DEFAULT_OPTIONS: EnhancedOptions = {
  partial_payloads: true,
  partial_commits: true,
  deduplicate_payloads: true,
  generate_summary: false,
};

/** `options=partial_payloads:false,generate_summary:true`; partial payloads force the other two. */
export function parseEnhancedOptions(raw: unknown): EnhancedOptions {
  const options = { ...DEFAULT_OPTIONS };
  if (typeof raw === 'string') {
    for (const pair of raw.split(',')) {
      const [name, value] = pair.split(':').map((s) => s.trim());
      if (name in options) options[name as keyof EnhancedOptions] = value === 'true';
    }
  }
  if (options.partial_payloads) {
    options.partial_commits = true;
    options.deduplicate_payloads = true;
  }
  return options;
}

/** Builds the IRE router; mount it at `/api/now` and `/api/now/:api_version`. */
export function ireRouter(state: ServiceNowState): Router {
  const router = Router({ mergeParams: true });
  const engine = new IreEngine(state);
  const handle = (enhanced: boolean, commit: boolean) => (req: Request, res: Response) => {
    const parsed = irePayloadSchema.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? `${issue.path.join('.') || 'payload'}: ${issue.message}` : 'payload';
      sendSnError(res, 400, 'Invalid input payload', where);
      return;
    }
    const dataSource =
      typeof req.query.sysparm_data_source === 'string' ? req.query.sysparm_data_source : undefined;
    const result = engine.run(parsed.data, {
      dataSource,
      enhanced,
      commit,
      options: parseEnhancedOptions(req.query.options),
      user: currentUser(res),
    });
    res.json({ result });
  };
  const json = express.json({ limit: '25mb', type: () => true });
  router.post('/identifyreconcile', json, handle(false, true));
  router.post('/identifyreconcile/enhanced', json, handle(true, true));
  router.post('/identifyreconcile/query', json, handle(false, false));
  router.post('/identifyreconcile/queryEnhanced', json, handle(true, false));
  return router;
}

import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { currentUser } from './auth';
import { sendSnError } from './sn-errors';
import type { ActiveRateRule, ServiceNowState } from './servicenow-state';

type RateApi = 'table' | 'identifyreconcile';

const API_NAMES: Record<RateApi, string> = {
  table: 'Table API',
  identifyreconcile: 'Identification and Reconciliation API',
};

function apiOf(path: string): RateApi | null {
  if (/^\/api\/now\/(v\d+\/)?table\//.test(path)) return 'table';
  if (/^\/api\/now\/(v\d+\/)?identifyreconcile/.test(path)) return 'identifyreconcile';
  return null;
}

/** Priority: a rule for this user beats a rule for all users. */
function ruleFor(state: ServiceNowState, api: RateApi, user: string): ActiveRateRule | undefined {
  const applicable = state.rateRules.filter((r) => r.rule.api === 'all' || r.rule.api === api);
  return applicable.find((r) => r.rule.user === user) ?? applicable.find((r) => !r.rule.user);
}

/**
 * Inbound REST rate limiting (`sys_rate_limit_rules`): a matched rule adds `X-RateLimit-Limit`,
 * `X-RateLimit-Reset` (UNIX seconds) and `X-RateLimit-Rule`; over the limit the answer is 429
 * with `Retry-After`. No rules exist out of the box, so by default no headers are sent.
 */
export function rateLimitMiddleware(state: ServiceNowState): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const api = apiOf(req.path);
    const user = currentUser(res);
    const active = api ? ruleFor(state, api, user) : undefined;
    if (!api || !active) {
      next();
      return;
    }
    const decision = active.limiter.take(user);
    res.setHeader('X-RateLimit-Limit', String(decision.limit));
    res.setHeader('X-RateLimit-Reset', String(Math.floor(decision.resetAtMs / 1000)));
    res.setHeader('X-RateLimit-Rule', active.rule.sysId);
    if (!state.quirks.noRateLimitRemaining) {
      res.setHeader('X-RateLimit-Remaining', String(decision.remaining));
    }
    if (decision.allowed) {
      next();
      return;
    }
    res.setHeader('Retry-After', String(decision.retryAfterSeconds));
    sendSnError(
      res,
      429,
      'Rate limit exceeded',
      `Rate limit of ${decision.limit} requests per hour for ${API_NAMES[api]} exceeded`,
    );
  };
}

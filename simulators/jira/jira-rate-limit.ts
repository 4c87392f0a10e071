/**
 * Rate limits as Jira Cloud and Assets apply them to API-token traffic: Jira's burst limits per
 * endpoint and method (per second), and Assets' per-endpoint limits per minute. A refused request
 * gets 429 with `Retry-After`, `X-RateLimit-*` and `RateLimit-Reason`.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { FixedWindowLimiter } from '../kit/rate-limiter';
import type { RateDecision } from '../kit/rate-limiter';
import { routeKey } from '../kit/route-key';
import type { JiraRateLimits } from './jira-options';
import { sendError } from './jira-errors';

type Bucket = 'jiraRead' | 'jiraWrite' | 'aql' | 'totalCount' | 'object';

const ASSETS_PREFIX = /^\/jsm\/assets\/workspace\/[^/]+\/v1/;

/** Which Assets bucket a path (after the workspace prefix) and method fall into, if limited. */
function assetsBucket(method: string, rest: string): Bucket | null {
  if (method === 'POST' && rest === '/object/aql/totalcount') return 'totalCount';
  if (method === 'POST' && rest === '/object/aql') return 'aql';
  if (method === 'POST' && rest === '/object/create') return 'object';
  if (method === 'GET' && /^\/object\/[^/]+$/.test(rest)) return 'object';
  if (method === 'GET' && /^\/objecttype\/[^/]+\/attributes$/.test(rest)) return 'object';
  if (method === 'GET' && rest.startsWith('/objectconnectedtickets/')) return 'object';
  return null;
}

export class JiraRateLimit {
  private limiters = new Map<Bucket, FixedWindowLimiter>();

  constructor(
    private limits: JiraRateLimits,
    private readonly now: () => number,
  ) {
    this.build();
  }

  setLimits(limits: Partial<JiraRateLimits>): JiraRateLimits {
    this.limits = { ...this.limits, ...limits };
    this.build();
    return this.limits;
  }

  current(): JiraRateLimits {
    return { ...this.limits };
  }

  reset(): void {
    this.build();
  }

  private build(): void {
    const l = this.limits;
    const make = (limit: number, windowMs: number) =>
      new FixedWindowLimiter({ limit, windowMs, now: this.now });
    this.limiters = new Map<Bucket, FixedWindowLimiter>([
      ['jiraRead', make(l.jiraReadPerSecond, 1000)],
      ['jiraWrite', make(l.jiraWritePerSecond, 1000)],
      ['aql', make(l.assetsAqlPerMinute, 60_000)],
      ['totalCount', make(l.assetsTotalCountPerMinute, 60_000)],
      ['object', make(l.assetsObjectPerMinute, 60_000)],
    ]);
  }

  middleware(): RequestHandler {
    return (req: Request, res: Response, next: NextFunction) => {
      const method = req.method.toUpperCase();
      const assets = ASSETS_PREFIX.exec(req.path);
      let bucket: Bucket | null;
      let key: string;
      if (assets) {
        const rest = req.path.slice(assets[0].length);
        bucket = assetsBucket(method, rest);
        key = routeKey(method, rest);
      } else {
        bucket = method === 'PUT' || method === 'DELETE' ? 'jiraWrite' : 'jiraRead';
        key = routeKey(method, req.path);
      }
      const limiter = bucket ? this.limiters.get(bucket) : undefined;
      if (!limiter) {
        next();
        return;
      }
      const decision = limiter.take(key);
      setHeaders(res, decision);
      if (decision.allowed) {
        next();
        return;
      }
      res.setHeader('Retry-After', String(decision.retryAfterSeconds));
      res.setHeader(
        'X-RateLimit-Reset',
        new Date(decision.resetAtMs).toISOString().slice(0, 16) + 'Z',
      );
      res.setHeader('RateLimit-Reason', 'jira-burst-based');
      sendError(req, res, 429, 'Rate limit exceeded.');
    };
  }
}

function setHeaders(res: Response, decision: RateDecision): void {
  res.setHeader('X-RateLimit-Limit', String(decision.limit));
  res.setHeader('X-RateLimit-Remaining', String(decision.remaining));
  if (decision.remaining < decision.limit * 0.2) res.setHeader('X-RateLimit-NearLimit', 'true');
}

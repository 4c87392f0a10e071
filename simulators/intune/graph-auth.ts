/**
 * Bearer-token check and per-app throttling in front of the Graph routes. Missing, unknown and
 * expired tokens get Graph's 401 `InvalidAuthenticationToken`; an app over its 20-second budget
 * (all requests, and writes separately) gets 429 `TooManyRequests`, with or without `Retry-After`.
 */
import type { NextFunction, Request, Response } from 'express';
import { FixedWindowLimiter } from '../kit/rate-limiter';
import { GraphHttpError } from './graph-errors';
import type { IntuneState } from './intune-state';

const APP_LOCAL = 'graphAppId';

export function requireGraphBearer(state: IntuneState, now: () => number) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    if (!match) {
      next(new GraphHttpError(401, 'InvalidAuthenticationToken', 'Access token is empty.'));
      return;
    }
    const token = state.tokens.get(match[1] as string);
    if (!token) {
      next(
        new GraphHttpError(401, 'InvalidAuthenticationToken', 'IDX14100: JWT is not well formed.'),
      );
      return;
    }
    if (token.expiresAtMs <= now()) {
      res.setHeader(
        'WWW-Authenticate',
        'Bearer error="invalid_token", error_description="The token is expired"',
      );
      next(
        new GraphHttpError(
          401,
          'InvalidAuthenticationToken',
          'Lifetime validation failed, the token is expired.',
        ),
      );
      return;
    }
    res.locals[APP_LOCAL] = token.appId;
    next();
  };
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export class GraphThrottle {
  private reads: FixedWindowLimiter;
  private writes: FixedWindowLimiter;

  constructor(
    private readonly state: IntuneState,
    private readonly now: () => number,
  ) {
    this.reads = this.limiter(state.config.readBudgetPer20s);
    this.writes = this.limiter(state.config.writeBudgetPer20s);
  }

  /** Rebuilds the windows (after a config change or reset). */
  reset(): void {
    this.reads = this.limiter(this.state.config.readBudgetPer20s);
    this.writes = this.limiter(this.state.config.writeBudgetPer20s);
  }

  middleware() {
    return (req: Request, res: Response, next: NextFunction): void => {
      const app = String(res.locals[APP_LOCAL] ?? 'anonymous');
      let decision = this.reads.take(app);
      if (decision.allowed && WRITES.has(req.method)) decision = this.writes.take(app);
      if (decision.allowed) {
        next();
        return;
      }
      if (this.state.config.retryAfter)
        res.setHeader('Retry-After', String(decision.retryAfterSeconds));
      next(new GraphHttpError(429, 'TooManyRequests', 'Too many requests. Please retry later.'));
    };
  }

  private limiter(limit: number): FixedWindowLimiter {
    return new FixedWindowLimiter({ limit, windowMs: 20_000, now: this.now });
  }
}

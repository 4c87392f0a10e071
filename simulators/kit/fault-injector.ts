/**
 * Injects faults into a simulator's traffic according to `FaultRule`s: a vendor error status, a
 * slow answer, a dropped connection, or a truncated body. Rules are tried in order; the first rule
 * that matches the request and wins its `share` roll (seeded Rng) applies, until its `count` is used.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Rng } from './rng';
import type { FaultRule } from './sim-types';
import { markFault } from './request-log';
import { parseFaultRules } from './fault-rule-schema';
import { truncateResponse } from './truncate-response';

export type RespondError = (
  status: number,
  req: Request,
  res: Response,
  retryAfterSeconds?: number,
) => void;

export interface FaultInjectorOptions {
  rng: Rng;
  /** Writes the vendor's own error envelope for `status`. */
  respondError: RespondError;
}

interface ActiveRule {
  rule: FaultRule;
  pattern: RegExp | null;
  remaining: number;
}

export class FaultInjector {
  private readonly rng: Rng;
  private readonly respondError: RespondError;
  private active: ActiveRule[] = [];

  constructor(opts: FaultInjectorOptions) {
    this.rng = opts.rng;
    this.respondError = opts.respondError;
  }

  /** Replaces all rules; throws an Error naming the bad field when a rule is invalid. */
  setRules(rules: FaultRule[]): void {
    this.active = parseFaultRules(rules).map((rule) => ({
      rule,
      pattern: rule.path.startsWith('^') ? new RegExp(rule.path) : null,
      remaining: rule.count ?? Number.POSITIVE_INFINITY,
    }));
  }

  /** The rules in force, with `count` showing the hits left. */
  rules(): FaultRule[] {
    return this.active.map(({ rule, remaining }) =>
      Number.isFinite(remaining) ? { ...rule, count: remaining } : { ...rule },
    );
  }

  clear(): void {
    this.active = [];
  }

  middleware(): RequestHandler {
    return (req: Request, res: Response, next: NextFunction) => {
      const rule = this.pick(req);
      if (!rule) {
        next();
        return;
      }
      markFault(res, rule.kind);
      this.apply(rule, req, res, next);
    };
  }

  private pick(req: Request): FaultRule | undefined {
    for (const entry of this.active) {
      if (entry.remaining <= 0 || !matches(entry, req)) continue;
      if (!this.rng.chance(entry.rule.share ?? 1)) continue;
      entry.remaining -= 1;
      return entry.rule;
    }
    return undefined;
  }

  private apply(rule: FaultRule, req: Request, res: Response, next: NextFunction): void {
    switch (rule.kind) {
      case 'status':
        this.respondError(rule.status ?? 500, req, res, rule.retryAfterSeconds);
        return;
      case 'slow':
        setTimeout(next, rule.delayMs ?? 0);
        return;
      case 'drop':
        req.socket.destroy();
        return;
      case 'truncate':
        truncateResponse(res);
        next();
        return;
    }
  }
}

function matches(entry: ActiveRule, req: Request): boolean {
  const { rule, pattern } = entry;
  if (rule.method && rule.method.toUpperCase() !== req.method.toUpperCase()) return false;
  return pattern ? pattern.test(req.path) : req.path.startsWith(rule.path);
}

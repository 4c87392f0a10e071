/**
 * Records every request a simulator answers (except the `/_sim` control routes): a ring of the
 * most recent entries for `GET /_sim/requests`, and counters over all requests for `/_sim/stats`.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { FaultRule, LoggedRequest, SimStats } from './sim-types';
import { routeKey } from './route-key';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const FAULT_LOCAL = 'simFault';

/** Marks the response as faulted so that the log entry records it (used by the fault injector). */
export function markFault(res: Response, kind: FaultRule['kind']): void {
  res.locals[FAULT_LOCAL] = kind;
}

export interface RequestLogOptions {
  /** Ring size; default 50,000. */
  capacity?: number;
  /** Path prefix that is not logged; default `/_sim`. */
  controlPrefix?: string;
}

export class RequestLog {
  private readonly capacity: number;
  private readonly controlPrefix: string;
  private ring: LoggedRequest[] = [];
  private start = 0;
  private seq = 0;
  private counters: SimStats = emptyStats();

  constructor(options: RequestLogOptions = {}) {
    this.capacity = options.capacity ?? 50_000;
    this.controlPrefix = options.controlPrefix ?? '/_sim';
    if (!Number.isInteger(this.capacity) || this.capacity < 1) {
      throw new Error(`RequestLog: capacity must be a positive integer, got ${this.capacity}`);
    }
  }

  middleware(): RequestHandler {
    return (req: Request, res: Response, next: NextFunction) => {
      const path = req.path;
      if (path === this.controlPrefix || path.startsWith(`${this.controlPrefix}/`)) {
        next();
        return;
      }
      const startedAt = Date.now();
      const startedHr = process.hrtime.bigint();
      const rawUrl = req.originalUrl;
      const queryIndex = rawUrl.indexOf('?');
      const query = queryIndex >= 0 ? rawUrl.slice(queryIndex + 1) : '';
      let done = false;
      const finish = (): void => {
        if (done) return;
        done = true;
        const fault = res.locals[FAULT_LOCAL] as FaultRule['kind'] | undefined;
        const status = res.headersSent ? res.statusCode : 0;
        this.record({
          seq: 0,
          at: new Date(startedAt).toISOString(),
          method: req.method,
          path,
          query,
          status,
          durationMs: Number(process.hrtime.bigint() - startedHr) / 1e6,
          ...(fault ? { fault } : {}),
        });
      };
      res.on('finish', finish);
      res.on('close', finish);
      next();
    };
  }

  /** Entries with `seq > sinceSeq`, oldest first. */
  list(sinceSeq = 0): LoggedRequest[] {
    const out: LoggedRequest[] = [];
    for (let i = 0; i < this.ring.length; i++) {
      const entry = this.ring[(this.start + i) % this.ring.length] as LoggedRequest;
      if (entry.seq > sinceSeq) out.push({ ...entry });
    }
    return out;
  }

  stats(): SimStats {
    const c = this.counters;
    return {
      total: c.total,
      mutating: c.mutating,
      byMethod: { ...c.byMethod },
      byRoute: { ...c.byRoute },
      byStatus: { ...c.byStatus },
    };
  }

  clear(): void {
    this.ring = [];
    this.start = 0;
    this.counters = emptyStats();
  }

  private record(entry: LoggedRequest): void {
    this.seq += 1;
    entry.seq = this.seq;
    if (this.ring.length < this.capacity) {
      this.ring.push(entry);
    } else {
      this.ring[this.start] = entry;
      this.start = (this.start + 1) % this.capacity;
    }
    this.count(entry);
  }

  private count(entry: LoggedRequest): void {
    const c = this.counters;
    c.total += 1;
    if (MUTATING.has(entry.method)) c.mutating += 1;
    bump(c.byMethod, entry.method);
    bump(c.byRoute, routeKey(entry.method, entry.path));
    bump(c.byStatus, String(entry.status));
  }
}

function emptyStats(): SimStats {
  return { total: 0, mutating: 0, byMethod: {}, byRoute: {}, byStatus: {} };
}

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

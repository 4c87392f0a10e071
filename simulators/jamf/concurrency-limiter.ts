/**
 * Caps the number of requests in flight. Jamf Pro has no documented rate limit but asks clients
 * to keep to about five concurrent connections; the Jamf Cloud edge refuses the excess with a
 * quota-violation body. `pause()` holds admitted requests until `resume()`, so tests can fill the
 * cap deterministically.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';

export interface ConcurrencyLimiterOptions {
  limit: () => number;
  reject: (req: Request, res: Response) => void;
}

export class ConcurrencyLimiter {
  private active = 0;
  private gate: Promise<void> | null = null;
  private openGate: (() => void) | null = null;

  constructor(private readonly options: ConcurrencyLimiterOptions) {}

  get inFlight(): number {
    return this.active;
  }

  /** Admitted requests wait (still counted as in flight) until `resume()`. */
  pause(): void {
    if (this.gate) return;
    this.gate = new Promise((resolve) => {
      this.openGate = resolve;
    });
  }

  resume(): void {
    this.openGate?.();
    this.gate = null;
    this.openGate = null;
  }

  middleware(): RequestHandler {
    return (req: Request, res: Response, next: NextFunction) => {
      if (this.active >= this.options.limit()) {
        this.options.reject(req, res);
        return;
      }
      this.active += 1;
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        this.active -= 1;
      };
      res.on('finish', release);
      res.on('close', release);
      if (this.gate) void this.gate.then(() => next());
      else next();
    };
  }
}

import type { Version3Client } from 'jira.js';
import { z } from 'zod';
import { jiraCall } from './jira-http-adapter';

const Myself = z.looseObject({ timeZone: z.string().optional() });

/** Whether `zone` is an IANA time zone this runtime knows. */
function knownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The time zone of the connector's account (`GET /myself`), in which Jira reads the dates of JQL
 * and Assets those of AQL. Read once and kept; UTC when the profile names none.
 */
export class AccountZone {
  private zone: Promise<string> | null = null;

  constructor(private readonly platform: Version3Client) {}

  get(): Promise<string> {
    this.zone ??= jiraCall(() => this.platform.myself.getCurrentUser<unknown>()).then(
      (raw) => {
        const zone = Myself.parse(raw).timeZone;
        return zone !== undefined && knownZone(zone) ? zone : 'UTC';
      },
      (err: unknown) => {
        this.zone = null;
        throw err;
      },
    );
    return this.zone;
  }
}

/** `yyyy-MM-dd HH:mm` of an instant as a clock in `zone` shows it, rounded down to the minute. */
export function minuteIn(instant: string, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(Date.parse(instant)));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

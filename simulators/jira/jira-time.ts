/**
 * Date and time formats of Jira and Assets: Jira's `2024-01-15T10:04:41.527+0000`, Assets' ISO
 * values with user-formatted display values (`16/Feb/21 8:04 PM`), and the date literals that
 * JQL and AQL accept. The simulated site's time zone is UTC.
 */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** Jira REST timestamp: `yyyy-MM-dd'T'HH:mm:ss.SSSZ` with a `+0000` offset. */
export function jiraDateTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

/** ISO-8601 UTC with milliseconds, as Assets returns `created` and `updated`. */
export function isoUtc(ms: number): string {
  return new Date(ms).toISOString();
}

/** Assets display value of a DateTime: `16/Feb/21 8:04 PM`. */
export function displayDateTime(ms: number): string {
  const d = new Date(ms);
  const hours = d.getUTCHours();
  const h12 = hours % 12 === 0 ? 12 : hours % 12;
  const ampm = hours < 12 ? 'AM' : 'PM';
  return `${displayDay(d)} ${h12}:${pad(d.getUTCMinutes())} ${ampm}`;
}

/** Assets display value of a Date (`yyyy-MM-dd` in, `15/Jan/24` out). */
export function displayDate(isoDate: string): string {
  return displayDay(new Date(`${isoDate}T00:00:00Z`));
}

function displayDay(d: Date): string {
  const year = pad(d.getUTCFullYear() % 100);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${year}`;
}

/** JSM `DateDTO`. */
export function jsmDate(ms: number): {
  iso8601: string;
  jira: string;
  friendly: string;
  epochMillis: number;
} {
  const jira = jiraDateTime(ms);
  return {
    iso8601: jira.replace(/\.\d{3}/, ''),
    jira,
    friendly: displayDateTime(ms),
    epochMillis: ms,
  };
}

const ABSOLUTE =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const RELATIVE = /^([+-]?)(\d+)\s*([wdhm])$/i;
const UNIT_MS: Record<string, number> = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000 };

/**
 * Parses a date literal of JQL or AQL: `yyyy/MM/dd`, `yyyy-MM-dd`, either with ` HH:mm`, ISO-8601,
 * or a relative offset such as `-15m`, `-2h`, `-1d`, `-1w`. Returns epoch ms, or null.
 */
export function parseDateLiteral(text: string, now: number): number | null {
  const trimmed = text.trim();
  const relative = RELATIVE.exec(trimmed);
  if (relative) {
    const amount = Number(relative[2]) * (UNIT_MS[(relative[3] as string).toLowerCase()] ?? 0);
    return relative[1] === '-' ? now - amount : now + amount;
  }
  const match = ABSOLUTE.exec(trimmed);
  if (!match) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = match;
  const ms = Date.UTC(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h ?? 0),
    Number(mi ?? 0),
    Number(s ?? 0),
    Number((frac ?? '0').padEnd(3, '0')),
  );
  if (Number.isNaN(ms) || Number(mo) > 12 || Number(d) > 31) return null;
  return ms - zoneOffsetMs(zone);
}

function zoneOffsetMs(zone: string | undefined): number {
  if (!zone || zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
}

/** True when `text` is a valid calendar date `yyyy-MM-dd`. */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(text);
}

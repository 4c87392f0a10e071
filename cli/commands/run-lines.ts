import type { RunRow } from '../../core/store/store-types';

/** Failures printed per connector; `--json` shows every stored one. */
const PRINTED_FAILURES = 10;

type Counts = Record<string, number>;

interface StoredConnector {
  read?: { mode?: string | null; records?: number; outcomes?: Counts };
  writes?: Counts;
  tickets?: Counts;
  missing?: { marked?: number; retired?: number; stopped?: string | null };
  failures?: number;
  failureList?: { ref: string; message: string }[];
  error?: string | null;
}

interface StoredRequests {
  requests?: { system: string; method: string; statusClass: string; count: number }[];
}

/** What the runs of each kind store as their summary (import, sync, webhook, link, dispose). */
interface StoredSummary {
  file?: string;
  source?: string;
  counts?: Counts;
  conflicts?: number;
  error?: string;
  connectors?: Record<string, StoredConnector>;
  requests?: StoredRequests | null;
  results?: StoredLinkResult[];
  asset?: string;
  changed?: string[];
}

interface StoredLinkResult {
  connector?: string;
  ticket?: { key?: string; linked?: string[]; unlinked?: string[]; contextPosted?: boolean };
  backfill?: Counts;
}

/** The text lines of one run: its header, then the counts its kind stores. */
export function runLines(r: RunRow): string[] {
  const summary = r.summary as StoredSummary;
  return [
    `${r.startedAt} → ${r.endedAt ?? '(running)'}  ${r.kind.padEnd(8)} ${r.status.padEnd(8)} ${r.id}`,
    ...importLines(summary),
    ...Object.entries(summary.connectors ?? {}).flatMap(([name, c]) => connectorLines(name, c)),
    ...requestLines(summary.requests ?? null),
    ...(summary.results ?? []).map(linkLine),
    ...changeLines(summary),
    ...(summary.error ? [`  error: ${summary.error}`] : []),
  ];
}

/** `created 51, updated 1, ...` in the order stored; numbers only. */
function countText(counts: Counts | undefined): string {
  return Object.entries(counts ?? {})
    .filter(([, v]) => typeof v === 'number')
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}

function importLines(s: StoredSummary): string[] {
  if (s.counts === undefined) return [];
  const what = [s.source, s.file].filter(Boolean).join(' ');
  const conflicts = s.conflicts === undefined ? '' : `; identity conflicts ${s.conflicts}`;
  return [`  ${what ? `${what}: ` : ''}rows ${countText(s.counts)}${conflicts}`];
}

function connectorLines(name: string, c: StoredConnector): string[] {
  const read = c.read?.mode ? `read ${c.read.records ?? 0} (${c.read.mode}); ` : '';
  const tickets = countText(c.tickets);
  const lines = [
    `  ${name}: ${read}writes ${countText(c.writes)}; failures ${c.failures ?? 0}` +
      (tickets && Object.values(c.tickets ?? {}).some((v) => v !== 0)
        ? `; tickets ${tickets}`
        : ''),
  ];
  if (c.read?.mode && c.read.outcomes) lines.push(`    records ${countText(c.read.outcomes)}`);
  if (c.missing && ((c.missing.marked ?? 0) > 0 || (c.missing.retired ?? 0) > 0)) {
    lines.push(`    missing: marked ${c.missing.marked ?? 0}, retired ${c.missing.retired ?? 0}`);
  }
  if (c.missing?.stopped) lines.push(`    missing sweep stopped: ${c.missing.stopped}`);
  if (c.error) lines.push(`    error: ${c.error}`);
  const list = c.failureList ?? [];
  for (const f of list.slice(0, PRINTED_FAILURES)) lines.push(`    failed ${f.ref}: ${f.message}`);
  const more = (c.failures ?? list.length) - Math.min(list.length, PRINTED_FAILURES);
  if (more > 0) lines.push(`    … ${more} more failures (--json lists the stored ones)`);
  return lines;
}

function requestLines(stored: StoredRequests | null): string[] {
  const requests = stored?.requests ?? [];
  if (requests.length === 0) return [];
  const bySystem = requests.map((q) => `${q.system} ${q.method} ${q.statusClass}: ${q.count}`);
  return [`  requests: ${bySystem.join('; ')}`];
}

function linkLine(r: StoredLinkResult): string {
  const name = r.connector ?? '?';
  if (r.ticket) {
    const t = r.ticket;
    const note = t.contextPosted ? 'context note posted' : 'no context note';
    return `  ${name} ${t.key ?? '?'}: linked ${t.linked?.length ?? 0}, unlinked ${t.unlinked?.length ?? 0}, ${note}`;
  }
  return `  ${name}: tickets ${countText(r.backfill)}`;
}

function changeLines(s: StoredSummary): string[] {
  if (s.changed === undefined) return [];
  const n = s.changed.length;
  const fields = n === 0 ? '' : ` (${[...new Set(s.changed)].join(', ')})`;
  return [
    `  asset ${s.asset ?? '?'} by ${s.source ?? '?'}: ${n} change${n === 1 ? '' : 's'}${fields}`,
  ];
}

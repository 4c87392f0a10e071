import type { Asset, CustodyEntry } from './asset';

/** How far past the clock's now a stated time may be: the clocks of people and systems differ. */
export const CLOCK_SKEW_MINUTES = 5;
/** An approval more than this many days before the wipe it approves is refused as a mistake. */
export const MAX_APPROVAL_LEAD_DAYS = 90;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** What an operator states about a disposal now, before it is merged into the stored record. */
export interface DisposalStatement {
  wipedAt?: string;
  approvedAt?: string;
  /** Custody entries not yet recorded, each with its index in the entries as stated. */
  custody: { index: number; entry: CustodyEntry }[];
}

/** One impossible statement: which field (and custody entry), and why, in words. */
export interface DisposalIssue {
  field: 'wipedAt' | 'approvedAt' | 'custody';
  /** For `custody`: the index of the entry in the entries as stated. */
  index?: number;
  /** The stated instant. */
  value: string;
  /** Names the field and the value, and says what is wrong: both times when two disagree. */
  message: string;
}

/**
 * What is impossible in a disposal statement about `asset` (as stored, before the statement), at
 * the clock's `now`: a time later than now (beyond CLOCK_SKEW_MINUTES), a time before the
 * asset's purchase date, an approval more than MAX_APPROVAL_LEAD_DAYS before the wipe, or a
 * custody hand-over earlier than the hand-over before it. Empty when all is possible.
 */
export function disposalIssues(
  asset: Asset,
  stated: DisposalStatement,
  now: Date,
): DisposalIssue[] {
  const issues: DisposalIssue[] = [];
  const instants: { field: DisposalIssue['field']; index?: number; label: string; at: string }[] =
    [];
  if (stated.wipedAt)
    instants.push({ field: 'wipedAt', label: 'disposal.wipedAt', at: stated.wipedAt });
  if (stated.approvedAt) {
    instants.push({ field: 'approvedAt', label: 'disposal.approvedAt', at: stated.approvedAt });
  }
  for (const { index, entry } of stated.custody) {
    instants.push({ field: 'custody', index, label: custodyLabel(entry), at: entry.at });
  }

  const latest = now.getTime() + CLOCK_SKEW_MINUTES * MINUTE_MS;
  const purchased = asset.purchase.date ?? null;
  for (const { field, index, label, at } of instants) {
    const issue = (why: string) =>
      issues.push({ field, ...(index === undefined ? {} : { index }), value: at, message: why });
    if (Date.parse(at) > latest) {
      issue(
        `${label} ${at} is later than now (${now.toISOString()}, with ` +
          `${CLOCK_SKEW_MINUTES} minutes of clock difference allowed)`,
      );
    }
    if (purchased !== null && at < `${purchased}T00:00:00.000Z`) {
      issue(`${label} ${at} is before the asset's purchase date ${purchased}`);
    }
  }

  issues.push(...approvalLead(asset, stated, now));
  issues.push(...custodyOrder(asset, stated));
  return issues;
}

/** The approval against the wipe it approves; a disposal that states no wipe time wipes now. */
function approvalLead(asset: Asset, stated: DisposalStatement, now: Date): DisposalIssue[] {
  if (stated.approvedAt === undefined && stated.wipedAt === undefined) return [];
  const approvedAt = stated.approvedAt ?? asset.disposal?.approvedAt;
  const wipedAt = stated.wipedAt ?? asset.disposal?.wipedAt ?? now.toISOString();
  if (approvedAt === undefined) return [];
  if (Date.parse(wipedAt) - Date.parse(approvedAt) <= MAX_APPROVAL_LEAD_DAYS * DAY_MS) return [];
  return [
    {
      field: 'approvedAt',
      value: approvedAt,
      message:
        `disposal.approvedAt ${approvedAt} is more than ${MAX_APPROVAL_LEAD_DAYS} days before ` +
        `the wipe it approves (disposal.wipedAt ${wipedAt}` +
        `${(stated.wipedAt ?? asset.disposal?.wipedAt) ? '' : ', none stated: now'})`,
    },
  ];
}

/** Each stated hand-over must not be earlier than the one before it (stored or stated). */
function custodyOrder(asset: Asset, stated: DisposalStatement): DisposalIssue[] {
  const issues: DisposalIssue[] = [];
  let previous = latestEntry(asset.disposal?.custody ?? []);
  for (const { index, entry } of stated.custody) {
    if (previous !== null && entry.at < previous.at) {
      issues.push({
        field: 'custody',
        index,
        value: entry.at,
        message:
          `${custodyLabel(entry)} ${entry.at} is earlier than the asset's previous custody ` +
          `entry (${previous.from} -> ${previous.to}) at ${previous.at}`,
      });
      continue;
    }
    previous = entry;
  }
  return issues;
}

function latestEntry(entries: readonly CustodyEntry[]): CustodyEntry | null {
  let latest: CustodyEntry | null = null;
  for (const e of entries) if (latest === null || e.at >= latest.at) latest = e;
  return latest;
}

function custodyLabel(entry: CustodyEntry): string {
  return `custody entry ${entry.from} -> ${entry.to} at`;
}

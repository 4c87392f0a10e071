import { emptyAsset, type Asset } from '../../../core/model/asset';
import {
  CLOCK_SKEW_MINUTES,
  disposalIssues,
  MAX_APPROVAL_LEAD_DAYS,
} from '../../../core/model/disposal-issues';

const NOW = new Date('2026-12-04T12:00:00.000Z');
const DAY = 86_400_000;

function asset(patch: Partial<Asset> = {}): Asset {
  return { ...emptyAsset('a1', '2026-01-01T00:00:00.000Z'), ...patch };
}

const iso = (ms: number) => new Date(ms).toISOString();

describe('disposalIssues', () => {
  test('possible statements have no issues', () => {
    const stated = {
      wipedAt: '2026-12-01T09:00:00.000Z',
      approvedAt: '2026-11-20T09:00:00.000Z',
      custody: [{ index: 0, entry: { at: '2026-12-02T09:00:00.000Z', from: 'a', to: 'b' } }],
    };
    expect(disposalIssues(asset({ purchase: { date: '2022-03-01' } }), stated, NOW)).toEqual([]);
  });

  test('a time later than now is refused beyond the allowed clock difference only', () => {
    const within = iso(NOW.getTime() + (CLOCK_SKEW_MINUTES - 1) * 60_000);
    const beyond = iso(NOW.getTime() + (CLOCK_SKEW_MINUTES + 1) * 60_000);
    expect(disposalIssues(asset(), { wipedAt: within, custody: [] }, NOW)).toEqual([]);
    const issues = disposalIssues(
      asset(),
      {
        approvedAt: beyond,
        custody: [{ index: 2, entry: { at: '2099-01-01T00:00:00.000Z', from: 'a', to: 'b' } }],
      },
      NOW,
    );
    expect(issues.map((i) => [i.field, i.index])).toEqual([
      ['approvedAt', undefined],
      ['custody', 2],
    ]);
    expect(issues[0]!.message).toBe(
      `disposal.approvedAt ${beyond} is later than now (${NOW.toISOString()}, with ` +
        `${CLOCK_SKEW_MINUTES} minutes of clock difference allowed)`,
    );
  });

  test('a time before the purchase date is refused', () => {
    const issues = disposalIssues(
      asset({ purchase: { date: '2023-03-13' } }),
      { approvedAt: '2020-01-01T00:00:00.000Z', custody: [] },
      NOW,
    );
    expect(issues.map((i) => i.message)).toEqual([
      "disposal.approvedAt 2020-01-01T00:00:00.000Z is before the asset's purchase date 2023-03-13",
      'disposal.approvedAt 2020-01-01T00:00:00.000Z is more than 90 days before the wipe it ' +
        `approves (disposal.wipedAt ${NOW.toISOString()}, none stated: now)`,
    ]);
  });

  test('an approval long before the wipe is refused, also against the stored wipe', () => {
    const wipedAt = '2026-12-01T00:00:00.000Z';
    const limit = iso(Date.parse(wipedAt) - MAX_APPROVAL_LEAD_DAYS * DAY);
    const tooEarly = iso(Date.parse(limit) - 1000);
    expect(disposalIssues(asset(), { wipedAt, approvedAt: limit, custody: [] }, NOW)).toEqual([]);
    const stored = asset({ disposal: { wipedAt, custody: [] } });
    const issues = disposalIssues(stored, { approvedAt: tooEarly, custody: [] }, NOW);
    expect(issues).toEqual([
      {
        field: 'approvedAt',
        value: tooEarly,
        message:
          `disposal.approvedAt ${tooEarly} is more than ${MAX_APPROVAL_LEAD_DAYS} days before ` +
          `the wipe it approves (disposal.wipedAt ${wipedAt})`,
      },
    ]);
    // Nothing stated about either time: the stored record is not judged again.
    expect(disposalIssues(stored, { custody: [] }, NOW)).toEqual([]);
  });

  test('an approval with no wipe time stated or stored is held against now', () => {
    const stale = iso(NOW.getTime() - (MAX_APPROVAL_LEAD_DAYS + 1) * DAY);
    const issues = disposalIssues(asset(), { approvedAt: stale, custody: [] }, NOW);
    expect(issues.map((i) => i.message)).toEqual([
      `disposal.approvedAt ${stale} is more than ${MAX_APPROVAL_LEAD_DAYS} days before the wipe ` +
        `it approves (disposal.wipedAt ${NOW.toISOString()}, none stated: now)`,
    ]);
    const recent = iso(NOW.getTime() - DAY);
    expect(disposalIssues(asset(), { approvedAt: recent, custody: [] }, NOW)).toEqual([]);
  });

  test('each hand-over must not be earlier than the one before it, stored or stated', () => {
    const stored = asset({
      disposal: {
        custody: [
          { at: '2026-12-03T10:00:00.000Z', from: 'Paris Studio', to: 'it-desk' },
          { at: '2026-11-29T10:00:00.000Z', from: 'user', to: 'Paris Studio' },
        ],
      },
    });
    const issues = disposalIssues(
      stored,
      {
        custody: [
          { index: 0, entry: { at: '2026-12-03T11:00:00.000Z', from: 'it-desk', to: 'van' } },
          { index: 1, entry: { at: '2026-12-03T10:30:00.000Z', from: 'van', to: 'Shred Co' } },
        ],
      },
      NOW,
    );
    expect(issues).toEqual([
      {
        field: 'custody',
        index: 1,
        value: '2026-12-03T10:30:00.000Z',
        message:
          'custody entry van -> Shred Co at 2026-12-03T10:30:00.000Z is earlier than the ' +
          "asset's previous custody entry (it-desk -> van) at 2026-12-03T11:00:00.000Z",
      },
    ]);
    const first = disposalIssues(
      stored,
      { custody: [{ index: 0, entry: { at: '2026-11-30T09:00:00.000Z', from: 'x', to: 'y' } }] },
      NOW,
    );
    expect(first[0]!.message).toMatch(
      /previous custody entry \(Paris Studio -> it-desk\) at 2026-12-03T10:00:00\.000Z$/,
    );
  });
});

import { runLines } from '../../../cli/commands/run-lines';
import type { RunRow } from '../../../core/store/store-types';

const run = (kind: string, summary: Record<string, unknown>, status: RunRow['status'] = 'ok') => ({
  id: `run-${kind}`,
  kind,
  startedAt: '2026-12-01T10:00:00.000Z',
  endedAt: '2026-12-01T10:00:01.000Z',
  status,
  summary,
});

describe('runs as text: the counts of every run kind', () => {
  test('an import run shows its row counts and conflicts', () => {
    const lines = runLines(
      run('import', {
        file: 'examples/devices.csv',
        source: 'spreadsheet',
        counts: { created: 51, updated: 1, unchanged: 0, conflict: 0, rejected: 0 },
        conflicts: 1,
      }),
    );
    expect(lines).toEqual([
      '2026-12-01T10:00:00.000Z → 2026-12-01T10:00:01.000Z  import   ok       run-import',
      '  spreadsheet examples/devices.csv: rows created 51, updated 1, unchanged 0, conflict 0, ' +
        'rejected 0; identity conflicts 1',
    ]);
  });

  test('a failed import shows its error', () => {
    const lines = runLines(run('import', { error: 'IMPORT_FILE: x.csv is empty' }, 'failed'));
    expect(lines[1]).toBe('  error: IMPORT_FILE: x.csv is empty');
  });

  test('a sync run shows reads, record outcomes, writes, tickets and missing counts', () => {
    const lines = runLines(
      run('sync', {
        connectors: {
          'sn-prod': {
            read: {
              mode: 'full',
              records: 30,
              outcomes: { created: 28, updated: 2, unchanged: 0, conflict: 0, rejected: 0 },
            },
            writes: { created: 0, updated: 3, unchanged: 27, failed: 0, retired: 0 },
            tickets: { read: 4, linked: 2, unlinked: 0, notes: 2, failed: 0 },
            missing: { marked: 1, retired: 0, stopped: null },
            failures: 0,
          },
        },
        requests: null,
      }),
    );
    expect(lines.slice(1)).toEqual([
      '  sn-prod: read 30 (full); writes created 0, updated 3, unchanged 27, failed 0, retired 0; ' +
        'failures 0; tickets read 4, linked 2, unlinked 0, notes 2, failed 0',
      '    records created 28, updated 2, unchanged 0, conflict 0, rejected 0',
      '    missing: marked 1, retired 0',
    ]);
  });

  test('link, dispose and custody runs show what they changed', () => {
    const link = runLines(
      run('link', {
        results: [
          {
            asset: 'a1',
            connector: 'sn-prod',
            ticket: { key: 'INC1', linked: ['a1'], unlinked: [], contextPosted: true },
          },
          {
            asset: 'a1',
            connector: 'jsm-prod',
            backfill: { read: 3, linked: 1, unlinked: 0, notes: 1, failed: 0, failures: [] },
          },
        ],
      }),
    );
    expect(link.slice(1)).toEqual([
      '  sn-prod INC1: linked 1, unlinked 0, context note posted',
      '  jsm-prod: tickets read 3, linked 1, unlinked 0, notes 1, failed 0',
    ]);
    const dispose = runLines(
      run('dispose', {
        asset: 'a1',
        source: 'alice',
        changed: ['disposal.wipeMethod', 'lifecycle.stage', 'lifecycle.stage'],
      }),
    );
    expect(dispose[1]).toBe(
      '  asset a1 by alice: 3 changes (disposal.wipeMethod, lifecycle.stage)',
    );
    const custody = runLines(run('custody', { asset: 'a1', source: 'manual', changed: ['x'] }));
    expect(custody[1]).toBe('  asset a1 by manual: 1 change (x)');
  });
});

import type { ConflictInput } from '../../../../core/store/store-types';
import { makeAsset, T0, T1, T2 } from '../asset-factory';
import { storeFailure, type StoreContext } from '../store-context';

function conflict(fingerprint: string, patch: Partial<ConflictInput> = {}): ConflictInput {
  return {
    kind: 'multiple_assets',
    fingerprint,
    source: 'jamf-prod',
    externalId: 'computer:1',
    assetIds: ['a1', 'a2'],
    summary: 'serial S1 matches two assets',
    details: { serial: 'S1', nested: { list: [1, 'two', null] } },
    runId: 'run-1',
    createdAt: T0,
    ...patch,
  };
}

export function trackingCases(ctx: StoreContext): void {
  test('conflicts dedupe by open fingerprint, count occurrences and resolve', async () => {
    const store = ctx.store();
    const first = await store.recordConflict(conflict('fp-1'));
    expect(first.created).toBe(true);
    expect(await store.recordConflict(conflict('fp-1', { createdAt: T1, runId: 'run-2' }))).toEqual(
      { id: first.id, created: false },
    );
    const other = await store.recordConflict(
      conflict('fp-2', { externalId: null, kind: 'field_conflict' }),
    );
    expect(other.created).toBe(true);
    expect(other.id).not.toBe(first.id);

    const open = await store.listConflicts({ status: 'open' });
    expect(open.map((c) => c.fingerprint)).toEqual(['fp-1', 'fp-2']);
    expect(open[0]).toEqual({
      ...conflict('fp-1'),
      id: first.id,
      status: 'open',
      resolvedAt: null,
      occurrences: 2,
      lastSeenAt: T1,
    });
    expect(open[1].externalId).toBeNull();

    expect(await store.resolveConflict(first.id, T2)).toBe(true);
    expect(await store.resolveConflict(first.id, T2)).toBe(false);
    expect(await store.resolveConflict(99_999, T2)).toBe(false);
    const resolved = await store.listConflicts({ status: 'resolved' });
    expect(resolved.map((c) => [c.id, c.status, c.resolvedAt])).toEqual([
      [first.id, 'resolved', T2],
    ]);

    const again = await store.recordConflict(conflict('fp-1', { createdAt: T2 }));
    expect(again.created).toBe(true);
    expect((await store.listConflicts()).map((c) => c.fingerprint)).toEqual([
      'fp-1',
      'fp-2',
      'fp-1',
    ]);
  });

  test('ticket links upsert by (asset, system, key)', async () => {
    const store = ctx.store();
    await store.insertAsset(makeAsset('t1'));
    const link = {
      system: 'jsm',
      key: 'IT-1',
      kind: 'incident' as const,
      linkedAt: T0,
      updatedAt: T0,
    };
    await store.upsertTicketLink('t1', link);
    await store.upsertTicketLink('t1', { ...link, key: 'IT-2', kind: 'request' });
    await store.upsertTicketLink('t1', {
      ...link,
      state: 'In Progress',
      title: 'Screen flickers ⚡',
      url: 'https://example.test/browse/IT-1',
      linkedAt: T1,
      updatedAt: T2,
    });
    expect(await store.ticketLinksOf(['t1'])).toEqual([
      {
        assetId: 't1',
        ...link,
        state: 'In Progress',
        title: 'Screen flickers ⚡',
        url: 'https://example.test/browse/IT-1',
        updatedAt: T2,
      },
      { assetId: 't1', ...link, key: 'IT-2', kind: 'request' },
    ]);
  });

  test('runs start, finish and list most recent first', async () => {
    const store = ctx.store();
    await store.startRun({ id: 'r1', kind: 'sync', startedAt: T0, summary: {} });
    await store.startRun({ id: 'r2', kind: 'import', startedAt: T1, summary: { file: 'a.csv' } });
    expect(await store.listRuns()).toEqual([
      {
        id: 'r2',
        kind: 'import',
        startedAt: T1,
        endedAt: null,
        status: 'running',
        summary: { file: 'a.csv' },
      },
      { id: 'r1', kind: 'sync', startedAt: T0, endedAt: null, status: 'running', summary: {} },
    ]);
    const summary = { created: 3, updated: 1, requests: { 'jamf-prod': 12 } };
    await store.finishRun('r1', 'partial', T2, summary);
    expect(await store.listRuns({ limit: 1 })).toHaveLength(1);
    expect((await store.listRuns())[1]).toEqual({
      id: 'r1',
      kind: 'sync',
      startedAt: T0,
      endedAt: T2,
      status: 'partial',
      summary,
    });
    expect(await storeFailure(store.finishRun('r-none', 'ok', T2, {}))).toContain('run r-none');
    expect(
      await storeFailure(store.startRun({ id: 'r1', kind: 'sync', startedAt: T2, summary: {} })),
    ).toContain('r1');
  });
}

import { historyRow, makeAsset, T1 } from '../store/asset-factory';
import { API_TOKEN, startHarness, type Harness } from './runtime-harness';

async function get(
  url: string,
  token: string | null,
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const headers: Record<string, string> =
    token === null ? {} : { authorization: `Bearer ${token}` };
  const res = await fetch(url, { headers });
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown>,
    headers: res.headers,
  };
}

describe('read API', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    const { store } = h;
    for (const id of ['a-1', 'a-2', 'a-3']) await store.insertAsset(makeAsset(id));
    await store.upsertProvenance([
      {
        assetId: 'a-1',
        field: 'name',
        source: 'jamf-prod',
        authority: 80,
        observedAt: T1,
        value: 'mac-01',
      },
    ]);
    await store.appendHistory([historyRow('a-1', { newValue: 'mac-01' })]);
    await store.startRun({ id: 'run-1', kind: 'incremental', startedAt: T1, summary: {} });
    await store.recordConflict({
      kind: 'multiple_assets',
      fingerprint: 'fp-1',
      source: 'jamf-prod',
      externalId: 'computer:9',
      assetIds: ['a-1', 'a-2'],
      summary: 'serial matches two assets',
      details: {},
      runId: 'run-1',
      createdAt: T1,
    });
  });
  afterAll(() => h.close());

  test('missing or wrong bearer token gets 401 with WWW-Authenticate', async () => {
    const missing = await get(`${h.url}/api/assets`, null);
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({ error: 'missing bearer token' });
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const wrong = await get(`${h.url}/api/assets`, `${API_TOKEN}x`);
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ error: 'wrong bearer token' });
    expect((await get(`${h.url}/api/assets/a-1`, 'nope')).status).toBe(401);
  });

  test('lists assets in pages', async () => {
    const first = await get(`${h.url}/api/assets?limit=2`, API_TOKEN);
    expect(first.status).toBe(200);
    const ids = (first.body.assets as { id: string }[]).map((a) => a.id);
    expect(ids).toEqual(['a-1', 'a-2']);
    expect(first.body.nextAfter).toBe('a-2');
    const rest = await get(`${h.url}/api/assets?limit=2&after=a-2`, API_TOKEN);
    expect((rest.body.assets as { id: string }[]).map((a) => a.id)).toEqual(['a-3']);
    expect(rest.body.nextAfter).toBeNull();
  });

  test('a bad query parameter gets 400 naming it', async () => {
    const res = await get(`${h.url}/api/assets?limit=0`, API_TOKEN);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/^bad query parameter limit:/);
    expect((await get(`${h.url}/api/conflicts?status=maybe`, API_TOKEN)).status).toBe(400);
  });

  test('one asset comes with provenance and history; an unknown one is a JSON 404', async () => {
    const res = await get(`${h.url}/api/assets/a-1`, API_TOKEN);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      asset: { id: 'a-1' },
      version: 1,
      provenance: [{ field: 'name', source: 'jamf-prod', value: 'mac-01' }],
      history: [{ field: 'name', newValue: 'mac-01', runId: 'run-1' }],
    });
    const missing = await get(`${h.url}/api/assets/nope`, API_TOKEN);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: 'no asset with id "nope"' });
  });

  test('runs and conflicts', async () => {
    const runs = await get(`${h.url}/api/runs`, API_TOKEN);
    expect(runs.body.runs).toEqual([expect.objectContaining({ id: 'run-1', status: 'running' })]);
    const open = await get(`${h.url}/api/conflicts?status=open`, API_TOKEN);
    expect(open.body.conflicts).toEqual([
      expect.objectContaining({ fingerprint: 'fp-1', assetIds: ['a-1', 'a-2'] }),
    ]);
    const resolved = await get(`${h.url}/api/conflicts?status=resolved`, API_TOKEN);
    expect(resolved.body.conflicts).toEqual([]);
  });
});

describe('read API without a token configured', () => {
  let h: Harness;
  beforeAll(async () => (h = await startHarness({ apiToken: null })));
  afterAll(() => h.close());

  test('answers 503 saying how to switch it on, whatever the request carries', async () => {
    for (const token of [null, 'anything', '']) {
      const res = await get(`${h.url}/api/assets`, token);
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ error: 'read API disabled: set ASSETBRIDGE_API_TOKEN' });
    }
  });
});

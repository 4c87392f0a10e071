import { startSn, resultList, type SnHarness } from './sn-test-client';

const SIZE = 100_000;
const CLASSES = [
  'cmdb_ci_computer',
  'cmdb_ci_server',
  'cmdb_ci_netgear',
  'cmdb_ci_handheld_computing',
];

let h: SnHarness;
const inserted = new Set<string>();

beforeAll(async () => {
  h = await startSn();
  const store = h.sim.state.store;
  for (let i = 0; i < SIZE; i++) {
    const second = String(i % 60).padStart(2, '0');
    const record = store.insert(
      CLASSES[i % CLASSES.length],
      { name: `dev-${i}`, serial_number: `SER${i}`, sys_updated_on: `2026-01-01 00:00:${second}` },
      'seed',
    );
    inserted.add(record.sys_id);
  }
  // Noise in the same store that a hardware read must not return.
  store.insert('cmdb_ci_network_adapter', { name: 'eth0' }, 'seed');
}, 60_000);

afterAll(async () => {
  await h.running.close();
});

function nextLink(link: unknown): string | null {
  const match = /<([^>]+)>;rel="next"/.exec(String(link ?? ''));
  return match ? match[1] : null;
}

test('following Link rel="next" through 100,000 CIs returns every sys_id exactly once', async () => {
  const seen = new Map<string, number>();
  let url: string | null =
    `/api/now/table/cmdb_ci_hardware?sysparm_fields=sys_id,name,sys_class_name`;
  let pages = 0;
  let total = -1;
  while (url) {
    const res = await h.http.get(url);
    expect(res.status).toBe(200);
    total = Number(res.headers['x-total-count']);
    for (const row of resultList(res.data)) {
      const id = String(row.sys_id);
      seen.set(id, (seen.get(id) ?? 0) + 1);
    }
    expect(res.headers['x-total-count']).toBe(String(SIZE));
    pages++;
    url = nextLink(res.headers.link);
  }
  expect(total).toBe(SIZE);
  expect(pages).toBe(10);
  expect(seen.size).toBe(SIZE);
  expect([...seen.values()].every((n) => n === 1)).toBe(true);
  expect([...inserted].every((id) => seen.has(id))).toBe(true);
});

test('offset paging ordered by sys_updated_on then sys_id sees every CI once', async () => {
  const seen = new Set<string>();
  let duplicates = 0;
  let offset = 0;
  const query = 'sys_updated_on>=2026-01-01 00:00:00^ORDERBYsys_updated_on^ORDERBYsys_id';
  for (;;) {
    const res = await h.http.get('/api/now/table/cmdb_ci_hardware', {
      params: {
        sysparm_query: query,
        sysparm_fields: 'sys_id',
        sysparm_limit: 20_000,
        sysparm_offset: offset,
      },
    });
    const rows = resultList(res.data);
    for (const row of rows) {
      if (seen.has(String(row.sys_id))) duplicates++;
      seen.add(String(row.sys_id));
    }
    if (rows.length < 20_000) break;
    offset += rows.length;
  }
  expect(duplicates).toBe(0);
  expect(seen.size).toBe(SIZE);
});

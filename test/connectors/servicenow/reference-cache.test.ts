import { LOCATION, ReferenceCache } from '../../../connectors/servicenow/reference-cache';
import type { TableClient } from '../../../connectors/servicenow/table-client';

/** A table client holding one table in memory, answering after a tick like a real server. */
function fakeTable() {
  const rows: { sys_id: string; name: string }[] = [];
  const calls: string[] = [];
  const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
  const client = {
    list: async (req: { query: string }) => {
      calls.push(`list ${req.query}`);
      await tick();
      const name = /^name=(.*)\^ORDERBY/.exec(req.query)?.[1];
      return { rows: rows.filter((r) => r.name === name) };
    },
    insert: async (_table: string, values: { name: string }) => {
      calls.push(`insert ${values.name}`);
      await tick();
      const row = { sys_id: `id${rows.length + 1}`, name: values.name };
      rows.push(row);
      return row;
    },
  };
  return { client: client as unknown as TableClient, rows, calls };
}

describe('ReferenceCache', () => {
  test('records written at once that name the same new place create it once', async () => {
    const table = fakeTable();
    const cache = new ReferenceCache(table.client, true);
    const ids = await Promise.all([1, 2, 3].map(() => cache.idOf(LOCATION, 'Lisbon')));
    expect(ids).toEqual(['id1', 'id1', 'id1']);
    expect(table.rows).toHaveLength(1);
    expect(table.calls.filter((c) => c.startsWith('insert'))).toEqual(['insert Lisbon']);
    expect(await cache.idOf(LOCATION, 'Lisbon')).toBe('id1');
  });
});

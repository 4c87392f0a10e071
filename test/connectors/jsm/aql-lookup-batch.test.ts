import { AqlLookupBatch } from '../../../connectors/jsm/aql-lookup-batch';
import type { AssetsClient } from '../../../connectors/jsm/assets-client';
import type { AssetObjectWire } from '../../../connectors/jsm/assets-wire';

function fakeClient(answer: (aql: string, startAt: number) => AssetObjectWire[]) {
  const queries: string[] = [];
  const client = {
    aql: async (aql: string, startAt: number, maxResults: number) => {
      queries.push(`${startAt} ${aql}`);
      const values = answer(aql, startAt);
      return { startAt, values, isLast: values.length < maxResults };
    },
  };
  return { client: client as unknown as AssetsClient, queries };
}

const obj = (id: string) => ({ id, objectKey: `HW-${id}` }) as unknown as AssetObjectWire;

describe('AqlLookupBatch', () => {
  test('look-ups made together are one AQL query; each caller gets the candidates', async () => {
    const { client, queries } = fakeClient(() => [obj('1'), obj('2')]);
    const batch = new AqlLookupBatch(client);
    const scope = 'objectType in ("Laptop")';
    const found = await Promise.all(
      ['C02A', 'C02B', 'C02A'].map((v) => batch.lookup(scope, 'Serial Number', v)),
    );
    expect(queries).toEqual(['0 objectType in ("Laptop") AND "Serial Number" in ("C02A", "C02B")']);
    expect(found.map((f) => f.map((o) => o.id))).toEqual([
      ['1', '2'],
      ['1', '2'],
      ['1', '2'],
    ]);
    await batch.lookup(scope, 'Asset Tag', 'AT-1');
    expect(queries).toHaveLength(2);
  });

  test('a long answer is read page by page; a failure reaches every caller', async () => {
    const many = Array.from({ length: 130 }, (_, i) => obj(String(i)));
    const paged = fakeClient((_aql, startAt) => many.slice(startAt, startAt + 100));
    const found = await new AqlLookupBatch(paged.client).lookup('x', 'Serial Number', 'S');
    expect(found).toHaveLength(130);
    expect(paged.queries.map((q) => q.split(' ')[0])).toEqual(['0', '100']);

    const failing = fakeClient(() => {
      throw new Error('429 Too Many Requests');
    });
    const batch = new AqlLookupBatch(failing.client);
    const both = ['A', 'B'].map((v) => batch.lookup('x', 'Serial Number', v));
    await expect(Promise.all(both)).rejects.toThrow('429');
    await expect(both[1]).rejects.toThrow('429');
  });
});

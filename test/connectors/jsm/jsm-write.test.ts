import type { Observation } from '../../../core/identity/observation';
import {
  ASSETS,
  cleanJiraFleet,
  INSTANCE,
  jsmTestBed,
  matching,
  type JsmTestBed,
} from './jsm-harness';

let bed: JsmTestBed;
beforeEach(async () => {
  bed = await jsmTestBed();
});
afterEach(async () => bed.close());

interface Report {
  error: string | null;
  read: { records: number; complete: boolean };
  writes: { created: number; updated: number; unchanged: number; failed: number };
  failures: { message: string }[];
}
const reportOf = (report: { connectors: { connector: string }[] }) =>
  report.connectors.find((c) => c.connector === INSTANCE) as unknown as Report;

/** Requests that change Assets objects. */
const assetWrites = async () =>
  (await bed.requests()).filter(
    (r) =>
      (r.method === 'PUT' && r.path.startsWith(`${ASSETS}/object/`)) ||
      (r.method === 'POST' && r.path === `${ASSETS}/object/create`),
  );

interface WireObject {
  id: string;
  objectKey: string;
  attributes: {
    objectTypeAttributeId: string;
    objectAttributeValues: {
      value?: string;
      status?: { id: string; name: string };
      user?: { key: string };
      referencedObject?: { id: string; label: string };
    }[];
  }[];
}
const objectOf = (id: string) => bed.api('GET', `${ASSETS}/object/${id}`) as Promise<WireObject>;
const valuesOf = (obj: WireObject, attrId: string) =>
  obj.attributes.find((a) => a.objectTypeAttributeId === attrId)?.objectAttributeValues ?? [];

/** A laptop known only to the asset register (an import source), to be created in Assets. */
function registerOnly(serial: string, extra: Record<string, unknown> = {}): Observation {
  return {
    source: 'register',
    externalId: serial,
    observedAt: '2026-11-30T09:00:00.000Z',
    values: {
      serial,
      assetTag: `AB-${serial.slice(-4)}`,
      name: `Laptop ${serial}`,
      category: 'laptop',
      manufacturer: 'Lenovo',
      model: 'ThinkPad T14',
      'lifecycle.stage': 'deployed',
      'purchase.date': '2025-03-04',
      'warranty.end': '2028-03-04',
      ...extra,
    } as Observation['values'],
    ref: `register ${serial}`,
  };
}

describe('JSM writes', () => {
  test('a run over unchanged objects writes nothing, and neither does the second run', async () => {
    bed.sim.seedFromFleet(cleanJiraFleet(15));
    const connector = bed.connector({ pageSize: 7 });
    const first = reportOf(await bed.engine(connector).run({ full: true, dryRun: false }));
    expect(first.failures).toEqual([]);
    expect(first.read.records).toBe(15);
    expect(first.writes).toMatchObject({ created: 0, updated: 0, failed: 0 });
    await bed.clearLog();
    const second = reportOf(await bed.engine(connector).run({ full: true, dryRun: false }));
    expect(second.failures).toEqual([]);
    expect(second.writes).toMatchObject({ created: 0, updated: 0, failed: 0 });
    expect(await assetWrites()).toEqual([]);
    const aql = matching(await bed.requests(), 'POST', new RegExp(`^${ASSETS}/object/aql$`));
    expect(aql.length).toBeGreaterThan(0);
  });

  test('an asset Assets lacks is created with typed values, found again, and not rewritten', async () => {
    bed.sim.seedFromFleet(cleanJiraFleet(3));
    const owner = 'dana.scully@example.com';
    bed.sim.state.users.ensure(owner, 'Dana Scully');
    const berlin = (await bed.control('POST', '/assets/objects', {
      objectTypeId: '10',
      attributes: [
        { objectTypeAttributeId: '19', objectAttributeValues: [{ value: 'Berlin HQ' }] },
      ],
    })) as { id: string };
    await bed.h.ingestor.ingestBatch(
      [
        registerOnly('PF3XK9Q2', {
          'assignment.userEmail': owner,
          'assignment.location': 'Berlin HQ',
          'assignment.department': 'Finance',
        }),
      ],
      'run-0',
    );
    const connector = bed.connector();
    const report = reportOf(await bed.engine(connector).run({ full: true, dryRun: false }));
    expect(report.failures).toEqual([]);
    expect(report.writes).toMatchObject({ created: 1, failed: 0 });
    const creates = matching(await bed.requests(), 'POST', new RegExp(`^${ASSETS}/object/create$`));
    expect(creates).toHaveLength(1);

    const found = (await bed.api('POST', `${ASSETS}/object/aql`, {
      qlQuery: '"Serial Number" = "PF3XK9Q2"',
    })) as { values: WireObject[] };
    expect(found.values).toHaveLength(1);
    const obj = await objectOf(found.values[0]!.id);
    expect(valuesOf(obj, '2')[0]?.value).toBe('Laptop PF3XK9Q2');
    expect(valuesOf(obj, '6')[0]?.value).toBe('AB-K9Q2');
    expect(valuesOf(obj, '10')[0]?.value).toBe('2025-03-04');
    expect(valuesOf(obj, '12')[0]?.status).toMatchObject({ id: '2', name: 'In Use' });
    const account = bed.sim.state.users.search(owner, 1)[0]!.accountId;
    expect(valuesOf(obj, '13')[0]?.user?.key).toBe(account);
    expect(valuesOf(obj, '14')[0]?.referencedObject?.id).toBe(berlin.id);
    expect(valuesOf(obj, '15')[0]?.value).toBe('Finance');

    await bed.clearLog();
    const again = reportOf(await bed.engine(connector).run({ full: true, dryRun: false }));
    expect(again.failures).toEqual([]);
    expect(again.writes).toMatchObject({ created: 0, updated: 0 });
    expect(await assetWrites()).toEqual([]);
  });

  test('a core change (a source of higher authority) is written as one PUT of that attribute', async () => {
    const fleet = cleanJiraFleet(4);
    bed.sim.seedFromFleet(fleet);
    const connector = bed.connector();
    await bed.engine(connector).run({ full: true, dryRun: false });
    const device = fleet[1]!;
    // The register's record joins the asset by serial, then corrects its manufacturer (a record
    // that came with another manufacturer at first would be another device: serials repeat
    // across manufacturers).
    for (const [run, manufacturer] of [
      ['run-x', device.manufacturer],
      ['run-y', 'Framework Computer'],
    ] as const) {
      await bed.h.ingestor.ingestBatch(
        [
          {
            source: 'register',
            externalId: 'r-1',
            observedAt: '2026-12-01T09:00:00.000Z',
            values: { serial: device.serial!, manufacturer },
            ref: 'register r-1',
          },
        ],
        run,
      );
    }
    expect(await bed.h.store.countAssets()).toBe(4);
    await bed.clearLog();
    // A full run: the test ingestor's clock is fixed in the past, before the outbound watermark.
    const report = reportOf(await bed.engine(connector).run({ full: true, dryRun: false }));
    expect(report.failures).toEqual([]);
    expect(report.writes).toMatchObject({ updated: 1, created: 0 });
    const puts = (await assetWrites()).filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(1);
    const id = puts[0]!.path.split('/').at(-1)!;
    expect(valuesOf(await objectOf(id), '8')[0]?.value).toBe('Framework Computer');
  });

  test('status and reference values that only print differently are not rewritten', async () => {
    const fleet = cleanJiraFleet(6).filter((d) => d.location && d.status === 'deployed');
    bed.sim.seedFromFleet(fleet);
    const connector = bed.connector();
    const page = (await bed.api('POST', `${ASSETS}/object/aql`, {
      qlQuery: `"Serial Number" = "${fleet[0]!.serial}"`,
    })) as { values: WireObject[] };
    const id = page.values[0]!.id;
    const before = await objectOf(id);
    const location = valuesOf(before, '14')[0]!.referencedObject!.label;
    const asset = (await bed.h.store.listAssets({ limit: 1, after: null })).assets[0];
    const req = (attributes: Record<string, unknown>) => ({
      asset: asset ?? ({ id: 'a', category: 'laptop' } as never),
      changes: { attributes },
      full: { attributes },
    });
    await bed.clearLog();
    const same = await connector.writer!.update(
      id,
      req({ Status: 'in use', Location: location.toUpperCase(), 'Purchase Date': undefined }),
    );
    expect(same.externalId).toBe(id);
    expect(await assetWrites()).toEqual([]);

    await connector.writer!.update(id, req({ Status: 'In Repair', Location: location }));
    expect(await assetWrites()).toHaveLength(1);
    const after = await objectOf(id);
    expect(valuesOf(after, '12')[0]?.status?.name).toBe('In Repair');
    expect(valuesOf(after, '14')[0]?.referencedObject?.label).toBe(location);
    await expect(connector.writer!.update(id, req({ Status: 'Borrowed' }))).rejects.toMatchObject({
      code: 'RECORD_INVALID',
      message: expect.stringMatching(/no status named 'Borrowed'/),
    });
  });

  test('an owner or location Assets lacks is left out of a create (or fails it when told)', async () => {
    const values = {
      'assignment.userEmail': 'nobody@example.com',
      'assignment.location': 'Atlantis / 2.17',
      'assignment.department': 'Finance',
    };
    await bed.h.ingestor.ingestBatch([registerOnly('ZZ9PLURAL', values)], 'run-0');
    const strict = reportOf(
      await bed
        .engine(bed.connector({ unresolvedValues: 'fail' }))
        .run({ full: true, dryRun: false }),
    );
    expect(strict.writes).toMatchObject({ created: 0, failed: 1 });
    expect(strict.failures[0]!.message).toMatch(
      /no Atlassian account with e-mail nobody@example.com/,
    );

    const lenient = reportOf(await bed.engine(bed.connector()).run({ full: true, dryRun: false }));
    expect(lenient.failures).toEqual([]);
    expect(lenient.writes).toMatchObject({ created: 1, failed: 0 });
    const found = (await bed.api('POST', `${ASSETS}/object/aql`, {
      qlQuery: '"Serial Number" = "ZZ9PLURAL"',
    })) as { values: WireObject[] };
    const obj = await objectOf(found.values[0]!.id);
    expect(valuesOf(obj, '13')).toEqual([]);
    expect(valuesOf(obj, '14')).toEqual([]);
    expect(valuesOf(obj, '15')[0]?.value).toBe('Finance');

    // Later runs have nothing they can send: the asset is unchanged, not updated each run.
    for (const run of [1, 2]) {
      await bed.clearLog();
      const again = reportOf(await bed.engine(bed.connector()).run({ full: false, dryRun: false }));
      expect({ run, writes: again.writes, failures: again.failures }).toEqual({
        run,
        writes: { created: 0, updated: 0, unchanged: 1, failed: 0, retired: 0, held: 0 },
        failures: [],
      });
      expect(await assetWrites()).toEqual([]);
    }
  });
});

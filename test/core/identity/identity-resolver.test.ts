import { makeSerialPolicy } from '../../../core/identity/normalize';
import { identityKeys } from '../../../core/identity/identity-keys';
import {
  IdentityResolver,
  externalLinkKey,
  type KnownAsset,
} from '../../../core/identity/identity-resolver';
import type { IdentifierKind } from '../../../core/store/store-types';
import { obs } from '../../support/ingest-harness';
import type { Observation } from '../../../core/identity/observation';

const policy = makeSerialPolicy();

function resolve(
  observations: Observation[],
  assets: KnownAsset[] = [],
  links: [string, string, string][] = [],
  indexRows: [IdentifierKind, string, string][] = [],
) {
  const index = {
    serial: new Map(),
    udid: new Map(),
    imei: new Map(),
    mac: new Map(),
    asset_tag: new Map(),
  } as Record<IdentifierKind, Map<string, string[]>>;
  for (const [kind, value, id] of indexRows)
    index[kind].set(value, [...(index[kind].get(value) ?? []), id]);
  return new IdentityResolver({
    observations: observations.map((o) => ({ source: o.source, keys: identityKeys(o, policy) })),
    externalLinks: new Map(links.map(([s, e, a]) => [externalLinkKey(s, e), a])),
    index,
    assets: new Map(assets.map((a) => [a.id, a])),
  }).resolve();
}

const known = (id: string, serial: string | null, extra: Partial<KnownAsset> = {}): KnownAsset => ({
  id,
  serials: serial ? [serial] : [],
  manufacturer: null,
  udid: null,
  ...extra,
});

describe('IdentityResolver', () => {
  test('records with the same serial in different case and spacing merge', () => {
    const r = resolve([
      obs({ values: { serial: 'c02abc123' } }),
      obs({ values: { serial: ' C02ABC123 ' } }),
    ]);
    expect(r.groups).toEqual([{ assetId: null, members: [0, 1] }]);
  });

  test('an external-id link wins over everything else', () => {
    const r = resolve(
      [obs({ source: 'jamf', externalId: '7', values: { serial: 'NEWSERIAL1' } })],
      [known('a1', 'OLDSERIAL1')],
      [['jamf', '7', 'a1']],
    );
    expect(r.groups).toEqual([{ assetId: 'a1', members: [0] }]);
  });

  test('serial matches only when manufacturers agree where both are known', () => {
    const r = resolve(
      [obs({ values: { serial: 'ABC1234', manufacturer: 'Dell Inc.' } })],
      [known('a1', 'ABC1234', { manufacturer: 'LENOVO' })],
      [],
      [['serial', 'ABC1234', 'a1']],
    );
    expect(r.groups).toEqual([{ assetId: null, members: [0] }]);
    expect(r.conflicts.map((c) => c.kind)).toEqual(['identifier_disagreement']);
  });

  test('match order: UDID, IMEI and MAC join a record to a known asset', () => {
    const r = resolve(
      [
        obs({ values: { 'identifiers.udid': 'u-1' } }),
        obs({ values: { 'identifiers.imeis': ['352099001761481'] } }),
        obs({ values: { 'identifiers.macAddresses': ['a4:83:e7:12:34:56'] } }),
      ],
      [known('a1', 'S1'), known('a2', 'S2'), known('a3', 'S3')],
      [],
      [
        ['udid', 'U-1', 'a1'],
        ['imei', '352099001761481', 'a2'],
        ['mac', 'A4:83:E7:12:34:56', 'a3'],
      ],
    );
    expect(r.groups).toEqual([
      { assetId: 'a1', members: [0] },
      { assetId: 'a2', members: [1] },
      { assetId: 'a3', members: [2] },
    ]);
  });

  test('a name alone never merges two records', () => {
    const r = resolve([
      obs({ externalId: '1', values: { name: 'MacBook Pro' } }),
      obs({ externalId: '2', values: { name: 'MacBook Pro' } }),
    ]);
    expect(r.groups).toHaveLength(2);
  });

  test('a record matching two different assets is merged nowhere and recorded', () => {
    const r = resolve(
      [obs({ values: { serial: 'SERIAL01', 'identifiers.udid': 'U2' } })],
      [known('a1', 'SERIAL01'), known('a2', null, { udid: 'U2' })],
      [],
      [
        ['serial', 'SERIAL01', 'a1'],
        ['udid', 'U2', 'a2'],
      ],
    );
    expect(r.groups).toEqual([]);
    expect([...r.conflicted]).toEqual([0]);
    expect(r.conflicts[0]).toMatchObject({ kind: 'multiple_assets', assetIds: ['a1', 'a2'] });
  });

  test('a MAC claimed by devices that disagree on serial merges nothing', () => {
    const mac = 'A4:83:E7:12:34:56';
    const r = resolve([
      obs({ externalId: '1', values: { serial: 'SERIAL01', 'identifiers.macAddresses': [mac] } }),
      obs({ externalId: '2', values: { serial: 'SERIAL02', 'identifiers.macAddresses': [mac] } }),
      obs({ values: { 'identifiers.macAddresses': [mac] } }),
    ]);
    expect(r.groups).toEqual([
      { assetId: null, members: [0] },
      { assetId: null, members: [1] },
    ]);
    expect([...r.conflicted]).toEqual([2]);
    expect(r.conflicts[0].summary).toContain(`mac ${mac}`);
  });

  test('a MAC match to an asset with another serial is no match', () => {
    const r = resolve(
      [obs({ values: { serial: 'SERIAL02', 'identifiers.macAddresses': ['A4:83:E7:12:34:56'] } })],
      [known('a1', 'SERIAL01')],
      [],
      [['mac', 'A4:83:E7:12:34:56', 'a1']],
    );
    expect(r.groups).toEqual([{ assetId: null, members: [0] }]);
    expect(r.conflicts[0].kind).toBe('identifier_disagreement');
  });

  test('a MAC of a device re-enrolled under a new UDID, matched by serial, is no conflict', () => {
    const mac = 'A4:83:E7:12:34:56';
    const values = {
      serial: 'SERIAL01',
      'identifiers.udid': 'U2',
      'identifiers.macAddresses': [mac],
    };
    const r = resolve(
      [obs({ values })],
      [known('a1', 'SERIAL01', { udid: 'U1' })],
      [],
      [
        ['serial', 'SERIAL01', 'a1'],
        ['mac', mac, 'a1'],
      ],
    );
    expect(r.groups).toEqual([{ assetId: 'a1', members: [0] }]);
    expect(r.conflicts).toEqual([]);
  });

  test('a MAC of an asset with another UDID, and no serial to match, is a conflict', () => {
    const mac = 'A4:83:E7:12:34:56';
    const r = resolve(
      [obs({ values: { 'identifiers.udid': 'U2', 'identifiers.macAddresses': [mac] } })],
      [known('a1', 'SERIAL01', { udid: 'U1' })],
      [],
      [['mac', mac, 'a1']],
    );
    expect(r.groups).toEqual([{ assetId: null, members: [0] }]);
    expect(r.conflicts[0]!.summary).toBe(
      `mac ${mac} is claimed by devices with UDIDs U2 and U1; not merged`,
    );
  });

  test('records without serials join by asset tag (case and spacing aside), weakest of all', () => {
    const r = resolve([
      obs({ source: 'servicenow', externalId: 'ci1', values: { assetTag: 'at-100147' } }),
      obs({ source: 'jsm', externalId: '77', values: { assetTag: ' AT-100147 ' } }),
      obs({ source: 'jamf', externalId: 'c9', values: { assetTag: 'N/A' } }),
    ]);
    expect(r.groups).toEqual([
      { assetId: null, members: [0, 1] },
      { assetId: null, members: [2] },
    ]);
    expect(r.conflicts).toEqual([]);
  });

  test('an asset tag joins a record to a known asset unless their serials differ', () => {
    const assets = [known('a1', 'SERIAL01')];
    const index: [IdentifierKind, string, string][] = [['asset_tag', 'AT-1', 'a1']];
    const joined = resolve([obs({ values: { assetTag: 'AT-1' } })], assets, [], index);
    expect(joined.groups).toEqual([{ assetId: 'a1', members: [0] }]);
    const apart = resolve(
      [obs({ values: { assetTag: 'AT-1', serial: 'SERIAL02' } })],
      assets,
      [],
      index,
    );
    expect(apart.groups).toEqual([{ assetId: null, members: [0] }]);
    expect(apart.conflicts[0]!.summary).toBe(
      'asset_tag AT-1 is claimed by devices with serials SERIAL02 and SERIAL01; not merged',
    );
  });

  test('a record held back for a conflict holds back its other copies in the batch', () => {
    const mac = 'A4:83:E7:00:00:03';
    const r = resolve(
      [
        obs({ source: 'jamf', externalId: '2-0', values: { name: 'MacBook Pro' } }),
        obs({ source: 'jamf', externalId: '2-0', values: { 'identifiers.macAddresses': [mac] } }),
      ],
      [known('a1', 'DQCJU2K'), known('a2', 'PF3W55ZV')],
      [],
      [
        ['mac', mac, 'a1'],
        ['mac', mac, 'a2'],
      ],
    );
    expect(r.groups).toEqual([]);
    expect([...r.conflicted].sort()).toEqual([0, 1]);
  });

  test('records sharing a placeholder serial stay apart', () => {
    const r = resolve([
      obs({ externalId: 'a', values: { serial: 'To be filled by O.E.M.' } }),
      obs({ externalId: 'b', values: { serial: 'To be filled by O.E.M.' } }),
    ]);
    expect(r.groups).toHaveLength(2);
  });

  test('two records with the same id but different serials are both held back', () => {
    const r = resolve([
      obs({ source: 'sheet', externalId: 'AB-5001', values: { serial: 'SER5001A' } }),
      obs({ source: 'sheet', externalId: 'AB-5001', values: { serial: 'SER5001B' } }),
    ]);
    expect(r.groups).toEqual([]);
    expect([...r.conflicted].sort()).toEqual([0, 1]);
    expect(r.conflicts[0].summary).toMatch(/same id AB-5001 disagree/);
  });
});

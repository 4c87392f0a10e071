import { generateFleet } from '../../../simulators/fleet/fleet-generator';
import { arr, startJira } from './jira-test-client';
import type { JiraHarness } from './jira-test-client';

let h: JiraHarness;
beforeAll(async () => {
  h = await startJira();
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.control('POST', '/reset');
});

describe('seeding and control routes', () => {
  test('seed {fleet} renders devices present in jira as Assets objects with owners', async () => {
    const fleet = generateFleet({ size: 300, seed: 11 });
    const inJira = fleet.filter((d) => d.presence.jira);
    const visible = inJira.filter((d) => !d.hidden);
    const res = await h.control('POST', '/seed', { fleet: { size: 300, seed: 11 } });
    expect(res.status).toBe(200);
    expect(res.json.fleetObjects).toBe(visible.length);
    expect(res.json.hidden).toBe(inJira.length - visible.length);
    const count = await h.call('POST', `${h.assets}/object/aql/totalcount`, {
      qlQuery: 'objectType in objectTypeAndChildren(Hardware)',
    });
    expect(count.json.totalCount).toBe(visible.length);
    const withOwner = visible.find((d) => (d.variants.jira?.userEmail ?? d.userEmail) !== null);
    if (withOwner) {
      const email = (withOwner.variants.jira?.userEmail ?? withOwner.userEmail) as string;
      const users = await h.call(
        'GET',
        `/rest/api/3/user/search?query=${encodeURIComponent(email)}`,
      );
      expect(arr(users.json).length).toBeGreaterThan(0);
    }
    const revealed = await h.control('POST', '/fleet/reveal');
    expect(revealed.json.revealed).toBe(inJira.length - visible.length);
  });

  test('seed {fleet} gives every owner in the fleet an account, also owners of devices elsewhere', async () => {
    const fleet = generateFleet({ size: 300, seed: 42 });
    await h.control('POST', '/seed', { fleet: { size: 300, seed: 42 } });
    const owners = fleet.filter((d) => d.userEmail !== null);
    const elsewhere = owners.filter((d) => !d.presence.jira);
    expect(elsewhere.length).toBeGreaterThan(0);
    for (const device of elsewhere.slice(0, 25)) {
      const email = device.userEmail as string;
      const found = await h.call(
        'GET',
        `/rest/api/3/user/search?query=${encodeURIComponent(email)}`,
      );
      expect(arr(found.json).map((u) => u.emailAddress)).toEqual([email]);
    }
  });

  test('seed in wire format replays an export (objects as GET returns them, issues)', async () => {
    const res = await h.control('POST', '/seed', {
      users: [
        { accountId: '557058:aaaa', displayName: 'Eve Export', emailAddress: 'eve@example.com' },
      ],
      objects: [
        {
          id: '40',
          objectType: { id: '10' },
          attributes: [
            {
              objectTypeAttributeId: '19',
              objectAttributeValues: [{ value: 'Lyon', displayValue: 'Lyon' }],
            },
          ],
        },
        {
          id: '41',
          objectType: { id: '2', name: 'Laptop' },
          created: '2025-05-01T10:00:00.000Z',
          updated: '2025-06-01T10:00:00.000Z',
          attributes: [
            {
              objectTypeAttributeId: '2',
              objectAttributeValues: [{ value: 'LT-41', displayValue: 'LT-41' }],
            },
            {
              objectTypeAttributeId: '12',
              objectAttributeValues: [
                { status: { id: '3', name: 'In Repair', category: 2 }, displayValue: 'In Repair' },
              ],
            },
            {
              objectTypeAttributeId: '13',
              objectAttributeValues: [{ user: { key: '557058:aaaa' }, displayValue: 'Eve Export' }],
            },
            {
              objectTypeAttributeId: '14',
              objectAttributeValues: [{ referencedObject: { id: '40' }, displayValue: 'Lyon' }],
            },
          ],
        },
      ],
      issues: [
        {
          id: '10500',
          key: 'ITSM-500',
          fields: {
            summary: 'Imported',
            status: { name: 'Resolved' },
            updated: '2025-06-02T10:00:00.000-0700',
            customfield_10191: [{ workspaceId: h.ws, id: `${h.ws}:41`, objectId: '41' }],
          },
        },
      ],
    });
    expect(res.status).toBe(200);
    const aql = await h.call('POST', `${h.assets}/object/aql`, {
      qlQuery: 'Status = "In Repair" AND Owner = "eve@example.com" AND Location = Lyon',
    });
    expect(arr(aql.json.values).map((v) => v.objectKey)).toEqual(['ITA-41']);
    expect(arr(aql.json.values)[0]?.updated).toBe('2025-06-01T10:00:00.000Z');
    const issue = await h.call('GET', '/rest/api/3/issue/ITSM-500');
    expect(issue.json.fields.status.name).toBe('Resolved');
    expect(issue.json.fields.updated).toBe('2025-06-02T17:00:00.000+0000');
    const next = await h.call('POST', '/rest/api/3/issue', {
      fields: {
        project: { key: 'ITSM' },
        issuetype: { name: 'Incident' },
        summary: 'after import',
      },
    });
    expect(next.json.key).toBe('ITSM-501');
    const created = await h.call('POST', `${h.assets}/object/create`, {
      objectTypeId: '3',
      attributes: [{ objectTypeAttributeId: '2', objectAttributeValues: [{ value: 'D' }] }],
    });
    expect(created.json.id).toBe('42');
  });

  test('a bad seed body is a 400 naming the problem', async () => {
    const res = await h.control('POST', '/seed', {
      issues: [{ id: '1', key: 'not a key', fields: { summary: 'x' } }],
    });
    expect(res.status).toBe(400);
    expect(String(res.json.error)).toMatch(/issue key/);
    const config = await h.control('PUT', '/config', { webhooks: [{ url: 'not a url' }] });
    expect(config.status).toBe(400);
  });

  test('credentials can be changed; control routes need no auth and are not logged', async () => {
    await h.control('PUT', '/config', {
      credentials: { email: 'other@example.com', apiToken: 't2' },
    });
    expect((await h.call('GET', '/rest/api/3/myself')).status).toBe(401);
    await h.control('PUT', '/config', {
      credentials: { email: 'sim-admin@example.com', apiToken: 'sim-api-token' },
    });
    expect((await h.call('GET', '/rest/api/3/myself')).status).toBe(200);
    const log = await h.control('GET', '/requests');
    expect(arr(log.json.requests).every((r) => !String(r.path).startsWith('/_sim'))).toBe(true);
    expect(arr(log.json.requests).map((r) => r.status)).toEqual([401, 200]);
  });

  test('an Assets object changed as a person does not fire issue webhooks but bumps updated', async () => {
    const created = await h.control('POST', '/assets/objects', {
      objectTypeId: '2',
      attributes: [{ objectTypeAttributeId: '2', objectAttributeValues: [{ value: 'P-1' }] }],
    });
    expect(created.status).toBe(201);
    const changed = await h.control('PUT', `/assets/objects/${String(created.json.objectKey)}`, {
      attributes: [{ objectTypeAttributeId: '5', objectAttributeValues: [{ value: 'SER' }] }],
    });
    expect(changed.json.changed).toEqual(['Serial Number']);
    const bad = await h.control('PUT', `/assets/objects/${String(created.json.id)}`, {
      attributes: [{ objectTypeAttributeId: '9', objectAttributeValues: [{ value: 'x' }] }],
    });
    expect(bad.status).toBe(400);
    expect((await h.control('PUT', '/assets/objects/9999', { attributes: [] })).status).toBe(404);
  });
});

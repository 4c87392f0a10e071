import { arr, startJira } from './jira-test-client';
import type { JiraHarness } from './jira-test-client';

let h: JiraHarness;
let objectId: string;
const ADF = {
  type: 'doc',
  version: 1,
  content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Screen flickers' }] }],
};

beforeAll(async () => {
  h = await startJira();
  const created = await h.call('POST', `${h.assets}/object/create`, {
    objectTypeId: '2',
    attributes: [{ objectTypeAttributeId: '2', objectAttributeValues: [{ value: 'MBP-77' }] }],
  });
  objectId = String(created.json.id);
});
afterAll(() => h.close());

function assetRef(id: string) {
  return { workspaceId: h.ws, id: `${h.ws}:${id}`, objectId: id };
}

describe('issues', () => {
  test('create, get with the Assets field triple, edit (204) and delete', async () => {
    const created = await h.call('POST', '/rest/api/3/issue', {
      fields: {
        project: { key: 'ITSM' },
        issuetype: { name: 'Incident' },
        summary: 'Laptop broken',
        description: ADF,
        customfield_10191: [assetRef(objectId)],
      },
    });
    expect(created.status).toBe(201);
    expect(created.json).toEqual({
      id: expect.any(String),
      key: 'ITSM-1',
      self: `${h.running.url}/rest/api/3/issue/${String(created.json.id)}`,
    });
    const got = await h.call('GET', '/rest/api/3/issue/ITSM-1');
    expect(got.json.fields.customfield_10191).toEqual([assetRef(objectId)]);
    expect(got.json.fields.description).toEqual(ADF);
    expect(got.json.fields.project).toMatchObject({ key: 'ITSM' });
    const onlySummary = await h.call('GET', '/rest/api/3/issue/ITSM-1?fields=summary');
    expect(Object.keys(onlySummary.json.fields)).toEqual(['summary']);

    const edit = await h.call('PUT', '/rest/api/3/issue/ITSM-1', {
      update: { customfield_10191: [{ set: [] }], labels: [{ add: 'hw' }] },
    });
    expect(edit.status).toBe(204);
    const after = await h.call('GET', '/rest/api/3/issue/ITSM-1');
    expect(after.json.fields.customfield_10191).toBeNull();
    expect(after.json.fields.labels).toEqual(['hw']);

    expect((await h.call('DELETE', '/rest/api/3/issue/ITSM-1')).status).toBe(204);
    const gone = await h.call('GET', '/rest/api/3/issue/ITSM-1');
    expect(gone.status).toBe(404);
    expect(gone.json).toEqual({
      errorMessages: ['Issue does not exist or you do not have permission to see it.'],
      errors: {},
    });
  });

  test('validation errors name the field', async () => {
    const noSummary = await h.call('POST', '/rest/api/3/issue', {
      fields: { project: { key: 'ITSM' }, issuetype: { name: 'Incident' } },
    });
    expect(noSummary.status).toBe(400);
    expect(noSummary.json.errors.summary).toBe('You must specify a summary of the issue.');
    const badProject = await h.call('POST', '/rest/api/3/issue', {
      fields: { project: { key: 'NOPE' }, issuetype: { name: 'Incident' }, summary: 'x' },
    });
    expect(badProject.json.errors.project).toBeDefined();
    const textDescription = await h.call('POST', '/rest/api/3/issue', {
      fields: {
        project: { key: 'ITSM' },
        issuetype: { name: 'Incident' },
        summary: 'x',
        description: 'plain text',
      },
    });
    expect(String(textDescription.json.errors.description)).toMatch(/Atlassian Document/);
    const unknownField = await h.call('POST', '/rest/api/3/issue', {
      fields: {
        project: { key: 'ITSM' },
        issuetype: { name: 'Incident' },
        summary: 'x',
        customfield_99999: 'y',
      },
    });
    expect(String(unknownField.json.errors.customfield_99999)).toMatch(/cannot be set/);
    const missingObject = await h.call('POST', '/rest/api/3/issue', {
      fields: {
        project: { key: 'ITSM' },
        issuetype: { name: 'Incident' },
        summary: 'x',
        customfield_10191: [assetRef('424242')],
      },
    });
    expect(String(missingObject.json.errors.customfield_10191)).toMatch(/does not exist/);
  });

  test('comments must be ADF and come back paged', async () => {
    const created = await h.call('POST', '/rest/api/3/issue', {
      fields: {
        project: { key: 'ITSM' },
        issuetype: { name: 'Service Request' },
        summary: 'Need RAM',
      },
    });
    const key = String(created.json.key);
    const bad = await h.call('POST', `/rest/api/3/issue/${key}/comment`, { body: 'plain' });
    expect(bad.status).toBe(400);
    const good = await h.call('POST', `/rest/api/3/issue/${key}/comment`, { body: ADF });
    expect(good.status).toBe(201);
    expect(good.json.body).toEqual(ADF);
    const list = await h.call('GET', `/rest/api/3/issue/${key}/comment`);
    expect(list.json).toMatchObject({ startAt: 0, total: 1 });
    expect(arr(list.json.comments)[0]?.id).toBe(good.json.id);
  });

  test('field list includes the Assets custom field', async () => {
    const fields = await h.call('GET', '/rest/api/3/field');
    const assets = arr(fields.json).find((f) => (f.id as unknown) === 'customfield_10191');
    expect(assets?.schema).toEqual({
      type: 'array',
      items: 'cmdb-object',
      custom: 'com.atlassian.jira.plugins.cmdb:cmdb-object-cftype',
      customId: 10191,
    });
  });

  test('connected tickets list issues whose Assets field references the object', async () => {
    const created = await h.call('POST', '/rest/api/3/issue', {
      fields: {
        project: { key: 'ITSM' },
        issuetype: { name: 'Incident' },
        summary: 'Linked',
        customfield_10191: [assetRef(objectId)],
      },
    });
    const res = await h.call('GET', `${h.assets}/objectconnectedtickets/${objectId}/tickets`);
    expect(arr(res.json.tickets).map((t) => t.key)).toEqual([created.json.key]);
    expect(res.json.allTicketsQuery).toBe(`issue in (${String(created.json.key)})`);
  });

  test('user search maps an e-mail to an accountId', async () => {
    const user = h.sim.state.users.ensure('carol@example.com', 'Carol Jones');
    const res = await h.call('GET', '/rest/api/3/user/search?query=carol@example.com');
    expect(arr(res.json).map((u) => u.accountId)).toEqual([user.accountId]);
    expect(
      (await h.call('GET', `/rest/api/3/user?accountId=${user.accountId}`)).json.displayName,
    ).toBe('Carol Jones');
  });
});

describe('search', () => {
  let sim: JiraHarness;
  beforeAll(async () => {
    sim = await startJira();
    for (let i = 0; i < 12; i++) {
      await sim.call('POST', '/rest/api/3/issue', {
        fields: {
          project: { key: 'ITSM' },
          issuetype: { name: 'Incident' },
          summary: `Issue ${i}`,
        },
      });
    }
  });
  afterAll(() => sim.close());

  test('search/jql pages with nextPageToken until isLast; default fields is id only', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    for (;;) {
      const q = new URLSearchParams({
        jql: 'project = ITSM ORDER BY updated ASC',
        maxResults: '5',
        ...(token ? { nextPageToken: token } : {}),
      });
      const page = await sim.call('GET', `/rest/api/3/search/jql?${q.toString()}`);
      expect(page.status).toBe(200);
      pages += 1;
      for (const issue of arr(page.json.issues)) {
        expect(issue.fields).toBeUndefined();
        seen.push(String(issue.id));
      }
      if (page.json.isLast) {
        expect(page.json.nextPageToken).toBeUndefined();
        break;
      }
      token = String(page.json.nextPageToken);
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(12);
  });

  test('POST search/jql with fields; bad token and unbounded JQL are 400', async () => {
    const page = await sim.call('POST', '/rest/api/3/search/jql', {
      jql: 'project = ITSM',
      maxResults: 2,
      fields: ['summary', 'updated'],
    });
    expect(Object.keys(arr(page.json.issues)[0]?.fields ?? {}).sort()).toEqual([
      'summary',
      'updated',
    ]);
    const badToken = await sim.call('POST', '/rest/api/3/search/jql', {
      jql: 'project = ITSM',
      nextPageToken: 'garbage',
    });
    expect(badToken.status).toBe(400);
    const otherQuery = await sim.call('POST', '/rest/api/3/search/jql', {
      jql: 'issuetype = Incident',
      nextPageToken: String(page.json.nextPageToken),
    });
    expect(otherQuery.status).toBe(400);
    const unbounded = await sim.call('POST', '/rest/api/3/search/jql', { jql: 'ORDER BY updated' });
    expect(unbounded.status).toBe(400);
    expect(arr(unbounded.json.errorMessages)[0]).toMatch(/Unbounded JQL/);
    const badField = await sim.call('GET', '/rest/api/3/search/jql?jql=colour%3Dred');
    expect(arr(badField.json.errorMessages)[0]).toMatch(/Field 'colour' does not exist/);
  });

  test('the old /search answers 410 Gone; with the quirk off it serves a page', async () => {
    const gone = await sim.call('GET', '/rest/api/3/search?jql=project%3DITSM');
    expect(gone.status).toBe(410);
    expect(arr(gone.json.errorMessages)[0]).toMatch(/CHANGE-2046/);
    expect((await sim.call('POST', '/rest/api/3/search', { jql: 'project = ITSM' })).status).toBe(
      410,
    );
    await sim.control('PUT', '/config', { quirks: { legacySearchGone: false } });
    const legacy = await sim.call('GET', '/rest/api/3/search?jql=project%3DITSM&maxResults=5');
    expect(legacy.json).toMatchObject({ startAt: 0, maxResults: 5, total: 12 });
  });

  test('approximate count', async () => {
    const res = await sim.call('POST', '/rest/api/3/search/approximate-count', {
      jql: 'project = ITSM',
    });
    expect(res.json).toEqual({ count: 12 });
  });
});

describe('JSM', () => {
  test('assets workspace discovery; the retired insight path is a 403 HTML page', async () => {
    const res = await h.call('GET', '/rest/servicedeskapi/assets/workspace');
    expect(res.json).toMatchObject({ isLastPage: true, values: [{ workspaceId: h.ws }] });
    const insight = await h.call('GET', '/rest/servicedeskapi/insight/workspace');
    expect(insight.status).toBe(403);
    expect(insight.headers.get('content-type')).toMatch(/text\/html/);
  });

  test('request types and request creation with the Assets field', async () => {
    const types = await h.call('GET', '/rest/servicedeskapi/servicedesk/1/requesttype');
    expect(arr(types.json.values).map((t) => t.name)).toEqual([
      'Get IT help',
      'Request new hardware',
      'Report an incident',
      'Request a change',
    ]);
    const created = await h.call('POST', '/rest/servicedeskapi/request', {
      serviceDeskId: '1',
      requestTypeId: '3',
      requestFieldValues: {
        summary: 'Dock dead',
        description: 'It does not power on',
        customfield_10191: [assetRef(objectId)],
      },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      requestTypeId: '3',
      serviceDeskId: '1',
      currentStatus: { statusCategory: 'NEW' },
    });
    const key = String(created.json.issueKey);
    const fetched = await h.call('GET', `/rest/servicedeskapi/request/${key}`);
    const assetsValue = arr(fetched.json.requestFieldValues).find(
      (v) => (v.fieldId as unknown) === 'customfield_10191',
    );
    expect(assetsValue?.value).toEqual([assetRef(objectId)]);
    const issue = await h.call('GET', `/rest/api/3/issue/${key}`);
    expect(issue.json.fields.issuetype.name).toBe('Incident');
  });

  test('JSM errors use errorMessage and i18nErrorMessage', async () => {
    const bad = await h.call('POST', '/rest/servicedeskapi/request', {
      serviceDeskId: '1',
      requestTypeId: '99',
      requestFieldValues: { summary: 'x' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.errorMessage).toMatch(/request type 99/);
    expect(bad.json.i18nErrorMessage).toBeDefined();
    expect((await h.call('GET', '/rest/servicedeskapi/request/ITSM-9999')).status).toBe(404);
  });
});

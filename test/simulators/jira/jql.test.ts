import { JqlError, parseJql, runJql } from '../../../simulators/jira/jql';
import { JiraState } from '../../../simulators/jira/jira-state';
import { resolveJiraOptions } from '../../../simulators/jira/jira-options';
import { IssueService } from '../../../simulators/jira/issue-service';
import { WebhookDispatcher } from '../../../simulators/jira/webhook-dispatcher';
import { Rng } from '../../../simulators/kit/rng';

let clock = Date.UTC(2026, 0, 5, 10, 0);

function setup() {
  const state = new JiraState(resolveJiraOptions({ now: () => clock }));
  const service = new IssueService(
    state,
    new WebhookDispatcher({ delaysMs: [], timeoutMs: 1000 }, new Rng(1)),
  );
  const laptop = state.assets.create({
    objectTypeId: '2',
    attributes: [{ objectTypeAttributeId: '2', objectAttributeValues: [{ value: 'MBP' }] }],
  });
  const bob = state.users.ensure('bob@example.com', 'Bob Builder');
  const mk = (summary: string, type: string, extra: Record<string, unknown> = {}) => {
    clock += 3_600_000;
    return service.create(
      { fields: { project: { key: 'ITSM' }, issuetype: { name: type }, summary, ...extra } },
      state.admin.accountId,
    );
  };
  const i1 = mk('Laptop screen broken', 'Incident', {
    customfield_10191: [{ workspaceId: state.options.workspaceId, objectId: laptop.id }],
  });
  const i2 = mk('New monitor please', 'Service Request', {
    labels: ['hardware'],
    assignee: { accountId: bob.accountId },
  });
  const i3 = mk('Upgrade firewall', 'Change');
  return { state, keys: [i1.key, i2.key, i3.key], laptop };
}

function keys(state: JiraState, jql: string): string[] {
  return runJql(parseJql(jql), state.issues.issues.values(), state.jqlCtx()).map((i) => i.key);
}

describe('JQL subset', () => {
  const {
    state,
    keys: [k1, k2, k3],
    laptop,
  } = setup();

  test('project, issuetype and default order (key DESC)', () => {
    expect(keys(state, 'project = ITSM')).toEqual([k3, k2, k1]);
    expect(keys(state, 'project = itsm AND issuetype = Incident')).toEqual([k1]);
    expect(keys(state, 'issuetype in ("Service Request", Change) ORDER BY created ASC')).toEqual([
      k2,
      k3,
    ]);
  });

  test('updated with yyyy/MM/dd HH:mm and relative dates', () => {
    expect(
      keys(state, 'project = ITSM AND updated >= "2026/01/05 12:00" ORDER BY updated ASC'),
    ).toEqual([k2, k3]);
    expect(keys(state, 'updated >= "2026-01-05 13:00"')).toEqual([k3]);
    expect(keys(state, 'updated >= -1w ORDER BY updated ASC')).toEqual([k1, k2, k3]);
  });

  test('the Assets field by name, cf[N] and customfield_N', () => {
    expect(keys(state, '"Assets" is not EMPTY')).toEqual([k1]);
    expect(keys(state, 'cf[10191] is EMPTY ORDER BY key ASC')).toEqual([k2, k3]);
    expect(keys(state, `customfield_10191 = ITA-${laptop.id}`)).toEqual([k1]);
  });

  test('labels, assignee, status, summary text and key', () => {
    expect(keys(state, 'labels = hardware')).toEqual([k2]);
    expect(keys(state, 'assignee = "bob@example.com"')).toEqual([k2]);
    expect(keys(state, 'assignee is EMPTY ORDER BY key ASC')).toEqual([k1, k3]);
    expect(keys(state, 'status = "Waiting for support" AND summary ~ "screen"')).toEqual([k1]);
    expect(keys(state, `key = ${k2} OR key = ${k3} ORDER BY key ASC`)).toEqual([k2, k3]);
    expect(keys(state, 'NOT issuetype = Incident ORDER BY key ASC')).toEqual([k2, k3]);
  });

  test('errors: unknown field, bad date, syntax', () => {
    expect(() => keys(state, 'colour = red')).toThrow(/Field 'colour' does not exist/);
    expect(() => keys(state, 'updated > "last tuesday"')).toThrow(/Date value 'last tuesday'/);
    expect(() => parseJql('project = ')).toThrow(JqlError);
    expect(() => parseJql('project = ITSM ORDER updated')).toThrow(JqlError);
  });
});

/**
 * The fixed configuration of the simulated Jira site: the service-desk project, its issue types,
 * statuses, priorities, JSM request types and the field list (system fields plus the Assets field).
 */
export interface IssueTypeDef {
  id: string;
  name: string;
  description: string;
}

export interface StatusDefJira {
  id: string;
  name: string;
  /** 2 new, 4 indeterminate, 3 done. */
  categoryId: 2 | 3 | 4;
}

export interface RequestTypeDef {
  id: string;
  name: string;
  description: string;
  issueTypeId: string;
  practice: string;
}

export const ISSUE_TYPES: readonly IssueTypeDef[] = [
  { id: '10001', name: 'Incident', description: 'For system outages or incidents.' },
  { id: '10002', name: 'Service Request', description: 'For requests that require approval.' },
  { id: '10003', name: 'Change', description: 'For changes to IT systems.' },
  { id: '10004', name: 'Problem', description: 'Track the causes of incidents.' },
];

export const JIRA_STATUSES: readonly StatusDefJira[] = [
  { id: '10010', name: 'Waiting for support', categoryId: 2 },
  { id: '10011', name: 'In Progress', categoryId: 4 },
  { id: '10012', name: 'Waiting for customer', categoryId: 4 },
  { id: '10013', name: 'Resolved', categoryId: 3 },
  { id: '10014', name: 'Closed', categoryId: 3 },
];

export const STATUS_CATEGORIES: Record<number, { key: string; colorName: string; name: string }> = {
  2: { key: 'new', colorName: 'blue-gray', name: 'To Do' },
  4: { key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
  3: { key: 'done', colorName: 'green', name: 'Done' },
};

export const PRIORITIES = [
  { id: '1', name: 'Highest' },
  { id: '2', name: 'High' },
  { id: '3', name: 'Medium' },
  { id: '4', name: 'Low' },
  { id: '5', name: 'Lowest' },
] as const;

export const REQUEST_TYPES: readonly RequestTypeDef[] = [
  {
    id: '1',
    name: 'Get IT help',
    description: 'Get assistance for general IT problems and questions.',
    issueTypeId: '10002',
    practice: 'service-request',
  },
  {
    id: '2',
    name: 'Request new hardware',
    description: 'Need a new laptop, monitor or phone? Ask here.',
    issueTypeId: '10002',
    practice: 'service-request',
  },
  {
    id: '3',
    name: 'Report an incident',
    description: 'Something is broken or not working.',
    issueTypeId: '10001',
    practice: 'incident-management',
  },
  {
    id: '4',
    name: 'Request a change',
    description: 'Propose a change to an IT system.',
    issueTypeId: '10003',
    practice: 'change-management',
  },
];

export const PROJECT_ID = '10000';
export const SERVICE_DESK_ID = '1';
export const PROJECT_NAME = 'IT Service Management';

export interface FieldDef {
  id: string;
  name: string;
  custom: boolean;
  schema: Record<string, unknown>;
  clauseNames: string[];
  navigable: boolean;
  orderable: boolean;
  searchable: boolean;
}

function system(
  id: string,
  name: string,
  schema: Record<string, unknown>,
  extra: Partial<FieldDef> = {},
): FieldDef {
  return {
    id,
    name,
    custom: false,
    schema: { ...schema, system: id },
    clauseNames: [id],
    navigable: true,
    orderable: true,
    searchable: true,
    ...extra,
  };
}

export function fieldCatalog(assetsFieldNumber: number): FieldDef[] {
  const assetsId = `customfield_${assetsFieldNumber}`;
  return [
    system('summary', 'Summary', { type: 'string' }),
    system('description', 'Description', { type: 'string' }),
    system(
      'issuetype',
      'Issue Type',
      { type: 'issuetype' },
      { clauseNames: ['issuetype', 'type'] },
    ),
    system('project', 'Project', { type: 'project' }, { orderable: false }),
    system('status', 'Status', { type: 'status' }, { orderable: false }),
    system('priority', 'Priority', { type: 'priority' }),
    system('reporter', 'Reporter', { type: 'user' }),
    system('assignee', 'Assignee', { type: 'user' }),
    system('creator', 'Creator', { type: 'user' }, { orderable: false }),
    system(
      'created',
      'Created',
      { type: 'datetime' },
      { clauseNames: ['created', 'createdDate'], orderable: false },
    ),
    system(
      'updated',
      'Updated',
      { type: 'datetime' },
      { clauseNames: ['updated', 'updatedDate'], orderable: false },
    ),
    system('labels', 'Labels', { type: 'array', items: 'string' }),
    system(
      'comment',
      'Comment',
      { type: 'comments-page' },
      { navigable: false, clauseNames: ['comment'] },
    ),
    {
      id: 'issuekey',
      name: 'Key',
      custom: false,
      schema: { type: 'string', system: 'issuekey' },
      clauseNames: ['id', 'issue', 'issuekey', 'key'],
      navigable: true,
      orderable: false,
      searchable: false,
    },
    {
      id: assetsId,
      name: 'Assets',
      custom: true,
      schema: {
        type: 'array',
        items: 'cmdb-object',
        custom: 'com.atlassian.jira.plugins.cmdb:cmdb-object-cftype',
        customId: assetsFieldNumber,
      },
      clauseNames: [`cf[${assetsFieldNumber}]`, 'Assets', 'Assets[Assets objects]'],
      navigable: true,
      orderable: true,
      searchable: true,
    },
    {
      id: 'customfield_10010',
      name: 'Request Type',
      custom: true,
      schema: {
        type: 'sd-customerrequesttype',
        custom: 'com.atlassian.servicedesk:vp-origin',
        customId: 10010,
      },
      clauseNames: ['cf[10010]', 'Customer Request Type', 'Request Type'],
      navigable: true,
      orderable: true,
      searchable: true,
    },
  ];
}

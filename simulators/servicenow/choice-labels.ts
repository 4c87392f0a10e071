/**
 * Out-of-the-box choice labels (research/servicenow.md section 2 "Choice values" and section 4
 * task states). Keyed by `<hierarchy root or table>.<field>`; the most specific table wins.
 */
const LABELS: Record<string, Record<string, string>> = {
  'cmdb_ci.install_status': {
    '1': 'Installed',
    '2': 'On Order',
    '3': 'In Maintenance',
    '4': 'Pending Install',
    '5': 'Pending Repair',
    '6': 'In Stock',
    '7': 'Retired',
    '8': 'Stolen',
    '100': 'Absent',
  },
  'cmdb_ci.operational_status': {
    '1': 'Operational',
    '2': 'Non-Operational',
    '3': 'Repair in Progress',
    '4': 'DR Standby',
    '5': 'Ready',
    '6': 'Retired',
  },
  'cmdb_ci.hardware_status': {
    installed: 'Installed',
    in_stock: 'In Stock',
    in_maintenance: 'In Maintenance',
    retired: 'Retired',
  },
  'alm_asset.install_status': {
    '1': 'In use',
    '2': 'On order',
    '3': 'In maintenance',
    '6': 'In stock',
    '7': 'Retired',
    '8': 'Missing',
    '9': 'In transit',
    '10': 'Consumed',
  },
  'incident.state': {
    '1': 'New',
    '2': 'In Progress',
    '3': 'On Hold',
    '6': 'Resolved',
    '7': 'Closed',
    '8': 'Canceled',
  },
  'change_request.state': {
    '-5': 'New',
    '-4': 'Assess',
    '-3': 'Authorize',
    '-2': 'Scheduled',
    '-1': 'Implement',
    '0': 'Review',
    '3': 'Closed',
    '4': 'Canceled',
  },
  'sc_req_item.state': {
    '-5': 'Pending',
    '1': 'Open',
    '2': 'Work in Progress',
    '3': 'Closed Complete',
    '4': 'Closed Incomplete',
    '7': 'Closed Skipped',
  },
  'task.priority': {
    '1': '1 - Critical',
    '2': '2 - High',
    '3': '3 - Moderate',
    '4': '4 - Low',
    '5': '5 - Planning',
  },
  'task.impact': { '1': '1 - High', '2': '2 - Medium', '3': '3 - Low' },
  'task.urgency': { '1': '1 - High', '2': '2 - Medium', '3': '3 - Low' },
};

/** The label of a stored choice value, or the value itself when no label is known. */
export function choiceLabel(table: string, root: string, field: string, value: string): string {
  const labels = LABELS[`${table}.${field}`] ?? LABELS[`${root}.${field}`];
  return labels?.[value] ?? value;
}

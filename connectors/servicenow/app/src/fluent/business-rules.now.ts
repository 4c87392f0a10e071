import { BusinessRule } from '@servicenow/sdk/core';

// One rule per ticket table. The filter runs the rule when the configuration item is set (on
// insert: set at all; on update: still set, so any change of the ticket counts) or has just
// changed (including being cleared). The condition keeps the job off the queue while disabled.
// TODO(#6): a change of the affected CIs (task_ci) sends no event; the connector's read links them.
const CI_FILTER = 'cmdb_ciISNOTEMPTY^ORcmdb_ciVALCHANGES^EQ';
const ENABLED = "gs.getProperty('x_assetbridge.enabled', 'true') != 'false'";
const NOTIFY_SCRIPT = Now.include('../scripts/notify-ticket-change.server.js');
const DESCRIPTION =
  'Posts a signed ticket.created / ticket.updated event to assetbridge (AssetbridgeEvents) when the ticket names a configuration item.';

BusinessRule({
  $id: Now.ID['business-rule-incident'],
  name: 'assetbridge: notify incident change',
  table: 'incident',
  when: 'async',
  action: ['insert', 'update'],
  filterCondition: CI_FILTER,
  condition: ENABLED,
  description: DESCRIPTION,
  order: 100,
  active: true,
  script: NOTIFY_SCRIPT,
});

BusinessRule({
  $id: Now.ID['business-rule-change-request'],
  name: 'assetbridge: notify change request change',
  table: 'change_request',
  when: 'async',
  action: ['insert', 'update'],
  filterCondition: CI_FILTER,
  condition: ENABLED,
  description: DESCRIPTION,
  order: 100,
  active: true,
  script: NOTIFY_SCRIPT,
});

BusinessRule({
  $id: Now.ID['business-rule-requested-item'],
  name: 'assetbridge: notify requested item change',
  table: 'sc_req_item',
  when: 'async',
  action: ['insert', 'update'],
  filterCondition: CI_FILTER,
  condition: ENABLED,
  description: DESCRIPTION,
  order: 100,
  active: true,
  script: NOTIFY_SCRIPT,
});

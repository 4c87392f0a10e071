import { UiAction } from '@servicenow/sdk/core';

// A server-side form button on each ticket table; shown to fulfillers (itil) on saved tickets that
// name a configuration item while the app is enabled.
const VISIBLE =
  "!current.cmdb_ci.nil() && gs.hasRole('itil') && gs.getProperty('x_assetbridge.enabled', 'true') != 'false'";
const REFRESH_SCRIPT = Now.include('../scripts/refresh-asset-context.server.js');
const HINT = "Ask assetbridge to refresh this ticket's asset context work note";

UiAction({
  $id: Now.ID['ui-action-refresh-incident'],
  table: 'incident',
  name: 'Refresh asset context',
  actionName: 'x_assetbridge_refresh_asset_context',
  hint: HINT,
  condition: VISIBLE,
  showInsert: false,
  showUpdate: true,
  form: { showButton: true, showLink: false, showContextMenu: false },
  order: 500,
  active: true,
  script: REFRESH_SCRIPT,
});

UiAction({
  $id: Now.ID['ui-action-refresh-change-request'],
  table: 'change_request',
  name: 'Refresh asset context',
  actionName: 'x_assetbridge_refresh_asset_context',
  hint: HINT,
  condition: VISIBLE,
  showInsert: false,
  showUpdate: true,
  form: { showButton: true, showLink: false, showContextMenu: false },
  order: 500,
  active: true,
  script: REFRESH_SCRIPT,
});

UiAction({
  $id: Now.ID['ui-action-refresh-requested-item'],
  table: 'sc_req_item',
  name: 'Refresh asset context',
  actionName: 'x_assetbridge_refresh_asset_context',
  hint: HINT,
  condition: VISIBLE,
  showInsert: false,
  showUpdate: true,
  form: { showButton: true, showLink: false, showContextMenu: false },
  order: 500,
  active: true,
  script: REFRESH_SCRIPT,
});

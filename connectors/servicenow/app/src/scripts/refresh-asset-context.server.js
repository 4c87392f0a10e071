/**
 * UI action script (server side, form button "Refresh asset context"): asks assetbridge to refresh
 * the asset context of this ticket and says whether the request was delivered.
 */
(function refreshAssetContext(current, action) {
  var outcome = new AssetbridgeEvents().requestRefresh(current);
  var number = current.getValue('number');

  if (outcome.sent) {
    gs.addInfoMessage('Asked assetbridge to refresh the asset context of ' + number + '.');
  } else if (outcome.reason === 'not_configured') {
    gs.addErrorMessage(
      'assetbridge is not configured: set x_assetbridge.webhook_url and x_assetbridge.webhook_secret.'
    );
  } else {
    gs.addErrorMessage(
      'assetbridge did not accept the refresh request for ' +
        number +
        ' (' +
        outcome.reason +
        ', status ' +
        outcome.status +
        ').'
    );
  }

  action.setRedirectURL(current);
})(current, action);

/**
 * Business rule script (async, after insert and update) on incident, change_request and
 * sc_req_item. The rule's filter lets it run only when cmdb_ci is set or has just changed, and its
 * condition only while x_assetbridge.enabled is not false. `previous` is null in async rules.
 */
(function executeRule(current, previous) {
  new AssetbridgeEvents().notifyTicketChange(current);
})(current, previous);

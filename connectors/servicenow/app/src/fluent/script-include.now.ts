import { ScriptInclude } from '@servicenow/sdk/core';

ScriptInclude({
  $id: Now.ID['script-include-assetbridge-events'],
  name: 'AssetbridgeEvents',
  apiName: 'x_assetbridge.AssetbridgeEvents',
  description:
    "Builds, signs (HMAC-SHA256 over '<timestamp>.<body>') and posts ticket events to assetbridge's webhook URL.",
  accessibleFrom: 'package_private',
  active: true,
  script: Now.include('../scripts/assetbridge-events.server.js'),
});

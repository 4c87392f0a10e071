import type { Scene } from './demo-scene';
import { cmdbAssignmentScene } from './scenes/cmdb-assignment-scene';
import { cmdbRetireScene } from './scenes/cmdb-retire-scene';
import { jamfReEnrolScene } from './scenes/jamf-re-enrol-scene';
import { jsmOwnerScene } from './scenes/jsm-owner-scene';
import { jsmRequestScene } from './scenes/jsm-request-scene';
import { serviceNowIncidentScene } from './scenes/servicenow-incident-scene';

/** The service-desk flows `assetbridge demo` acts out after the full sync, in order. */
export const DEMO_SCENES: readonly Scene[] = [
  serviceNowIncidentScene,
  jsmRequestScene,
  cmdbAssignmentScene,
  jsmOwnerScene,
  jamfReEnrolScene,
  cmdbRetireScene,
];

import type { Scene } from './demo-scene';
import { jamfReEnrolScene } from './scenes/jamf-re-enrol-scene';

/** The service-desk flows `assetbridge demo` acts out after the full sync, in order. */
export const DEMO_SCENES: readonly Scene[] = [jamfReEnrolScene];

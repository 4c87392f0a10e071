/** The Jamf Pro simulator: see README.md. */
export { createJamfSimulator, JAMF_PRO_VERSION } from './jamf-simulator';
export type { JamfSimulator, JamfSimulatorOptions } from './jamf-simulator';
export { DEFAULT_JAMF_CONFIG, JamfState } from './jamf-state';
export type { JamfConfig, JamfToken } from './jamf-state';
export { JAMF_WEBHOOK_EVENTS } from './jamf-webhooks';
export type { JamfWebhookConfig, JamfWebhookDelivery, JamfWebhookEvent } from './jamf-webhooks';
export { RsqlFilter } from './rsql-filter';

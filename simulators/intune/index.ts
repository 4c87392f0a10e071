/** The Microsoft Intune (Graph v1.0 managedDevices) simulator: see README.md. */
export { createIntuneSimulator } from './intune-simulator';
export type { IntuneSimulator, IntuneSimulatorOptions } from './intune-simulator';
export { DEFAULT_INTUNE_CONFIG, IntuneState } from './intune-state';
export type { IntuneConfig } from './intune-state';
export { MANAGED_DEVICE_PROPERTIES, WRITABLE_PROPERTIES } from './managed-device-properties';
export type { ManagedDevice } from './managed-device-properties';
export { ODataFilter } from './odata-filter';

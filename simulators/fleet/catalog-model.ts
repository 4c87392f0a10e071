/**
 * The shape of one hardware model in the fleet catalog, and shorthands (operating-system version
 * lists, platform presets, `m()`) that the model lists use.
 */
import type { FleetFacts } from './fleet-device';

export type SerialStyle =
  | 'apple'
  | 'apple-legacy'
  | 'dell'
  | 'lenovo'
  | 'lenovo-server'
  | 'hp'
  | 'hpe'
  | 'surface'
  | 'samsung'
  | 'google'
  | 'cisco'
  | 'juniper'
  | 'brother'
  | 'logitech';

export interface CatalogModel {
  manufacturer: string;
  model: string;
  /** How another system names the same model (for small disagreements). */
  altModel: string;
  modelIdentifier: string | null;
  platform: FleetFacts['platform'];
  osName: string;
  osVersions: readonly string[];
  cpu: string | null;
  memoryMb: readonly number[];
  storageGb: readonly number[];
  serialStyle: SerialStyle;
  /** Type Allocation Codes (first 8 IMEI digits) for devices with a cellular modem. */
  tacs?: readonly string[];
  price: readonly [number, number];
  /** Relative weight within its category. */
  weight: number;
}

/** Model lists reuse these OS version lists and presets. */
export const MACOS = ['13.6.9', '14.6.1', '14.7.2', '15.1.1', '15.3.2', '15.6'] as const;
export const IOS = ['16.7.10', '17.6.1', '17.7.2', '18.1.1', '18.3.2', '18.6'] as const;
export const WIN11 = [
  '10.0.22621.4317',
  '10.0.22631.4460',
  '10.0.26100.2605',
  '10.0.26100.4061',
] as const;
export const WIN10 = ['10.0.19045.5131', '10.0.19045.5247'] as const;
export const ANDROID = ['13', '14', '15'] as const;

/** A model as written in the lists: memory and storage may be omitted. */
export type ModelSpec = Omit<CatalogModel, 'memoryMb' | 'storageGb'> & {
  memoryMb?: readonly number[];
  storageGb?: readonly number[];
};

/** Fills the optional parts of a model. */
export function m(spec: ModelSpec): CatalogModel {
  return { memoryMb: [], storageGb: [], ...spec };
}

export const mac = {
  manufacturer: 'Apple',
  platform: 'apple',
  osName: 'macOS',
  osVersions: MACOS,
} as const;
export const ios = {
  manufacturer: 'Apple',
  platform: 'apple',
  osName: 'iOS',
  osVersions: IOS,
} as const;
export const win = { platform: 'windows', osName: 'Windows', osVersions: WIN11 } as const;
export const droid = { platform: 'android', osName: 'Android', osVersions: ANDROID } as const;

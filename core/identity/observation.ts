import type { FieldValue } from '../model/core-fields';

/** One record from one source, already mapped to core fields. */
export interface Observation {
  /** Connector instance or import source name. */
  source: string;
  /** The record's id in that source; null when the source has none (some spreadsheets). */
  externalId: string | null;
  /** When the source observed these values (UTC instant). */
  observedAt: string;
  /** Core field path → value, as the mapper produced it. */
  values: Record<string, FieldValue>;
  /** Where the record came from, for messages: `devices.csv:12`, `jamf-prod computer 42`. */
  ref: string;
}

/** The identity-bearing parts of an observation, normalised. */
export interface IdentityKeys {
  externalId: string | null;
  serial: string | null;
  manufacturer: string | null;
  udid: string | null;
  imeis: string[];
  macs: string[];
  /** The organisation's asset tag, normalised; null when absent or a placeholder. */
  assetTag: string | null;
}

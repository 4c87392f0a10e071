import { z } from 'zod';

/** Computer inventory API versions Jamf Pro 11 serves; v4 is the current one (v1-v3 deprecated). */
export const JAMF_API_VERSIONS = ['v1', 'v2', 'v3', 'v4'] as const;
export type JamfApiVersion = (typeof JAMF_API_VERSIONS)[number];

export const JAMF_DEVICE_KINDS = ['computer', 'mobile'] as const;
export type JamfDeviceKind = (typeof JAMF_DEVICE_KINDS)[number];

/** Jamf caps `page-size` at 2000. */
export const JAMF_MAX_PAGE_SIZE = 2000;

const EnvName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name');

/** The `options` block of a `jamf` connector instance. */
export const JamfOptions = z.strictObject({
  /** Computer inventory API version (`/api/vN/computers-inventory`); tenants differ. */
  apiVersion: z.enum(JAMF_API_VERSIONS).default('v4'),
  /** Which device kinds this instance reads; both by default. */
  deviceKinds: z
    .array(z.enum(JAMF_DEVICE_KINDS))
    .min(1, 'expected at least one device kind')
    .default(['computer', 'mobile']),
  /** Records per page, at most Jamf's cap of 2000. */
  pageSize: z.number().int().min(1).max(JAMF_MAX_PAGE_SIZE).default(JAMF_MAX_PAGE_SIZE),
  /** The header Jamf webhooks carry (webhook authentication type "Header"). */
  webhookHeader: z.strictObject({ name: z.string().min(1), valueEnv: EnvName }).optional(),
  /**
   * Whether the mapping may rename devices. Renaming a mobile device makes Jamf send a command to
   * the device, so names are never written unless this is true.
   */
  renameDevices: z.boolean().default(false),
});
export type JamfOptions = z.infer<typeof JamfOptions>;

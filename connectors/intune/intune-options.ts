import { z } from 'zod';

/** Public Entra ID authority; the simulator's URL replaces it in tests and demos. */
export const DEFAULT_AUTHORITY = 'https://login.microsoftonline.com';
export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

/**
 * The `options` block of an `intune` connector. The Graph base URL is the connector's `baseUrl`
 * (e.g. `https://graph.microsoft.com`); the token endpoint is `<authority>/<tenantId>/oauth2/v2.0/token`
 * unless `auth.tokenUrl` names another.
 */
export const intuneOptionsSchema = z.strictObject({
  /** Entra tenant id (GUID) or verified domain. */
  tenantId: z.string().min(1, 'tenantId is required (the Entra tenant id or domain)'),
  authority: z.url().default(DEFAULT_AUTHORITY),
  /** `$top` of list requests; Graph caps managedDevices pages at 1000. */
  pageSize: z.number().int().min(1).max(1000).default(1000),
  /**
   * Read the properties that lists leave at a default (ethernetMacAddress, physicalMemoryInBytes,
   * notes, udid, ...) with one GET per device, for the devices that changed since the last run.
   */
  readDetailsForChanged: z.boolean().default(false),
});
export type IntuneOptions = z.infer<typeof intuneOptionsSchema>;

/** The token endpoint of a tenant at an authority. */
export function tokenUrlOf(options: IntuneOptions): string {
  const base = options.authority.replace(/\/+$/, '');
  return `${base}/${encodeURIComponent(options.tenantId)}/oauth2/v2.0/token`;
}

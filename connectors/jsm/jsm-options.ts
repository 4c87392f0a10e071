import { z } from 'zod';
import { CATEGORIES } from '../../core/model/asset';

/** Where Assets lives on Cloud for API-token (basic) traffic; the simulator's URL in tests. */
export const DEFAULT_ASSETS_BASE_URL = 'https://api.atlassian.com';

/** Object type per core category, as the "IT Assets" template of JSM names them. */
export const DEFAULT_OBJECT_TYPES: Readonly<Record<string, string>> = {
  laptop: 'Laptop',
  desktop: 'Desktop',
  server: 'Server',
  network: 'Network Device',
  mobile: 'Mobile Device',
  tablet: 'Tablet',
  printer: 'Printer',
  peripheral: 'Peripheral',
};

/** Assets caps nothing documented; 100 objects a page keeps answers small. */
export const DEFAULT_PAGE_SIZE = 100;

const EnvName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name');

/**
 * The `options` block of a `jsm` connector instance. The Jira site URL is the instance's
 * `baseUrl` (`https://example.atlassian.net`); auth is `api_token` (e-mail and API token).
 */
export const JsmOptions = z.strictObject({
  /** Base URL of the Assets API (`{assetsBaseUrl}/jsm/assets/workspace/{id}/v1`). */
  assetsBaseUrl: z.url().default(DEFAULT_ASSETS_BASE_URL),
  /** Assets workspace id; discovered with `GET /rest/servicedeskapi/assets/workspace` when absent. */
  workspaceId: z.string().min(1).optional(),
  /** Name (or key) of the object schema that holds the hardware object types. */
  objectSchema: z.string().min(1).default('IT Assets'),
  /** Object type name per core category; a category left out is neither read nor created. */
  objectTypes: z
    .partialRecord(z.enum(CATEGORIES), z.string().min(1))
    .default({ ...DEFAULT_OBJECT_TYPES })
    .refine((m) => Object.keys(m).length > 0, 'expected at least one object type'),
  /** The Assets objects custom field, by id (`customfield_10191`) or by name (`Assets`). */
  assetsField: z.string().min(1).default('Assets'),
  /** JQL that bounds the tickets read (search/jql refuses unbounded JQL). */
  ticketJql: z.string().min(1).default('project = ITSM'),
  /** Objects per AQL page and tickets per search page. */
  pageSize: z.number().int().min(1).max(1000).default(DEFAULT_PAGE_SIZE),
  /**
   * Set the Assets field on a ticket whose summary or description names a known serial or asset
   * tag. Off by default: it writes to tickets people work on.
   */
  autoLink: z.boolean().default(false),
  /**
   * A user (by e-mail) or referenced object (by label) that Assets does not have: `skip` leaves
   * that attribute out of the write (logged at warn) and writes the rest; `fail` fails the write.
   */
  unresolvedValues: z.enum(['skip', 'fail']).default('skip'),
  /** Variable holding the secret of the Jira admin webhook (`X-Hub-Signature`). */
  webhookSecretEnv: EnvName.optional(),
});
export type JsmOptions = z.infer<typeof JsmOptions>;

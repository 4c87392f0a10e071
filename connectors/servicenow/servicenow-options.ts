import { z } from 'zod';
import { CATEGORIES } from '../../core/model/asset';

/** `sysparm_limit` we page with; ServiceNow's default is 10 000, 1000-2000 is the advice. */
export const SN_MAX_PAGE_SIZE = 10_000;

const EnvName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name');

const TableName = z.string().regex(/^[a-z][a-z0-9_]*$/, 'expected a ServiceNow table name');

/** CI class per core category (servicenow.md §2 class hierarchy; the SGCs use the same classes). */
export const DEFAULT_CI_CLASSES: Readonly<Record<(typeof CATEGORIES)[number], string>> = {
  laptop: 'cmdb_ci_computer',
  desktop: 'cmdb_ci_computer',
  server: 'cmdb_ci_server',
  network: 'cmdb_ci_netgear',
  mobile: 'cmdb_ci_handheld_computing',
  tablet: 'cmdb_ci_handheld_computing',
  printer: 'cmdb_ci_printer',
  peripheral: 'cmdb_ci_hardware',
  other: 'cmdb_ci_hardware',
};

/**
 * Substatus a state needs when we change `install_status` (Retired needs one on the platform).
 * Keys are `alm_asset.install_status` values.
 */
export const DEFAULT_SUBSTATUS: Readonly<Record<string, string>> = {
  '6': 'available',
  '7': 'disposed',
  '8': 'lost',
};

/** The `options` block of a `servicenow` connector instance. */
export const ServiceNowOptions = z.strictObject({
  /** `sysparm_data_source` of IRE writes: a choice of `cmdb_ci.discovery_source`. */
  dataSource: z.string().min(1).default('AssetSync'),
  /** Table the CIs are read from; its child classes are read too. */
  ciTable: TableName.default('cmdb_ci_hardware'),
  /** Extra encoded query ANDed to every CI read (e.g. `install_status!=7`). */
  ciQuery: z.string().default(''),
  /** CI class of each core category for IRE writes; categories left out keep the default. */
  ciClasses: z.partialRecord(z.enum(CATEGORIES), TableName).default({}),
  /** Records per page (`sysparm_limit`). */
  pageSize: z.number().int().min(1).max(SN_MAX_PAGE_SIZE).default(1000),
  /** Substatus written with an install_status that needs one, by install_status value. */
  defaultSubstatus: z.record(z.string(), z.string()).default({ ...DEFAULT_SUBSTATUS }),
  /**
   * Substatuses that carry meaning for the lifecycle (`8/stolen` is stolen, `8/lost` is lost);
   * the connector exposes `asset.state` as `install_status` or `install_status/substatus` for these.
   */
  stageSubstatuses: z.array(z.string().min(1)).default(['stolen']),
  /** Locations, departments and cost centers named by the core but unknown to ServiceNow are
   * created (true) or make the record fail (false). Users are never created. */
  createReferences: z.boolean().default(true),
  /**
   * An assigned user whose email ServiceNow does not know fails the record (`fail`), or is left
   * out of the write with a warning (`skip`), so that the rest of the record is still written.
   */
  unknownUsers: z.enum(['fail', 'skip']).default('fail'),
  /** Variable holding the shared secret of the signed ticket events (companion app). */
  webhookSecretEnv: EnvName.optional(),
  /** Ticket tables linked to assets. */
  ticketTables: z
    .array(z.enum(['incident', 'change_request', 'sc_req_item']))
    .min(1)
    .default(['incident', 'change_request', 'sc_req_item']),
  /** How far back the first ticket read looks (days). */
  ticketLookbackDays: z.number().int().min(1).max(3650).default(30),
  /** Link tickets that name a known serial or asset tag in their text (off by default). */
  autoLinkTickets: z.boolean().default(false),
});
export type ServiceNowOptions = z.infer<typeof ServiceNowOptions>;

/** The CI class of a category under these options. */
export function ciClassOf(options: ServiceNowOptions, category: string | null): string {
  const key = (category ?? 'other') as keyof typeof DEFAULT_CI_CLASSES;
  return options.ciClasses[key] ?? DEFAULT_CI_CLASSES[key] ?? DEFAULT_CI_CLASSES.other;
}

/**
 * Shared column lists and the table definition type; the tables themselves are in
 * cmdb-tables.ts and platform-tables.ts. Columns are written in a compact form. Each table lists only the columns
 * it adds to its parent; a class sees its own columns plus all of its ancestors'.
 *
 * Column spec: `name` (string), `name:i` (integer), `name:b` (boolean, "true"/"false"),
 * `name:dt` (glide_date_time), `name:d` (glide_date), `name:c` (choice, stored value),
 * `name>table` (reference to `table`).
 *
 * Sources: research/servicenow.md sections 2 and 4 and the Table API doc samples
 * (specs/servicenow/c_TableAPI.md); see test/simulators/servicenow/wire-description.ts for the
 * line-by-line derivation used by the conformance tests.
 */
export interface TableDefinition {
  name: string;
  label: string;
  parent?: string;
  /** Field shown as the display value of a reference to this table. */
  displayField: string;
  columns: string[];
  /** Default stored values on insert. */
  defaults?: Record<string, string>;
  /** Task number prefix (INC, CHG, RITM, ...). */
  numberPrefix?: string;
}

export const SYS_COLUMNS = [
  'sys_id',
  'sys_class_name',
  'sys_created_by',
  'sys_created_on:dt',
  'sys_updated_by',
  'sys_updated_on:dt',
  'sys_mod_count:i',
  'sys_tags',
  'sys_domain>sys_user_group',
  'sys_domain_path',
];

export const SYS_DEFAULTS = { sys_domain: 'global', sys_domain_path: '/', sys_mod_count: '0' };

export const CMDB_CI_COLUMNS = [
  ...SYS_COLUMNS,
  'sys_class_path',
  'name',
  'asset>alm_asset',
  'asset_tag',
  'assigned:dt',
  'assigned_to>sys_user',
  'assignment_group>sys_user_group',
  'attestation_score:i',
  'attested:b',
  'attested_by>sys_user',
  'attested_date:dt',
  'attributes',
  'can_print:b',
  'category',
  'change_control>sys_user_group',
  'checked_in:dt',
  'checked_out:dt',
  'comments',
  'company>core_company',
  'correlation_id',
  'cost',
  'cost_cc',
  'cost_center>cmn_cost_center',
  'delivery_date:dt',
  'department>cmn_department',
  'discovery_source:c',
  'dns_domain',
  'due:dt',
  'due_in',
  'duplicate_of>cmdb_ci',
  'environment:c',
  'fault_count:i',
  'first_discovered:dt',
  'fqdn',
  'gl_account',
  'install_date:dt',
  'install_status:c',
  'invoice_number',
  'ip_address',
  'justification',
  'last_discovered:dt',
  'lease_id',
  'life_cycle_stage',
  'life_cycle_stage_status',
  'location>cmn_location',
  'mac_address',
  'maintenance_schedule',
  'managed_by>sys_user',
  'managed_by_group>sys_user_group',
  'manufacturer>core_company',
  'model_id>cmdb_model',
  'model_number',
  'monitor:b',
  'object_id',
  'operational_status:c',
  'order_date:dt',
  'owned_by>sys_user',
  'po_number',
  'purchase_date:d',
  'schedule',
  'serial_number',
  'short_description',
  'skip_sync:b',
  'start_date:dt',
  'subcategory',
  'support_group>sys_user_group',
  'supported_by>sys_user',
  'unverified:b',
  'vendor>core_company',
  'warranty_expiration:d',
];

export const HARDWARE_COLUMNS = [
  'hardware_status:c',
  'hardware_substatus:c',
  'cpu_count:i',
  'cpu_manufacturer>core_company',
  'cpu_speed',
  'cpu_type',
  'ram:i',
  'disk_space',
  'chassis_type',
  'form_factor',
  'default_gateway',
  'cd_rom:b',
];

export const COMPUTER_COLUMNS = [
  'os',
  'os_version',
  'os_service_pack',
  'os_domain',
  'os_address_width:i',
  'cpu_core_count:i',
  'cpu_core_thread:i',
  'cpu_name',
  'virtual:b',
  'host_name',
];

export const TASK_COLUMNS = [
  ...SYS_COLUMNS,
  'number',
  'short_description',
  'description',
  'state:c',
  'active:b',
  'priority:c',
  'impact:c',
  'urgency:c',
  'assigned_to>sys_user',
  'assignment_group>sys_user_group',
  'opened_at:dt',
  'opened_by>sys_user',
  'closed_at:dt',
  'closed_by>sys_user',
  'close_notes',
  'cmdb_ci>cmdb_ci',
  'company>core_company',
  'location>cmn_location',
  'work_notes',
  'comments',
  'comments_and_work_notes',
  'work_notes_list',
  'correlation_id',
  'correlation_display',
  'contact_type',
  'due_date:dt',
  'sla_due:dt',
  'parent>task',
  'approval',
  'escalation:i',
  'reassignment_count:i',
  'watch_list',
];

export const ASSET_COLUMNS = [
  ...SYS_COLUMNS,
  'asset_tag',
  'serial_number',
  'display_name',
  'model>cmdb_model',
  'model_category>cmdb_model_category',
  'ci>cmdb_ci',
  'install_status:c',
  'substatus:c',
  'assigned:dt',
  'assigned_to>sys_user',
  'reserved_for>sys_user',
  'owned_by>sys_user',
  'managed_by>sys_user',
  'location>cmn_location',
  'stockroom>alm_stockroom',
  'department>cmn_department',
  'company>core_company',
  'cost_center>cmn_cost_center',
  'vendor>core_company',
  'warranty_expiration:d',
  'purchase_date:d',
  'po_number',
  'cost',
  'retired:d',
  'retirement_date:d',
  'disposal_reason',
  'request_line>sc_req_item',
  'parent>alm_asset',
  'quantity:i',
];

export const CI_DEFAULTS = {
  ...SYS_DEFAULTS,
  install_status: '1',
  operational_status: '1',
  attested: 'false',
  can_print: 'false',
  cost_cc: 'USD',
  fault_count: '0',
  monitor: 'false',
  skip_sync: 'false',
  unverified: 'false',
};

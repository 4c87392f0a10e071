/**
 * A checked-in description of the ServiceNow wire format, for the conformance tests. It is written
 * from the vendor docs and the research notes, not from the simulator, and lists which fields each
 * table may return. At run time the tests add the keys of the docs' own samples (c_TableAPI.md)
 * and of the captured fixtures, read from ../shared.
 *
 * Sources (R = /work/shared/research/servicenow.md, line numbers of the australia-era notes):
 *   R:127-129  system fields and value shapes (sys_id, sys_created_on, sys_mod_count, sys_domain)
 *   R:187-211  cmdb_ci_computer columns (identity, people, status, discovery, hardware, money)
 *   R:169-184  class hierarchy and lookup tables (cmdb_serial_number, network adapter, cmdb_rel_ci)
 *   R:214-222  alm_asset / alm_hardware columns
 *   R:400      sys_object_source columns (name, id, last_scan)
 *   R:447-461  task fields, task_ci, sc_req_item.configuration_item, sys_choice name/element
 *   R:600      handheld attributes written by the Intune SGC
 *   R:183, R:593, R:631-632  cmdb_ci_ip_address and cmdb_ci_disk, named as SGC targets
 *   fixture    shared/fixtures/servicenow/stackstate_cmdb_ci_with_utf8.json (a full cmdb_ci row)
 *   docs       shared/specs/servicenow/c_TableAPI.md samples (problem and incident rows)
 * Fields marked ASSUMED are not named by those sources; they are the platform's well-known
 * dictionary columns and are listed so that a reviewer sees every one of them.
 */

export interface TableDescription {
  parent?: string;
  /** Where the field list comes from. */
  source: string;
  fields: string[];
}

/** R:127-129 and the docs samples: present on every table. */
const SYSTEM = [
  'sys_id',
  'sys_class_name',
  'sys_created_by',
  'sys_created_on',
  'sys_updated_by',
  'sys_updated_on',
  'sys_mod_count',
  'sys_tags',
  'sys_domain',
  'sys_domain_path',
];

export const TABLES: Record<string, TableDescription> = {
  cmdb_ci: {
    source: 'fixture stackstate_cmdb_ci_with_utf8.json (added at run time) + R:187-211',
    fields: [
      ...SYSTEM,
      'name',
      'asset',
      'asset_tag',
      'serial_number',
      'correlation_id',
      'object_id',
      'model_id',
      'model_number',
      'manufacturer',
      'vendor',
      'assigned_to',
      'assigned',
      'owned_by',
      'managed_by',
      'supported_by',
      'support_group',
      'assignment_group',
      'location',
      'department',
      'company',
      'cost_center',
      'install_status',
      'operational_status',
      'skip_sync',
      'unverified',
      'duplicate_of',
      'discovery_source',
      'first_discovered',
      'last_discovered',
      'mac_address',
      'ip_address',
      'dns_domain',
      'fqdn',
      'warranty_expiration',
      'purchase_date',
      'install_date',
      'order_date',
      'delivery_date',
      'start_date',
      'cost',
      'cost_cc',
      'po_number',
      'invoice_number',
      'lease_id',
      'life_cycle_stage',
      'life_cycle_stage_status',
      'attested',
      'attestation_score',
      'environment',
    ],
  },
  cmdb_ci_hardware: {
    parent: 'cmdb_ci',
    source: 'R:187-211 (hardware columns of cmdb_ci_computer that are not OS-specific)',
    fields: [
      'hardware_status',
      'hardware_substatus',
      'cpu_count',
      'cpu_speed',
      'cpu_type',
      'cpu_manufacturer',
      'ram',
      'disk_space',
      'chassis_type',
      'form_factor',
      'cd_rom',
      'default_gateway',
    ],
  },
  cmdb_ci_computer: {
    parent: 'cmdb_ci_hardware',
    source: 'R:187-211',
    fields: [
      'os',
      'os_version',
      'os_service_pack',
      'os_domain',
      'os_address_width',
      'cpu_core_count',
      'cpu_core_thread',
      'cpu_name',
      'virtual',
      'host_name',
    ],
  },
  cmdb_ci_server: { parent: 'cmdb_ci_computer', source: 'R:172-173', fields: [] },
  cmdb_ci_netgear: { parent: 'cmdb_ci_hardware', source: 'R:175', fields: [] },
  cmdb_ci_printer: { parent: 'cmdb_ci_hardware', source: 'R:177', fields: [] },
  cmdb_ci_handheld_computing: {
    parent: 'cmdb_ci_hardware',
    source:
      'R:178-179 (parent UNCONFIRMED) + R:598-600 (os, os_version, imei... written by the SGC)',
    fields: ['imei', 'meid', 'phone_number', 'root_access', 'carrier', 'os', 'os_version'],
  },
  cmdb_ci_network_adapter: {
    parent: 'cmdb_ci',
    source: 'R:182 (name, mac_address, ip_address, cmdb_ci); ASSUMED: netmask, dhcp_enabled',
    fields: ['cmdb_ci', 'netmask', 'dhcp_enabled'],
  },
  cmdb_ci_ip_address: {
    parent: 'cmdb_ci',
    source:
      'R:183 (named with the identification lookups), R:593, R:632; ASSUMED: nic (the adapter), ip_version, netmask',
    fields: ['nic', 'ip_version', 'netmask'],
  },
  cmdb_ci_storage_device: {
    parent: 'cmdb_ci_hardware',
    source:
      'parent class of cmdb_ci_disk; ASSUMED: computer, device_interface, size_bytes, free_space_bytes (what Discovery records for a disk)',
    fields: ['computer', 'device_interface', 'size_bytes', 'free_space_bytes'],
  },
  cmdb_ci_disk: { parent: 'cmdb_ci_storage_device', source: 'R:631-632 (SGC target)', fields: [] },
  cmdb_serial_number: {
    source: 'R:181; ASSUMED: absent',
    fields: [...SYSTEM, 'serial_number', 'serial_number_type', 'valid', 'cmdb_ci', 'absent'],
  },
  alm_asset: {
    source: 'R:214-222; vendor from the synced-field list R:230-234',
    fields: [
      ...SYSTEM,
      'asset_tag',
      'serial_number',
      'display_name',
      'model',
      'model_category',
      'ci',
      'install_status',
      'substatus',
      'assigned_to',
      'assigned',
      'reserved_for',
      'owned_by',
      'managed_by',
      'location',
      'stockroom',
      'department',
      'company',
      'cost_center',
      'vendor',
      'warranty_expiration',
      'purchase_date',
      'po_number',
      'cost',
      'retired',
      'retirement_date',
      'disposal_reason',
      'request_line',
      'parent',
      'quantity',
    ],
  },
  alm_hardware: { parent: 'alm_asset', source: 'R:214', fields: [] },
  task: {
    source: 'R:454-456 + docs problem/incident samples (added at run time)',
    fields: [
      ...SYSTEM,
      'number',
      'short_description',
      'description',
      'state',
      'active',
      'priority',
      'impact',
      'urgency',
      'assigned_to',
      'assignment_group',
      'opened_at',
      'closed_at',
      'cmdb_ci',
    ],
  },
  incident: { parent: 'task', source: 'docs incident samples (run time)', fields: [] },
  change_request: {
    parent: 'task',
    source: 'R:459; ASSUMED: the change-specific columns below',
    fields: [
      'type',
      'risk',
      'category',
      'start_date',
      'end_date',
      'requested_by',
      'implementation_plan',
      'backout_plan',
    ],
  },
  sc_req_item: {
    parent: 'task',
    source: 'R:447 (configuration_item); ASSUMED: request, cat_item, quantity, requested_for',
    fields: ['configuration_item', 'request', 'cat_item', 'quantity', 'requested_for'],
  },
  task_ci: { source: 'R:449', fields: [...SYSTEM, 'task', 'ci_item'] },
  sys_journal_field: {
    source: 'issue #3 text (element, element_id, value); ASSUMED: name (the table)',
    fields: [
      'sys_id',
      'sys_created_by',
      'sys_created_on',
      'sys_tags',
      'element',
      'element_id',
      'name',
      'value',
    ],
  },
  sys_object_source: {
    source: 'R:400 (name, id, last_scan); ASSUMED: target_table, target_sys_id, source_feed',
    fields: [...SYSTEM, 'name', 'id', 'last_scan', 'target_table', 'target_sys_id', 'source_feed'],
  },
  cmdb_rel_ci: { source: 'R:184', fields: [...SYSTEM, 'parent', 'child', 'type'] },
  cmdb_rel_type: {
    source: 'R:184 + R:310 (name); ASSUMED: parent_descriptor, child_descriptor',
    fields: [...SYSTEM, 'name', 'parent_descriptor', 'child_descriptor'],
  },
  sys_choice: {
    source: 'R:461 (name, element); ASSUMED: value, label, language, inactive, sequence',
    fields: [...SYSTEM, 'name', 'element', 'value', 'label', 'language', 'inactive', 'sequence'],
  },
  sys_user: {
    source: 'ASSUMED (the research names the table only)',
    fields: [
      ...SYSTEM,
      'user_name',
      'first_name',
      'last_name',
      'name',
      'email',
      'active',
      'title',
      'employee_number',
      'department',
      'location',
      'company',
      'cost_center',
      'manager',
    ],
  },
  cmn_location: {
    source: 'ASSUMED (the research names the table only)',
    fields: [
      ...SYSTEM,
      'name',
      'full_name',
      'street',
      'city',
      'state',
      'zip',
      'country',
      'company',
      'parent',
    ],
  },
  cmn_department: {
    source: 'ASSUMED (the research names the table only)',
    fields: [...SYSTEM, 'name', 'id', 'description', 'company', 'cost_center', 'head', 'parent'],
  },
  core_company: {
    source: 'R:192 (manufacturer → core_company); ASSUMED: the flags; stock_symbol from R:73',
    fields: [...SYSTEM, 'name', 'manufacturer', 'vendor', 'customer', 'stock_symbol', 'website'],
  },
  cmdb_model: {
    source: 'R:215 (model → cmdb_model, model_category); ASSUMED: the columns below',
    fields: [
      ...SYSTEM,
      'name',
      'display_name',
      'manufacturer',
      'model_number',
      'short_description',
      'cmdb_model_category',
      'status',
    ],
  },
  cmdb_hardware_product_model: { parent: 'cmdb_model', source: 'ASSUMED', fields: [] },
  cmdb_model_category: {
    source: 'R:215 (model_category → cmdb_model_category); ASSUMED: the columns below',
    fields: [...SYSTEM, 'name', 'asset_class', 'cmdb_ci_class'],
  },
  sys_user_group: {
    source: 'R:129 (sys_domain → sys_user_group); ASSUMED: the columns below',
    fields: [...SYSTEM, 'name', 'description', 'active', 'manager'],
  },
  cmn_cost_center: {
    source: 'ASSUMED (cost_center references it, R:188-196)',
    fields: [...SYSTEM, 'name', 'code', 'account_number', 'manager'],
  },
  problem: { parent: 'task', source: 'docs problem sample (run time)', fields: [] },
  cmdb_ci_pc_hardware: { parent: 'cmdb_ci_computer', source: 'R:172', fields: [] },
  cmdb_ci_linux_server: { parent: 'cmdb_ci_server', source: 'docs IRE sample', fields: [] },
  cmdb_ci_win_server: { parent: 'cmdb_ci_server', source: 'docs IRE className text', fields: [] },
  cmdb_ci_ip_switch: { parent: 'cmdb_ci_netgear', source: 'R:175', fields: [] },
  cmdb_ci_ip_router: { parent: 'cmdb_ci_netgear', source: 'R:175', fields: [] },
  cmdb_ci_comm: {
    parent: 'cmdb_ci_hardware',
    source: 'R:176; phone_number as on handhelds R:600',
    fields: ['phone_number'],
  },
};

/** All fields `table` may return: its own and its ancestors'. */
export function allowedFields(table: string, extra: Record<string, string[]> = {}): Set<string> {
  const out = new Set<string>();
  for (let t: string | undefined = table; t; t = TABLES[t]?.parent) {
    for (const f of TABLES[t]?.fields ?? []) out.add(f);
    for (const f of extra[t] ?? []) out.add(f);
  }
  return out;
}

/** research R:510: the OAuth token response. */
export const TOKEN_RESPONSE_KEYS = [
  'scope',
  'token_type',
  'expires_in',
  'refresh_token',
  'access_token',
];

/** research R:132: the error envelope. */
export const ERROR_ENVELOPE_PATHS = ['error', 'error.message', 'error.detail', 'status'];

/** [MEAS] R:330: items may carry incompleteSysIds when INSERT_AS_INCOMPLETE (enhanced). */
export const IRE_MEASURED_PATHS = ['result.items.incompleteSysIds'];

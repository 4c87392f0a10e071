import {
  factsFor,
  type FleetCategory,
  type FleetDevice,
  type FleetFacts,
} from '../fleet/fleet-device';
import { fleetDirectory, type DirectoryPerson } from '../fleet/fleet-directory';
import { glideDateTime, type SnRecord } from './record-store';
import type { ServiceNowState } from './servicenow-state';

const CLASS_BY_CATEGORY: Record<FleetCategory, string> = {
  laptop: 'cmdb_ci_computer',
  desktop: 'cmdb_ci_computer',
  server: 'cmdb_ci_server',
  network: 'cmdb_ci_netgear',
  mobile: 'cmdb_ci_handheld_computing',
  tablet: 'cmdb_ci_handheld_computing',
  printer: 'cmdb_ci_printer',
  peripheral: 'cmdb_ci_hardware',
};

const CI_STATUS: Record<FleetFacts['status'], [string, string]> = {
  deployed: ['1', 'installed'],
  in_stock: ['6', 'in_stock'],
  in_maintenance: ['3', 'in_maintenance'],
  retired: ['7', 'retired'],
};

const ASSET_STATUS: Record<FleetFacts['status'], [string, string]> = {
  deployed: ['1', ''],
  in_stock: ['6', 'available'],
  in_maintenance: ['3', 'pending_repair'],
  retired: ['7', 'disposed'],
};

/** Share of CIs that have an alm_hardware asset (real CMDBs have CIs without assets). */
const ASSET_SHARE = 0.9;

export interface FleetSeedCounts {
  devices: number;
  cis: number;
  assets: number;
}

function dt(iso: string | null): string {
  return iso ? glideDateTime(new Date(iso)) : '';
}

/** Renders fleet devices into CMDB records: CIs, assets, people, places, companies, models. */
export class FleetSeeder {
  private readonly refs = new Map<string, string>();

  constructor(private readonly state: ServiceNowState) {}

  private ref(table: string, key: string, values: SnRecord): string {
    const memo = `${table}|${key}`;
    let id = this.refs.get(memo);
    if (!id) {
      // Indexed look-ups, so that seeding twice reuses people, places and companies.
      const field = table === 'sys_user' ? 'email' : 'name';
      const existing = this.state.store.findBy(table, field, values[field] ?? key)[0];
      id = existing?.sys_id ?? this.state.store.insert(table, values, 'system').sys_id;
      this.refs.set(memo, id);
    }
    return id;
  }

  seed(devices: FleetDevice[]): FleetSeedCounts {
    const counts: FleetSeedCounts = { devices: 0, cis: 0, assets: 0 };
    // The directory provisions every employee, whether or not ServiceNow holds their devices.
    for (const person of fleetDirectory(devices)) this.user(person);
    for (const device of devices) {
      if (!device.presence.servicenow || device.hidden) continue;
      const facts = factsFor(device, 'servicenow');
      counts.devices++;
      const assetId = this.state.rng.chance(ASSET_SHARE) ? this.state.store.newSysId() : '';
      const ci = this.ci(facts, device, 'ServiceNow', assetId);
      counts.cis++;
      if (device.reEnrolments > 0) {
        // An older duplicate CI from another discovery source, without an asset.
        this.ci({ ...facts, lastSeenAt: facts.enrolledAt }, device, 'SCCM', '');
        counts.cis++;
      }
      if (assetId) {
        this.asset(facts, ci, assetId);
        counts.assets++;
      }
    }
    return counts;
  }

  private people(f: FleetFacts): SnRecord {
    const out: SnRecord = {};
    const company = this.ref('core_company', f.manufacturer, {
      name: f.manufacturer,
      manufacturer: 'true',
    });
    out.manufacturer = company;
    out.model_id = this.ref('cmdb_hardware_product_model', `${f.manufacturer}|${f.model}`, {
      name: f.model,
      display_name: f.model.startsWith(f.manufacturer) ? f.model : `${f.manufacturer} ${f.model}`,
      manufacturer: company,
      model_number: f.modelIdentifier ?? '',
    });
    if (f.location) out.location = this.ref('cmn_location', f.location, { name: f.location });
    if (f.department) {
      out.department = this.ref('cmn_department', f.department, { name: f.department });
    }
    if (f.userEmail) {
      const person = { email: f.userEmail, fullName: f.userFullName ?? f.userEmail };
      out.assigned_to = this.user({ ...person, department: f.department, location: f.location });
    }
    return out;
  }

  /** The person's `sys_user`; one per e-mail address whatever its case, as a directory sync makes. */
  private user(person: DirectoryPerson): string {
    const { email } = person;
    const department = person.department
      ? this.ref('cmn_department', person.department, { name: person.department })
      : '';
    const location = person.location
      ? this.ref('cmn_location', person.location, { name: person.location })
      : '';
    return this.ref('sys_user', email.toLowerCase(), {
      user_name: email.split('@')[0] ?? email,
      name: person.fullName,
      email,
      department,
      location,
    });
  }

  private ciValues(f: FleetFacts, device: FleetDevice, source: string, assetId: string): SnRecord {
    const [installStatus, hardwareStatus] = CI_STATUS[f.status];
    const mac = f.macAddress?.toLowerCase() ?? '';
    return {
      ...this.people(f),
      asset: assetId,
      name: f.name,
      serial_number: f.serial ?? '',
      asset_tag: f.assetTag ?? '',
      model_number: f.modelIdentifier ?? '',
      os: f.osName,
      os_version: f.osVersion,
      cpu_name: f.cpu ?? '',
      ram: f.memoryMb === null ? '' : String(f.memoryMb),
      disk_space: f.storageGb === null ? '' : String(f.storageGb),
      mac_address: mac,
      imei: f.imei ?? '',
      install_status: installStatus,
      hardware_status: hardwareStatus,
      purchase_date: f.purchaseDate ?? '',
      warranty_expiration: f.warrantyEnd ?? '',
      po_number: f.poNumber ?? '',
      discovery_source: source,
      correlation_id: device.key,
      first_discovered: dt(f.enrolledAt),
      last_discovered: dt(f.lastSeenAt),
      sys_created_on: dt(f.enrolledAt),
      sys_updated_on: dt(f.lastSeenAt),
    };
  }

  private ci(f: FleetFacts, device: FleetDevice, source: string, assetId: string): SnRecord {
    const cls = CLASS_BY_CATEGORY[f.category];
    const mac = f.macAddress?.toLowerCase() ?? '';
    const values = this.ciValues(f, device, source, assetId);
    const ci = this.state.store.insert(cls, values, 'discovery');
    if (mac) {
      const nic = {
        name: f.platform === 'apple' ? 'en0' : 'eth0',
        mac_address: mac,
        cmdb_ci: ci.sys_id,
      };
      this.state.store.insert('cmdb_ci_network_adapter', nic, 'discovery');
    }
    if (f.serial) {
      const sn = { serial_number: f.serial, serial_number_type: 'system', cmdb_ci: ci.sys_id };
      this.state.store.insert('cmdb_serial_number', sn, 'discovery');
    }
    return ci;
  }

  private asset(f: FleetFacts, ci: SnRecord, assetId: string): void {
    const [installStatus, substatus] = ASSET_STATUS[f.status];
    const values: SnRecord = {
      sys_id: assetId,
      asset_tag: f.assetTag ?? '',
      serial_number: f.serial ?? '',
      model: ci.model_id ?? '',
      ci: ci.sys_id,
      install_status: installStatus,
      substatus,
      assigned_to: ci.assigned_to ?? '',
      location: ci.location ?? '',
      department: ci.department ?? '',
      cost: f.purchaseCost === null ? '' : f.purchaseCost.toFixed(2),
      purchase_date: f.purchaseDate ?? '',
      warranty_expiration: f.warrantyEnd ?? '',
      po_number: f.poNumber ?? '',
      sys_created_on: ci.sys_created_on,
      sys_updated_on: ci.sys_updated_on,
    };
    if (f.vendor)
      values.vendor = this.ref('core_company', f.vendor, { name: f.vendor, vendor: 'true' });
    const model = this.state.store.get('cmdb_model', values.model);
    values.display_name = [f.assetTag, model?.display_name].filter((s) => s).join(' - ');
    this.state.store.insert('alm_hardware', values, 'system');
  }
}

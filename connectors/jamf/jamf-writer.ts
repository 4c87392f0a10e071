import type { Logger } from 'pino';
import { z } from 'zod';
import { AssetbridgeError } from '../../core/errors';
import type { HttpClient } from '../../core/http/http-client';
import type { ConnectorWriter, WriteRequest, WriteResult } from '../../core/sync/connector';
import type { JamfOptions } from './jamf-options';
import { parseExternalId } from './jamf-record';
import type { JamfReferenceNames, ReferenceKind } from './jamf-reference-names';

type Wire = Record<string, unknown>;

/**
 * What Jamf takes in a PATCH, by the (computer-named) path the mapping writes: the target name on
 * a computer (`ComputerInventoryUpdateRequest`) and on a mobile device (`UpdateMobileDeviceV2`).
 * `department`/`building` carry names and are sent as ids.
 */
const WRITABLE: Readonly<Record<string, Readonly<Record<string, [string, string]>>>> = {
  general: {
    assetTag: ['assetTag', 'assetTag'],
    barcode1: ['barcode1', ''],
    barcode2: ['barcode2', ''],
  },
  userAndLocation: {
    username: ['username', 'username'],
    realname: ['realname', 'realName'],
    email: ['email', 'emailAddress'],
    position: ['position', 'position'],
    phone: ['phone', 'phoneNumber'],
    room: ['room', 'room'],
    department: ['departmentId', 'departmentId'],
    building: ['buildingId', 'buildingId'],
  },
  purchasing: {
    leased: ['leased', 'leased'],
    purchased: ['purchased', 'purchased'],
    poNumber: ['poNumber', 'poNumber'],
    poDate: ['poDate', 'poDate'],
    vendor: ['vendor', 'vendor'],
    warrantyDate: ['warrantyDate', 'warrantyExpiresDate'],
    appleCareId: ['appleCareId', 'appleCareId'],
    purchasePrice: ['purchasePrice', 'purchasePrice'],
    purchasingAccount: ['purchasingAccount', 'purchasingAccount'],
    purchasingContact: ['purchasingContact', 'purchasingContact'],
  },
};

const REFERENCE: Readonly<Record<string, ReferenceKind>> = {
  department: 'departments',
  building: 'buildings',
};

const MobileSummary = z.looseObject({ type: z.string().optional() });

export interface JamfWriterDeps {
  http: HttpClient;
  options: JamfOptions;
  names: JamfReferenceNames;
  logger: Logger;
}

/** A flat list of the (section, key, value) triples a change object holds. */
function entries(changes: Wire): [string, string, unknown][] {
  const out: [string, string, unknown][] = [];
  for (const [section, value] of Object.entries(changes)) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      out.push(['', section, value]);
      continue;
    }
    for (const [key, v] of Object.entries(value as Wire)) out.push([section, key, v]);
  }
  return out;
}

/**
 * Writes what Jamf allows and the mapping names: asset tag, user and location, purchasing and
 * warranty; a device name only with `renameDevices: true`. No creates: Jamf records come from
 * enrolment. Anything else the mapping sends is left out (and logged).
 */
export class JamfWriter implements ConnectorWriter {
  constructor(private readonly d: JamfWriterDeps) {}

  async find(): Promise<null> {
    return null;
  }

  async update(externalId: string, req: WriteRequest): Promise<WriteResult> {
    const { kind, id } = parseExternalId(externalId);
    const mobile = kind === 'mobile';
    const body: Wire = {};
    const dropped: string[] = [];
    for (const [section, key, raw] of entries(req.changes)) {
      const target = await this.target(section, key, raw, mobile);
      if (target === null) dropped.push(section === '' ? key : `${section}.${key}`);
      else
        body[target.section] = {
          ...((body[target.section] as Wire) ?? {}),
          [target.key]: target.value,
        };
    }
    if (dropped.length > 0) {
      this.d.logger.debug({ externalId, dropped }, 'Jamf does not take these fields; not sent');
    }
    if (Object.keys(body).length === 0) return { externalId };
    const wire = mobile ? await this.mobileBody(id, body) : body;
    await this.d.http.request({
      method: 'PATCH',
      path: mobile
        ? `/api/v2/mobile-devices/${id}`
        : `/api/${this.d.options.apiVersion}/computers-inventory-detail/${id}`,
      body: wire,
      trafficClass: 'write',
    });
    return { externalId };
  }

  private async target(section: string, key: string, value: unknown, mobile: boolean) {
    if (section === 'general' && key === 'name') {
      return this.d.options.renameDevices ? { section: 'general', key: 'name', value } : null;
    }
    const names = WRITABLE[section]?.[key];
    const name = names?.[mobile ? 1 : 0];
    if (name === undefined || name === '') return null;
    const ref = section === 'userAndLocation' ? REFERENCE[key] : undefined;
    return { section, key: name, value: ref ? await this.referenceId(ref, value) : value };
  }

  private async referenceId(kind: ReferenceKind, value: unknown): Promise<string | null> {
    if (value === null || value === undefined || value === '') return null;
    const id = await this.d.names.idOf(kind, String(value));
    if (id === null) {
      throw new AssetbridgeError(
        'RECORD_INVALID',
        `Jamf has no ${kind.slice(0, -1)} named '${String(value)}'; create it in Jamf Pro first`,
      );
    }
    return id;
  }

  /** `UpdateMobileDeviceV2`: flat general fields, `location`, and purchasing under `ios`/`tvos`. */
  private async mobileBody(id: string, body: Wire): Promise<Wire> {
    const out: Wire = { ...((body.general as Wire) ?? {}) };
    if (body.userAndLocation) out.location = body.userAndLocation;
    if (body.purchasing) {
      const purchasing = body.purchasing as Wire;
      for (const key of ['poDate', 'warrantyExpiresDate']) {
        const v = purchasing[key];
        if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v))
          purchasing[key] = `${v}T00:00:00Z`;
      }
      const res = await this.d.http.request<unknown>({
        method: 'GET',
        path: `/api/v2/mobile-devices/${id}`,
      });
      const type = MobileSummary.safeParse(res.data).data?.type === 'tvos' ? 'tvos' : 'ios';
      out[type] = { purchasing: body.purchasing };
    }
    return out;
  }
}

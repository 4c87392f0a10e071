import { AssetbridgeError } from '../../core/errors';
import type { HttpClient } from '../../core/http/http-client';
import type {
  ConnectorWriter,
  VendorRecord,
  WriteRequest,
  WriteResult,
} from '../../core/sync/connector';
import { sameVendorValue } from '../../core/sync/outbound-view';
import { COLLECTION } from './managed-device-reader';
import { NON_DEFAULT_PROPERTIES } from './managed-device-select';
import { parseDevice } from './managed-device-page';

/** The managedDevice properties Graph lets a PATCH set (the CSDL's non-computed ones). */
export const WRITABLE_PROPERTIES: ReadonlySet<string> = new Set([
  'notes',
  'managedDeviceName',
  'managedDeviceOwnerType',
]);

/**
 * Writes back to Intune: a PATCH of exactly the changed writable properties the mapping names.
 * Intune takes no new devices from us (enrolment does that), so there is no create and `find`
 * finds nothing: only devices already bound by a read are updated.
 *
 * Lists never show `notes` (a non-default property), so what a device holds there is unknown
 * after a list read: before a PATCH that sets one, the device's current value is read with
 * `$select` and a property that already holds the value is not sent.
 */
export class ManagedDeviceWriter implements ConnectorWriter {
  constructor(
    private readonly name: string,
    private readonly client: HttpClient,
  ) {}

  async find(_req: WriteRequest): Promise<VendorRecord | null> {
    return null;
  }

  async update(externalId: string, req: WriteRequest): Promise<WriteResult> {
    const wanted = this.patchBody(externalId, req.changes);
    const current = await this.currentHidden(externalId, Object.keys(wanted));
    const body: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(wanted)) {
      if (!(key in current) || !sameVendorValue(current[key], value)) body[key] = value;
    }
    if (Object.keys(body).length > 0) {
      await this.client.request<unknown>({
        method: 'PATCH',
        path: this.devicePath(externalId),
        body,
        trafficClass: 'write',
      });
    }
    const data = { id: externalId, ...current, ...body };
    return { externalId, record: { externalId, observedAt: new Date(0).toISOString(), data } };
  }

  private devicePath(externalId: string): string {
    return `${COLLECTION}/${encodeURIComponent(externalId)}`;
  }

  /** The current values of the non-default properties among `keys` (a single GET naming them). */
  private async currentHidden(externalId: string, keys: string[]) {
    const hidden = keys.filter((k) => NON_DEFAULT_PROPERTIES.has(k));
    if (hidden.length === 0) return {};
    const res = await this.client.request<unknown>({
      method: 'GET',
      path: this.devicePath(externalId),
      query: { $select: ['id', ...hidden].join(',') },
    });
    const device = parseDevice(this.name, externalId, res.data);
    return Object.fromEntries(hidden.map((k) => [k, device[k] ?? null]));
  }

  private patchBody(externalId: string, changes: Record<string, unknown>) {
    const body: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(changes)) {
      if (!WRITABLE_PROPERTIES.has(key)) {
        throw new AssetbridgeError(
          'RECORD_INVALID',
          `${this.name}: managedDevice ${externalId}: the mapping writes '${key}', which Graph does not let a PATCH set (writable: ${[...WRITABLE_PROPERTIES].join(', ')}); make that field direction 'in'`,
        );
      }
      body[key] = typeof value === 'string' || value === null ? value : String(value);
    }
    return body;
  }
}

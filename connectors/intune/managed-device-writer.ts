import { AssetbridgeError } from '../../core/errors';
import type { HttpClient } from '../../core/http/http-client';
import type {
  ConnectorWriter,
  VendorRecord,
  WriteRequest,
  WriteResult,
} from '../../core/sync/connector';
import { COLLECTION } from './managed-device-reader';

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
 * Lists never show `notes` (a non-default property). The sync engine keeps what it last wrote
 * there as the held value, so a PATCH is sent only when the core's value moves away from it.
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
    const body = this.patchBody(externalId, req.changes);
    if (Object.keys(body).length > 0) {
      await this.client.request<unknown>({
        method: 'PATCH',
        path: this.devicePath(externalId),
        body,
        trafficClass: 'write',
      });
    }
    return { externalId };
  }

  private devicePath(externalId: string): string {
    return `${COLLECTION}/${encodeURIComponent(externalId)}`;
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

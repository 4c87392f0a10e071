import { z } from 'zod';
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

const NotesOnly = z.object({ notes: z.string().nullable().optional() });

/**
 * Writes back to Intune: a PATCH of exactly the changed writable properties the mapping names.
 * Intune takes no new devices from us (enrolment does that), so there is no create and `find`
 * finds nothing: only devices already bound by a read are updated.
 *
 * Lists never show `notes` (a non-default property). The sync engine keeps what it last wrote
 * there as the held value, so a PATCH is sent only when the core's value moves away from it. A
 * value for `notes` becomes one line, `Asset tag: <value>`, of the device's notes: the line is
 * replaced (or added, or removed for no value) and whatever people wrote around it is kept.
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
    if ('notes' in body) {
      // Notes are free text people edit too: only our line in them is set, the rest is kept.
      const current = await this.currentNotes(externalId);
      const notes = withAssetTagLine(current, body.notes as string | null);
      if (notes === current) delete body.notes;
      else body.notes = notes;
    }
    if (Object.keys(body).length === 0) return { externalId, unchanged: true };
    await this.client.request<unknown>({
      method: 'PATCH',
      path: this.devicePath(externalId),
      body,
      trafficClass: 'write',
    });
    return { externalId };
  }

  /** The device's notes as Intune holds them now (a list never shows them; a GET of one does). */
  private async currentNotes(externalId: string): Promise<string | null> {
    const res = await this.client.request<unknown>({
      method: 'GET',
      path: this.devicePath(externalId),
      query: { $select: 'id,notes' },
      trafficClass: 'read',
    });
    const parsed = NotesOnly.safeParse(res.data);
    if (!parsed.success) {
      throw new AssetbridgeError(
        'VENDOR_HTTP',
        `${this.name}: managedDevice ${externalId}: Graph answered no notes property ` +
          `(${parsed.error.issues[0]?.message ?? 'not an object'})`,
        { cause: parsed.error },
      );
    }
    return parsed.data.notes ?? null;
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

export const ASSET_TAG_LINE = 'Asset tag: ';

/** `notes` with its `Asset tag: ` line set to `value` (removed for null); other lines kept. */
export function withAssetTagLine(notes: string | null, value: string | null): string | null {
  const lines = (notes ?? '').split(/\r?\n/).filter((l) => !l.startsWith(ASSET_TAG_LINE));
  const kept = lines.join('\n').replace(/\s+$/, '');
  const ours = value === null || value === '' ? null : `${ASSET_TAG_LINE}${value}`;
  const out = ours === null ? kept : kept === '' ? ours : `${kept}\n${ours}`;
  return out === '' ? (notes === null ? null : '') : out;
}

import { z } from 'zod';
import { AssetbridgeError } from '../../core/errors';
import type { VendorRecord } from '../../core/sync/connector';
import { tryParseInstant } from '../../core/time/parse-instant';
import type { JamfDeviceKind } from './jamf-options';
import type { JamfReferenceNames } from './jamf-reference-names';

type Wire = Record<string, unknown>;

const Id = z.union([z.string().min(1), z.number().int()]).transform(String);
const Section = z.record(z.string(), z.unknown()).nullable().optional();

const ComputerWire = z.looseObject({
  id: Id,
  general: z.looseObject({ reportDate: z.string().nullable().optional() }),
  userAndLocation: Section,
});

const MobileWire = z.looseObject({
  mobileDeviceId: Id,
  general: z.looseObject({ lastInventoryUpdateDate: z.string().nullable().optional() }),
  hardware: Section,
  userAndLocation: Section,
  purchasing: Section,
});

const EPOCH = '1970-01-01T00:00:00.000Z';

/** `computer:42` / `mobile:42`. */
export function externalIdOf(kind: JamfDeviceKind, id: string): string {
  return `${kind}:${id}`;
}

/** Splits `computer:42` into its kind and id; throws RECORD_INVALID for anything else. */
export function parseExternalId(externalId: string): { kind: JamfDeviceKind; id: string } {
  const m = /^(computer|mobile):(\d+)$/.exec(externalId);
  if (m === null) {
    throw new AssetbridgeError(
      'RECORD_INVALID',
      `Jamf external id '${externalId}' is not of the form computer:<id> or mobile:<id>`,
    );
  }
  return { kind: m[1] as JamfDeviceKind, id: m[2] };
}

function invalid(kind: JamfDeviceKind, error: z.ZodError): AssetbridgeError {
  const issue = error.issues[0];
  const where = issue.path.join('.') || 'record';
  return new AssetbridgeError('RECORD_INVALID', `Jamf ${kind} record: ${where}: ${issue.message}`);
}

async function withNames(section: Wire, names: JamfReferenceNames): Promise<Wire> {
  return {
    ...section,
    department: await names.nameOf('departments', section.departmentId),
    building: await names.nameOf('buildings', section.buildingId),
  };
}

/**
 * A computer as read (wire shape of the configured API version), with `kind: 'computer'` and the
 * department and building names put next to their ids (`userAndLocation.department`, `.building`).
 */
export async function computerRecord(
  wire: unknown,
  names: JamfReferenceNames,
): Promise<VendorRecord> {
  const parsed = ComputerWire.safeParse(wire);
  if (!parsed.success) throw invalid('computer', parsed.error);
  const c = parsed.data;
  const user = c.userAndLocation ? await withNames(c.userAndLocation, names) : null;
  const reportDate = tryParseInstant(c.general.reportDate) ?? EPOCH;
  return {
    externalId: externalIdOf('computer', c.id),
    observedAt: reportDate,
    version: reportDate,
    data: { ...(wire as Wire), kind: 'computer', id: c.id, userAndLocation: user },
  };
}

/**
 * A mobile device as read, lifted so that one mapping addresses both kinds: the wire record is
 * kept and the values a computer has under another name are added under the computer's name
 * (`general.name`, `general.reportDate`, `userAndLocation.email`/`realname`,
 * `purchasing.warrantyDate`, `hardware.macAddress`, `operatingSystem.name`/`version`).
 */
export async function mobileRecord(
  wire: unknown,
  names: JamfReferenceNames,
): Promise<VendorRecord> {
  const parsed = MobileWire.safeParse(wire);
  if (!parsed.success) throw invalid('mobile', parsed.error);
  const m = parsed.data;
  const g = m.general as Wire;
  const reportDate = tryParseInstant(g.lastInventoryUpdateDate) ?? EPOCH;
  const user = m.userAndLocation ? await withNames(m.userAndLocation, names) : null;
  const hw = m.hardware ?? null;
  const os = m.deviceType === 'tvOS' ? 'tvOS' : isIpad(hw) ? 'iPadOS' : 'iOS';
  const data: Wire = {
    ...(wire as Wire),
    kind: 'mobile',
    id: m.mobileDeviceId,
    udid: g.udid ?? null,
    general: { ...g, name: g.displayName ?? null, reportDate: g.lastInventoryUpdateDate ?? null },
    hardware: hw === null ? null : { ...hw, macAddress: hw.wifiMacAddress ?? null },
    operatingSystem: { name: os, version: g.osVersion ?? null, build: g.osBuild ?? null },
    userAndLocation:
      user === null
        ? null
        : { ...user, email: user.emailAddress ?? null, realname: user.realName ?? null },
    purchasing:
      m.purchasing == null
        ? null
        : { ...m.purchasing, warrantyDate: dateOnly(m.purchasing.warrantyExpiresDate) },
  };
  return {
    externalId: externalIdOf('mobile', m.mobileDeviceId),
    observedAt: reportDate,
    version: reportDate,
    data,
  };
}

function isIpad(hw: Wire | null): boolean {
  const model = `${String(hw?.model ?? '')} ${String(hw?.modelIdentifier ?? '')}`;
  return /ipad/i.test(model);
}

/** `2027-03-01T00:00:00Z` → `2027-03-01`, as computers hold their warranty date. */
function dateOnly(value: unknown): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(value.trim());
  return m === null ? value : m[1];
}

import type { Mapping } from '../../core/mapping/mapping-schema';
import type { SourceRef } from '../../core/mapping/transform-schema';
import type { JamfDeviceKind } from './jamf-options';

/** Record property → computer inventory section. */
const COMPUTER_SECTIONS: Readonly<Record<string, string>> = {
  general: 'GENERAL',
  diskEncryption: 'DISK_ENCRYPTION',
  purchasing: 'PURCHASING',
  storage: 'STORAGE',
  userAndLocation: 'USER_AND_LOCATION',
  hardware: 'HARDWARE',
  security: 'SECURITY',
  operatingSystem: 'OPERATING_SYSTEM',
  extensionAttributes: 'EXTENSION_ATTRIBUTES',
  groupMemberships: 'GROUP_MEMBERSHIPS',
};

/**
 * Record property → mobile-device inventory section. Mobile records are lifted into the computer
 * section names (see `jamf-record.ts`), so those names map to where their values come from.
 */
const MOBILE_SECTIONS: Readonly<Record<string, string>> = {
  general: 'GENERAL',
  hardware: 'HARDWARE',
  userAndLocation: 'USER_AND_LOCATION',
  purchasing: 'PURCHASING',
  security: 'SECURITY',
  network: 'NETWORK',
  extensionAttributes: 'EXTENSION_ATTRIBUTES',
  operatingSystem: 'GENERAL',
  storage: 'HARDWARE',
};

/** Every source path a mapping reads, transforms' extra paths included. */
function mappingPaths(mapping: Mapping): SourceRef[] {
  const refs: SourceRef[] = [];
  for (const field of mapping.fields) {
    if (field.source !== null) refs.push(field.source);
    for (const t of field.transforms) {
      if (t.kind === 'concat' || t.kind === 'firstNonEmpty') refs.push(...t.sources);
    }
  }
  return refs;
}

/**
 * The inventory sections a read of `kind` asks for: only those the mapping's paths reach, plus
 * GENERAL (report date) and, when names are resolved, USER_AND_LOCATION.
 */
export function sectionsFor(mapping: Mapping, kind: JamfDeviceKind): string[] {
  const table = kind === 'computer' ? COMPUTER_SECTIONS : MOBILE_SECTIONS;
  const out = new Set<string>(['GENERAL']);
  for (const ref of mappingPaths(mapping)) {
    const head = ref.segments[0];
    const section = typeof head === 'string' ? table[head] : undefined;
    if (section !== undefined) out.add(section);
  }
  return [...out].sort();
}

import type { Mapping } from '../../core/mapping/mapping-schema';
import type { PathSegment } from '../../core/mapping/source-path';

/**
 * Properties that Graph lists leave at a default value (`null`, `''`, `0`): only a single GET
 * whose `$select` names them returns the real value. In a list they mean "unknown".
 */
export const NON_DEFAULT_PROPERTIES: ReadonlySet<string> = new Set([
  'activationLockBypassCode',
  'ethernetMacAddress',
  'iccid',
  'notes',
  'physicalMemoryInBytes',
  'remoteAssistanceSessionUrl',
  'udid',
]);

/** Always selected: the id and the change marker. */
const ALWAYS = ['id', 'lastSyncDateTime'];

const topLevel = (segments: readonly PathSegment[]): string | null =>
  typeof segments[0] === 'string' ? segments[0] : null;

/**
 * The managedDevice properties a mapping reads: the source of every field (outbound fields too,
 * so that what Intune holds is known) and the sources of inbound `concat`/`firstNonEmpty` steps.
 */
export function selectedProperties(mapping: Mapping): string[] {
  const names = new Set<string>(ALWAYS);
  for (const field of mapping.fields) {
    const own = field.source === null ? null : topLevel(field.source.segments);
    if (own !== null) names.add(own);
    if (field.direction === 'out') continue;
    for (const t of field.transforms) {
      if (t.kind !== 'concat' && t.kind !== 'firstNonEmpty') continue;
      for (const ref of t.sources) {
        const name = topLevel(ref.segments);
        if (name !== null) names.add(name);
      }
    }
  }
  return [...names];
}

/** The selected properties that lists do not fill (read per device). */
export function detailProperties(selected: readonly string[]): string[] {
  return selected.filter((name) => NON_DEFAULT_PROPERTIES.has(name));
}

/**
 * Renders a stored computer into the wire shape of one computer-inventory API version with the
 * requested sections; every other section is present with the value `null`, as Jamf Pro does.
 */
import { COMPUTER_SECTIONS, computerSectionsFor, type ComputerApiVersion } from './jamf-fields';
import type { JamfComputer, JamfComputerGeneral } from './jamf-records';

type Wire = Record<string, unknown>;

/** v1 to v3 use `ComputerGeneral`: `lastContactTime` and `lastReportedIp` instead of v4's names. */
function renderGeneral(general: JamfComputerGeneral, version: ComputerApiVersion): Wire {
  const { lastCheckIn: _lastCheckIn, lastContact, ...rest } = general;
  if (version === 'v4') return { ...general };
  return { ...rest, lastReportedIp: general.lastReportedIpV4, lastContactTime: lastContact };
}

function sectionValue(record: JamfComputer, key: string, version: ComputerApiVersion): unknown {
  switch (key) {
    case 'general':
      return renderGeneral(record.general, version);
    case 'diskEncryption':
    case 'purchasing':
    case 'storage':
    case 'userAndLocation':
    case 'hardware':
    case 'security':
    case 'operatingSystem':
      return record[key] === null ? null : { ...record[key] };
    case 'extensionAttributes':
      return [...record.extensionAttributes];
    case 'packageReceipts':
      return { installedByJamfPro: [], installedByInstallerSwu: [], cached: [] };
    case 'contentCaching':
      return null;
    default:
      return [];
  }
}

/** `sections` null means every section (the detail endpoint). */
export function renderComputer(
  record: JamfComputer,
  version: ComputerApiVersion,
  sections: readonly string[] | null,
): Wire {
  const out: Wire = { id: record.id, udid: record.udid };
  const wanted = new Set(sections ?? computerSectionsFor(version));
  for (const section of computerSectionsFor(version)) {
    const key = COMPUTER_SECTIONS[section] as string;
    out[key] = wanted.has(section) ? sectionValue(record, key, version) : null;
  }
  return out;
}

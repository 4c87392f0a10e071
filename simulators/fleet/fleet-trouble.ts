/**
 * The trouble real inventories have, applied to generated devices: placeholder and blank serials
 * in one system, case and whitespace noise, re-enrolled duplicates, hidden devices, null sections,
 * small disagreements between systems, and Unicode device names.
 */
import type { Rng } from '../kit/rng';
import type { FleetDevice, FleetFacts, FleetSystem } from './fleet-device';

export const PLACEHOLDER_SERIALS = [
  '0',
  'Not Available',
  'To be filled by O.E.M.',
  'Default string',
  'System Serial Number',
  '123456789',
  'XXXXXXXXXX',
] as const;

export const TROUBLE_KINDS = [
  'placeholderSerial',
  'blankSerial',
  'serialCaseSpace',
  'reEnrolment',
  'hidden',
  'nullSections',
  'emailCase',
  'modelNaming',
  'deviceNameDrift',
  'unicodeName',
] as const;

export type TroubleKind = (typeof TROUBLE_KINDS)[number];

const MDM_SYSTEMS: readonly FleetSystem[] = ['jamf', 'intune'];
const ALL_SYSTEMS: readonly FleetSystem[] = ['servicenow', 'jira', 'jamf', 'intune'];
const NAME_DECORATIONS = ['🚀 ', '💻 ', 'Développement – ', 'Équipe ', 'テスト-'] as const;

export interface TroubleContext {
  /** How another system names the same model. */
  altModel: string;
}

/** Applies 1-2 trouble kinds that fit `device`; returns the kinds applied. */
export function applyTrouble(rng: Rng, device: FleetDevice, ctx: TroubleContext): TroubleKind[] {
  const candidates = TROUBLE_KINDS.filter((kind) => fits(kind, device));
  const wanted = rng.chance(0.3) ? 2 : 1;
  const applied: TroubleKind[] = [];
  while (applied.length < wanted && candidates.length > 0) {
    const index = rng.int(0, candidates.length - 1);
    const [kind] = candidates.splice(index, 1) as [TroubleKind];
    applyKind(rng, device, kind, ctx);
    applied.push(kind);
  }
  return applied;
}

function present(device: FleetDevice, among = ALL_SYSTEMS): FleetSystem[] {
  return among.filter((system) => device.presence[system]);
}

function fits(kind: TroubleKind, device: FleetDevice): boolean {
  const systems = present(device).length;
  switch (kind) {
    case 'placeholderSerial':
    case 'blankSerial':
    case 'serialCaseSpace':
      return device.serial !== null && systems >= 1;
    case 'reEnrolment':
    case 'nullSections':
      return present(device, MDM_SYSTEMS).length > 0;
    case 'emailCase':
      return device.userEmail !== null && systems >= 2;
    case 'modelNaming':
    case 'deviceNameDrift':
      return systems >= 2;
    case 'hidden':
    case 'unicodeName':
      return true;
  }
}

function variant(device: FleetDevice, system: FleetSystem): Partial<FleetFacts> {
  const existing = device.variants[system];
  if (existing) return existing;
  const created: Partial<FleetFacts> = {};
  device.variants[system] = created;
  return created;
}

function applyKind(rng: Rng, device: FleetDevice, kind: TroubleKind, ctx: TroubleContext): void {
  const serial = device.serial ?? '';
  switch (kind) {
    case 'placeholderSerial':
      variant(device, rng.pick(present(device))).serial = placeholderFor(rng, device);
      return;
    case 'blankSerial': {
      const system = rng.pick(present(device));
      variant(device, system).serial = system === 'servicenow' || rng.chance(0.5) ? '' : null;
      return;
    }
    case 'serialCaseSpace':
      variant(device, rng.pick(present(device))).serial = noisySerial(rng, serial);
      return;
    case 'reEnrolment':
      device.reEnrolments = rng.int(1, 2);
      return;
    case 'hidden':
      device.hidden = true;
      return;
    case 'nullSections':
      device.nullSections = true;
      return;
    case 'emailCase':
      variant(device, rng.pick(present(device))).userEmail = recase(rng, device.userEmail ?? '');
      return;
    case 'modelNaming':
      variant(device, rng.pick(present(device))).model = ctx.altModel;
      return;
    case 'deviceNameDrift':
      variant(device, rng.pick(present(device))).name = driftName(rng, device.name);
      return;
    case 'unicodeName':
      device.name = `${rng.pick(NAME_DECORATIONS)}${device.name}`;
      return;
  }
}

function placeholderFor(rng: Rng, device: FleetDevice): string {
  if (device.platform === 'windows' && rng.chance(0.6)) {
    return rng.pick(['To be filled by O.E.M.', 'Default string', 'System Serial Number']);
  }
  return rng.pick(PLACEHOLDER_SERIALS);
}

function noisySerial(rng: Rng, serial: string): string {
  switch (rng.int(0, 3)) {
    case 0:
      return serial.toLowerCase();
    case 1:
      return ` ${serial} `;
    case 2:
      return `${serial}\t`;
    default:
      return `  ${serial.toLowerCase()}`;
  }
}

function recase(rng: Rng, email: string): string {
  if (rng.chance(0.5)) return email.toUpperCase();
  return email.replace(/(^|[.@])([a-z])/g, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}

function driftName(rng: Rng, name: string): string {
  switch (rng.int(0, 2)) {
    case 0:
      return `${name.toLowerCase()}.corp.example.com`;
    case 1:
      return name.toUpperCase();
    default:
      return `${name} `;
  }
}

/** Device names as each kind of device gets them in practice (user-named Macs, Autopilot names, ...). */
import type { Rng } from '../kit/rng';
import type { CatalogModel } from './fleet-catalog';
import type { FleetCategory } from './fleet-device';
import type { FleetPerson } from './fleet-people';

const SITE_CODES: Readonly<Record<string, string>> = {
  'London HQ': 'lon',
  'New York': 'nyc',
  Berlin: 'ber',
  Tokyo: 'tyo',
  'São Paulo': 'sao',
  Sydney: 'syd',
  Dublin: 'dub',
  Remote: 'hq',
};

const SERVER_ROLES = ['db', 'app', 'web', 'esx', 'k8s', 'file', 'bkp'] as const;

export interface NamingInput {
  category: FleetCategory;
  model: CatalogModel;
  serial: string;
  person: FleetPerson | null;
  location: string;
  enrolledAt: Date;
}

export function deviceName(rng: Rng, input: NamingInput): string {
  const { category, model } = input;
  if (model.platform === 'apple') return appleName(rng, input);
  if (model.platform === 'android') return androidName(rng, input);
  if (category === 'laptop' || category === 'desktop' || category === 'tablet') {
    return windowsName(rng, input);
  }
  return infrastructureName(rng, input);
}

/** Short marketing name: `MacBook Pro (14-inch, 2021)` → `MacBook Pro`. */
export function shortModelName(model: string): string {
  const cut = model.indexOf(' (');
  return cut > 0 ? model.slice(0, cut) : model;
}

function appleName(rng: Rng, { model, serial, person }: NamingInput): string {
  const short = shortModelName(model.model);
  if (person && rng.chance(0.75)) return `${person.firstName}’s ${short}`;
  if (person) return `${person.login}-${short.toLowerCase().replace(/\s+/g, '')}`;
  return `${short.replace(/\s+/g, '')}-${serial}`;
}

function androidName(rng: Rng, { model, person, enrolledAt }: NamingInput): string {
  if (person && rng.chance(0.5)) {
    const d = enrolledAt;
    const hour12 = d.getUTCHours() % 12 || 12;
    const minutes = String(d.getUTCMinutes()).padStart(2, '0');
    const ampm = d.getUTCHours() < 12 ? 'AM' : 'PM';
    const date = `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}`;
    return `${person.login}_AndroidForWork_${date}_${hour12}:${minutes} ${ampm}`;
  }
  return person ? `${person.firstName}'s ${model.altModel}` : model.altModel;
}

function windowsName(rng: Rng, { category, serial }: NamingInput): string {
  if (rng.chance(0.3)) return `DESKTOP-${rng.hex(7).toUpperCase()}`;
  const prefix = category === 'desktop' ? 'WS' : 'LT';
  return `${prefix}-${serial}`.slice(0, 15);
}

function infrastructureName(rng: Rng, { category, model, location }: NamingInput): string {
  const site = SITE_CODES[location] ?? 'hq';
  const n = String(rng.int(1, 99)).padStart(2, '0');
  switch (category) {
    case 'server':
      return `${site}-${rng.pick(SERVER_ROLES)}-${String(rng.int(1, 299)).padStart(3, '0')}`;
    case 'network': {
      const role = /access point/i.test(model.altModel)
        ? 'ap'
        : rng.pick(['sw-core', 'sw-acc', 'sw-dist']);
      return `${site}-${role}-${n}`;
    }
    case 'printer':
      return `prn-${site}-${rng.int(1, 12)}f-${n}`;
    default:
      return `${site}-room-${rng.int(100, 999)}-${rng.pick(['rallybar', 'display', 'dock'])}`;
  }
}

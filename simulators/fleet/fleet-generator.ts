/**
 * Generates a deterministic, realistic fleet of devices for the simulators: real makes and models,
 * serial formats per manufacturer, MACs, Luhn-valid IMEIs, UDIDs, people in departments and
 * locations, purchase and warranty data, presence per system, and a share of troubled records.
 * Devices are generated one after another, so a smaller fleet is a prefix of a larger one.
 */
import { Rng } from '../kit/rng';
import { CATALOG, CATEGORY_WEIGHTS, MAC_OUIS, type CatalogModel } from './fleet-catalog';
import type {
  FleetCategory,
  FleetDevice,
  FleetFacts,
  FleetOptions,
  FleetSystem,
} from './fleet-device';
import { IdentifierFactory } from './fleet-identifiers';
import { deviceName } from './fleet-naming';
import { PeopleFactory, type FleetPerson, DEPARTMENTS, LOCATIONS } from './fleet-people';
import { applyTrouble } from './fleet-trouble';

export interface GenerateFleetOptions extends FleetOptions {
  /** The "now" of the fleet (last check-ins are before it); default 2026-12-01T00:00:00Z. */
  asOf?: string;
}

const DAY_MS = 86_400_000;
const DEFAULT_AS_OF = '2026-12-01T00:00:00.000Z';
const END_USER: ReadonlySet<FleetCategory> = new Set(['laptop', 'desktop', 'mobile', 'tablet']);
const SUPPLIERS = [
  'CDW',
  'Insight',
  'SHI International',
  'Dell Direct',
  'Apple Business',
  'Softcat',
];
const STATUS_WEIGHTS: readonly (readonly [FleetFacts['status'], number])[] = [
  ['deployed', 85],
  ['in_stock', 7],
  ['in_maintenance', 3],
  ['retired', 5],
];

interface Generator {
  rng: Rng;
  ids: IdentifierFactory;
  people: PeopleFactory;
  knownPeople: FleetPerson[];
  asOfMs: number;
  cmdbShare: number;
  jsmShare: number;
  troubleShare: number;
}

export function generateFleet(options: GenerateFleetOptions): FleetDevice[] {
  const gen = createGenerator(options);
  const devices: FleetDevice[] = new Array<FleetDevice>(options.size);
  for (let index = 0; index < options.size; index++) {
    devices[index] = generateDevice(gen, index);
  }
  return devices;
}

function createGenerator(options: GenerateFleetOptions): Generator {
  if (!Number.isInteger(options.size) || options.size < 0 || options.size >= 0x800000) {
    throw new Error(`generateFleet: size must be an integer in [0, 8388607], got ${options.size}`);
  }
  for (const key of ['cmdbShare', 'jsmShare', 'troubleShare'] as const) {
    const share = options[key];
    if (share !== undefined && !(share >= 0 && share <= 1)) {
      throw new Error(`generateFleet: ${key} must be in [0, 1], got ${share}`);
    }
  }
  const asOfMs = Date.parse(options.asOf ?? DEFAULT_AS_OF);
  if (Number.isNaN(asOfMs)) {
    throw new Error(`generateFleet: asOf "${options.asOf}" is not an ISO-8601 date`);
  }
  const rng = new Rng(options.seed);
  return {
    rng,
    ids: new IdentifierFactory(new Rng(options.seed ^ 0x5eed1d)),
    people: new PeopleFactory(new Rng(options.seed ^ 0x9e0b1e)),
    knownPeople: [],
    asOfMs,
    cmdbShare: options.cmdbShare ?? 0.6,
    jsmShare: options.jsmShare ?? 0.4,
    troubleShare: options.troubleShare ?? 0.05,
  };
}

function weighted<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = rng.next() * total;
  for (const [item, weight] of items) {
    roll -= weight;
    if (roll < 0) return item;
  }
  return (items[items.length - 1] as readonly [T, number])[0];
}

type Weighted<T> = readonly (readonly [T, number])[];

const MODEL_WEIGHTS: Record<FleetCategory, Weighted<CatalogModel>> = {
  laptop: withWeights('laptop'),
  desktop: withWeights('desktop'),
  server: withWeights('server'),
  network: withWeights('network'),
  mobile: withWeights('mobile'),
  tablet: withWeights('tablet'),
  printer: withWeights('printer'),
  peripheral: withWeights('peripheral'),
};

function withWeights(category: FleetCategory): Weighted<CatalogModel> {
  return CATALOG[category].map((entry) => [entry, entry.weight] as const);
}
const OFFICES = LOCATIONS.filter((location) => location !== 'Remote');

function generateDevice(gen: Generator, index: number): FleetDevice {
  const { rng } = gen;
  const category = weighted(rng, CATEGORY_WEIGHTS);
  const model = weighted(rng, MODEL_WEIGHTS[category]);
  const status = weighted(rng, STATUS_WEIGHTS);
  const person = END_USER.has(category) && status !== 'in_stock' ? pickPerson(gen) : null;
  const dates = lifecycleDates(gen, category, status);
  const serial = gen.ids.serial(model.serialStyle);
  const location = person?.location ?? rng.pick(OFFICES);
  const naming = { category, model, serial, person, location, enrolledAt: dates.enrolled };
  const name = deviceName(rng, naming);
  const hw = hardwareIds(gen, index, category, model);
  const owner = ownership(gen, person, category);
  const buy = purchase(gen, index, model, dates.purchased);
  const presence = presenceFor(rng, category, model.platform, gen);
  const device: FleetDevice = {
    key: `dev-${String(index + 1).padStart(6, '0')}`,
    serial,
    name,
    category,
    platform: model.platform,
    manufacturer: model.manufacturer,
    model: model.model,
    modelIdentifier: model.modelIdentifier,
    osName: model.osName,
    osVersion: rng.pick(model.osVersions),
    udid: hw.udid,
    macAddress: hw.macAddress,
    altMacAddress: hw.altMacAddress,
    imei: hw.imei,
    cpu: model.cpu,
    memoryMb: model.memoryMb.length > 0 ? rng.pick(model.memoryMb) : null,
    storageGb: model.storageGb.length > 0 ? rng.pick(model.storageGb) : null,
    userEmail: owner.userEmail,
    userFullName: owner.userFullName,
    department: owner.department,
    location,
    costCenter: owner.costCenter,
    assetTag: buy.assetTag,
    purchaseDate: buy.purchaseDate,
    purchaseCost: buy.purchaseCost,
    vendor: buy.vendor,
    poNumber: buy.poNumber,
    warrantyEnd: buy.warrantyEnd,
    lastSeenAt: dates.lastSeen.toISOString(),
    enrolledAt: dates.enrolled.toISOString(),
    compliant: presence.jamf || presence.intune ? rng.chance(0.9) : null,
    status,
    presence,
    variants: {},
    reEnrolments: 0,
    hidden: false,
    nullSections: false,
  };
  if (rng.chance(gen.troubleShare)) applyTrouble(rng, device, { altModel: model.altModel });
  return device;
}

/** Two thirds of end-user devices belong to a new person, the rest to someone with a device already. */
function pickPerson(gen: Generator): FleetPerson | null {
  if (gen.rng.chance(0.05)) return null;
  if (gen.knownPeople.length > 0 && gen.rng.chance(0.35)) return gen.rng.pick(gen.knownPeople);
  const person = gen.people.next();
  gen.knownPeople.push(person);
  return person;
}

function lifecycleDates(gen: Generator, category: FleetCategory, status: FleetFacts['status']) {
  const { rng, asOfMs } = gen;
  const purchasedMs = asOfMs - rng.int(20, 6 * 365) * DAY_MS;
  const enrolledMs = Math.min(
    asOfMs - DAY_MS,
    purchasedMs + rng.int(1, 30) * DAY_MS + rng.int(0, DAY_MS - 1),
  );
  let lastSeenMs: number;
  if (status === 'deployed' || status === 'in_maintenance') {
    lastSeenMs = asOfMs - rng.int(60_000, (category === 'server' ? 1 : 14) * DAY_MS);
  } else {
    lastSeenMs = enrolledMs + rng.int(0, Math.max(0, asOfMs - enrolledMs - DAY_MS));
  }
  return {
    purchased: new Date(purchasedMs),
    enrolled: new Date(enrolledMs),
    lastSeen: new Date(Math.max(enrolledMs, lastSeenMs)),
  };
}

function hardwareIds(gen: Generator, index: number, category: FleetCategory, model: CatalogModel) {
  const { rng, ids } = gen;
  const oui = rng.pick(MAC_OUIS[model.manufacturer] ?? ['02:00:00']);
  const mobile = category === 'mobile' || category === 'tablet';
  const cellular = model.tacs !== undefined && (category === 'mobile' || rng.chance(0.5));
  let udid: string | null = null;
  if (model.platform === 'apple') udid = mobile ? ids.appleMobileUdid() : ids.hardwareUuid();
  else if (model.platform === 'windows' || category === 'server') udid = ids.hardwareUuid();
  const twoInterfaces = category === 'laptop' || category === 'server' || category === 'network';
  return {
    udid,
    macAddress: category === 'peripheral' && rng.chance(0.5) ? null : ids.mac(oui, index),
    altMacAddress: twoInterfaces && rng.chance(0.6) ? ids.mac(oui, index, true) : null,
    imei: cellular && model.tacs ? ids.imei(rng.pick(model.tacs)) : null,
  };
}

function ownership(gen: Generator, person: FleetPerson | null, category: FleetCategory) {
  if (person) {
    return {
      userEmail: person.email,
      userFullName: person.fullName,
      department: person.department,
      costCenter: person.costCenter,
    };
  }
  const [department, costCenter] = END_USER.has(category)
    ? gen.rng.pick(DEPARTMENTS)
    : (DEPARTMENTS.find(([name]) => name === 'IT') as readonly [string, string]);
  return { userEmail: null, userFullName: null, department, costCenter };
}

function purchase(gen: Generator, index: number, model: CatalogModel, purchased: Date) {
  const { rng } = gen;
  const years =
    model.platform === 'network-os' || model.serialStyle === 'hpe' ? 5 : rng.pick([1, 3, 3, 4]);
  const warranty = new Date(purchased);
  warranty.setUTCFullYear(warranty.getUTCFullYear() + years);
  const [low, high] = model.price;
  const year = purchased.getUTCFullYear();
  return {
    assetTag: rng.chance(0.95) ? `AT-${String(100000 + index)}` : null,
    purchaseDate: purchased.toISOString().slice(0, 10),
    purchaseCost: rng.chance(0.9)
      ? Math.round((low + rng.next() * (high - low)) * 100) / 100
      : null,
    vendor: rng.pick(SUPPLIERS),
    poNumber: rng.chance(0.85) ? `PO-${year}-${String(rng.int(1, 99999)).padStart(5, '0')}` : null,
    warrantyEnd: warranty.toISOString().slice(0, 10),
  };
}

function presenceFor(
  rng: Rng,
  category: FleetCategory,
  platform: FleetFacts['platform'],
  gen: Generator,
): Record<FleetSystem, boolean> {
  const endUser = END_USER.has(category);
  const appleMobile = platform === 'apple' && (category === 'mobile' || category === 'tablet');
  const intune =
    endUser &&
    (platform === 'windows' || platform === 'android' || (appleMobile && rng.chance(0.15)));
  return {
    servicenow: endUser ? rng.chance(gen.cmdbShare) : true,
    jira: rng.chance(gen.jsmShare),
    jamf: endUser && platform === 'apple',
    intune,
  };
}

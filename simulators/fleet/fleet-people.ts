/**
 * The people a simulated fleet belongs to: names (a share of them in Unicode: accents, curly
 * apostrophes, CJK, Hangul), ASCII e-mail addresses, departments, locations and cost centers.
 */
import type { Rng } from '../kit/rng';

export interface FleetPerson {
  fullName: string;
  /** First name as a device name shows it ("Zoë’s MacBook Pro"). */
  firstName: string;
  email: string;
  department: string;
  location: string;
  costCenter: string;
  /** Short login used in Windows device names (`jsmith`). */
  login: string;
}

/** [display first, display last, ascii first, ascii last] */
type NameParts = readonly [string, string, string, string];

const FIRST = [
  'James',
  'Mary',
  'Robert',
  'Patricia',
  'John',
  'Jennifer',
  'Michael',
  'Linda',
  'David',
  'Elizabeth',
  'William',
  'Susan',
  'Richard',
  'Jessica',
  'Joseph',
  'Sarah',
  'Thomas',
  'Karen',
  'Priya',
  'Ahmed',
  'Fatima',
  'Wei',
  'Olga',
  'Kwame',
  'Aisha',
  'Lucas',
  'Emma',
  'Noah',
  'Mia',
  'Liam',
] as const;
const LAST = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  'Rodriguez',
  'Martinez',
  'Hernandez',
  'Lopez',
  'Wilson',
  'Anderson',
  'Thomas',
  'Taylor',
  'Moore',
  'Jackson',
  'Martin',
  'Lee',
  'Patel',
  'Khan',
  'Nguyen',
  'Kowalski',
  'Mensah',
  'Schmidt',
  'Rossi',
  'Dubois',
  'Silva',
  'Cohen',
] as const;

const UNICODE_NAMES: readonly NameParts[] = [
  ['Zoë', 'Müller', 'zoe', 'mueller'],
  ['José', 'Peña', 'jose', 'pena'],
  ['François', 'Lefèvre', 'francois', 'lefevre'],
  ['Søren', 'Kierkegård', 'soren', 'kierkegard'],
  ['Łukasz', 'Wiśniewski', 'lukasz', 'wisniewski'],
  ['Siobhán', 'O’Brien', 'siobhan', 'obrien'],
  ['Dónal', 'O’Sullivan', 'donal', 'osullivan'],
  ['Ángel', 'Gómez', 'angel', 'gomez'],
  ['伟', '王', 'wei', 'wang'],
  ['花子', '佐藤', 'hanako', 'sato'],
  ['민준', '김', 'minjun', 'kim'],
  ['Chloé', 'Ngô', 'chloe', 'ngo'],
];

const CJK_FAMILY_FIRST = new Set(['王', '佐藤', '김']);

export const DEPARTMENTS: readonly (readonly [string, string])[] = [
  ['Engineering', 'CC-4100'],
  ['Sales', 'CC-2200'],
  ['Marketing', 'CC-2300'],
  ['Finance', 'CC-1100'],
  ['Human Resources', 'CC-1200'],
  ['IT', 'CC-4200'],
  ['Customer Support', 'CC-3100'],
  ['Legal', 'CC-1300'],
  ['Operations', 'CC-3200'],
];

export const LOCATIONS = [
  'London HQ',
  'New York',
  'Berlin',
  'Tokyo',
  'São Paulo',
  'Sydney',
  'Dublin',
  'Remote',
] as const;

export const EMAIL_DOMAIN = 'corp.example.com';

/** Makes people one at a time; e-mail addresses are unique. */
export class PeopleFactory {
  private readonly emailCounts = new Map<string, number>();

  constructor(
    private readonly rng: Rng,
    private readonly unicodeShare = 0.08,
  ) {}

  /** A new person; `unicodeShare` of them get a Unicode name. Deterministic for the rng. */
  next(): FleetPerson {
    const rng = this.rng;
    const parts: NameParts = rng.chance(this.unicodeShare)
      ? rng.pick(UNICODE_NAMES)
      : asciiName(rng.pick(FIRST), rng.pick(LAST));
    const [first, last, asciiFirst, asciiLast] = parts;
    const email = this.uniqueEmail(`${asciiFirst}.${asciiLast}`);
    const [department, costCenter] = rng.pick(DEPARTMENTS);
    return {
      fullName: CJK_FAMILY_FIRST.has(last) ? `${last} ${first}` : `${first} ${last}`,
      firstName: first,
      email,
      department,
      costCenter,
      location: rng.pick(LOCATIONS),
      login: `${asciiFirst[0]}${asciiLast}`.slice(0, 12),
    };
  }

  private uniqueEmail(local: string): string {
    const seen = (this.emailCounts.get(local) ?? 0) + 1;
    this.emailCounts.set(local, seen);
    return seen === 1 ? `${local}@${EMAIL_DOMAIN}` : `${local}${seen}@${EMAIL_DOMAIN}`;
  }
}

function asciiName(first: string, last: string): NameParts {
  return [first, last, first.toLowerCase(), last.toLowerCase()];
}

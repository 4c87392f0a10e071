/**
 * Identifier formats of real hardware: serial numbers per manufacturer, IMEIs with a valid Luhn
 * check digit, MAC addresses, hardware UUIDs and Apple UDIDs. Serials and IMEIs are unique within
 * one generator instance.
 */
import type { Rng } from '../kit/rng';
import type { SerialStyle } from './fleet-catalog';

const DIGITS = '0123456789';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
/** Apple serials avoid O and I. */
const APPLE = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const ALNUM = `${DIGITS}${UPPER}`;
const DELL = '0123456789BCDFGHJKLMNPQRSTVWXYZ';

function chars(rng: Rng, alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[rng.int(0, alphabet.length - 1)];
  return out;
}

function serialFor(rng: Rng, style: SerialStyle): string {
  switch (style) {
    case 'apple':
      return chars(rng, APPLE, 10);
    case 'apple-legacy':
      return `${rng.pick(['C02', 'C07', 'FVF', 'C1M'])}${chars(rng, APPLE, 9)}`;
    case 'dell':
      return chars(rng, DELL, 7);
    case 'lenovo':
      return `PF${chars(rng, ALNUM, 6)}`;
    case 'lenovo-server':
      return `J30${chars(rng, ALNUM, 5)}`;
    case 'hp':
      return `${rng.pick(['5CG', 'CND', 'MXL', 'VNB', 'PHB'])}${chars(rng, DIGITS, 4)}${chars(rng, ALNUM, 3)}`;
    case 'hpe':
      return `${rng.pick(['CZJ', 'MXQ', '2M2'])}${chars(rng, DIGITS, 4)}${chars(rng, ALNUM, 3)}`;
    case 'surface':
      return chars(rng, DIGITS, 12);
    case 'samsung':
      return `R${rng.pick(['58', '5C', '3T', '9N'])}${chars(rng, ALNUM, 8)}`;
    case 'google':
      return `${chars(rng, DIGITS, 2)}${rng.pick(['02', '03', '09'])}1FDH${chars(rng, DIGITS, 4)}${chars(rng, UPPER, 2)}`;
    case 'cisco':
      return `${rng.pick(['FOC', 'FCW', 'FDO', 'KWC'])}${chars(rng, DIGITS, 4)}${chars(rng, ALNUM, 4)}`;
    case 'juniper':
      return `${rng.pick(['JW', 'HV', 'JX'])}${chars(rng, DIGITS, 10)}`;
    case 'brother':
      return `U6${chars(rng, DIGITS, 2)}${rng.pick(['0', '1'])}${chars(rng, UPPER, 1)}${chars(rng, DIGITS, 9)}`;
    case 'logitech':
      return `${chars(rng, DIGITS, 4)}${chars(rng, UPPER, 2)}${chars(rng, ALNUM, 6)}`;
  }
}

/** The Luhn check digit that completes `digits` (IMEI: over the first 14 digits). */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when `value` is 15 digits whose last digit is the Luhn check digit of the first 14. */
export function isValidImei(value: string): boolean {
  return /^\d{15}$/.test(value) && luhnCheckDigit(value.slice(0, 14)) === Number(value[14]);
}

export class IdentifierFactory {
  private readonly serials = new Set<string>();
  private readonly imeis = new Set<string>();
  private readonly macSalt: number;

  constructor(private readonly rng: Rng) {
    this.macSalt = rng.int(0, 0xffffff);
  }

  serial(style: SerialStyle): string {
    for (;;) {
      const serial = serialFor(this.rng, style);
      if (!this.serials.has(serial)) {
        this.serials.add(serial);
        return serial;
      }
    }
  }

  imei(tac: string): string {
    for (;;) {
      const body = `${tac}${chars(this.rng, DIGITS, 6)}`;
      const imei = `${body}${luhnCheckDigit(body)}`;
      if (!this.imeis.has(imei)) {
        this.imeis.add(imei);
        return imei;
      }
    }
  }

  /**
   * A MAC unique per `index` (< 2^23) and OUI: the device part is a bijection of the index.
   * `alternate` gives the second interface of the same device.
   */
  mac(oui: string, index: number, alternate = false): string {
    const n = alternate ? index + 0x800000 : index;
    const suffix = (Math.imul(n, 0x9e3779) + this.macSalt) & 0xffffff;
    const hex = suffix.toString(16).toUpperCase().padStart(6, '0');
    return `${oui}:${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}`;
  }

  /** Upper-case hardware UUID (computers, Windows SMBIOS UUID). */
  hardwareUuid(): string {
    return this.rng.uuid().toUpperCase();
  }

  /** Apple mobile UDID: `00008110-` followed by 16 upper-case hex digits. */
  appleMobileUdid(): string {
    return `0000${this.rng.pick(['8030', '8101', '8110', '8120'])}-${this.rng.hex(16).toUpperCase()}`;
  }
}

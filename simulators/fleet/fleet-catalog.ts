/**
 * The hardware models a simulated fleet is drawn from, per category (make, model, vendor model
 * identifier, operating system, typical specs, serial format, list price), with category shares
 * and MAC address prefixes.
 */
import type { CatalogModel } from './catalog-model';
import { COMPUTER_MODELS } from './computer-models';
import type { FleetCategory } from './fleet-device';
import { HANDHELD_MODELS } from './handheld-models';
import { INFRASTRUCTURE_MODELS } from './infrastructure-models';

export type { CatalogModel, SerialStyle } from './catalog-model';

const ALL_MODELS = { ...COMPUTER_MODELS, ...HANDHELD_MODELS, ...INFRASTRUCTURE_MODELS };

function modelsOf(category: FleetCategory): readonly CatalogModel[] {
  const models = ALL_MODELS[category];
  if (!models || models.length === 0) throw new Error(`fleet catalog has no ${category} models`);
  return models;
}

export const CATALOG: Readonly<Record<FleetCategory, readonly CatalogModel[]>> = {
  laptop: modelsOf('laptop'),
  desktop: modelsOf('desktop'),
  server: modelsOf('server'),
  network: modelsOf('network'),
  mobile: modelsOf('mobile'),
  tablet: modelsOf('tablet'),
  printer: modelsOf('printer'),
  peripheral: modelsOf('peripheral'),
};

/** Category shares of a typical corporate fleet. */
export const CATEGORY_WEIGHTS: readonly (readonly [FleetCategory, number])[] = [
  ['laptop', 45],
  ['desktop', 12],
  ['mobile', 20],
  ['tablet', 8],
  ['server', 6],
  ['network', 5],
  ['printer', 3],
  ['peripheral', 1],
];

/** Organizationally unique identifiers used for MAC addresses, per manufacturer. */
export const MAC_OUIS: Readonly<Record<string, readonly string[]>> = {
  Apple: ['3C:22:FB', 'A4:83:E7', 'F0:18:98', '14:7D:DA'],
  'Dell Inc.': ['B0:7B:25', 'D4:81:D7', '98:90:96'],
  LENOVO: ['8C:16:45', '54:E1:AD', '00:E0:4C'],
  Lenovo: ['08:94:EF'],
  HP: ['3C:52:82', 'F4:39:09', 'A0:D3:C1'],
  HPE: ['94:40:C9', '48:DF:37'],
  'Microsoft Corporation': ['C0:33:5E', '28:18:78'],
  samsung: ['A8:7C:01', 'F0:5B:7B'],
  Google: ['3C:28:6D'],
  Cisco: ['00:1B:54', '70:DB:98', 'F8:7B:20'],
  'Juniper Networks': ['3C:61:04', '88:E0:F3'],
  Brother: ['00:80:77', '30:05:5C'],
  Logitech: ['00:1F:20'],
};

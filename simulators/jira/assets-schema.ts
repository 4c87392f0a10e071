/**
 * The Assets object schema "IT Assets": object types (an abstract "Hardware" parent whose children
 * inherit its attributes, plus "Location"), their attribute definitions and the status values.
 */

/** Object type attribute `type`: 0 Default, 1 Object reference, 2 User, 7 Status. */
export type AttrKind = 0 | 1 | 2 | 7;

/** `defaultType.id` of a Default attribute: 0 Text, 1 Integer, 4 Date, 6 DateTime, 10 Select. */
export type DefaultTypeId = 0 | 1 | 4 | 6 | 10;

export const DEFAULT_TYPE_NAMES: Record<DefaultTypeId, string> = {
  0: 'Text',
  1: 'Integer',
  4: 'Date',
  6: 'DateTime',
  10: 'Select',
};

export interface AttrDef {
  id: string;
  name: string;
  /** The object type that declares the attribute (children inherit it with the same id). */
  objectTypeId: string;
  kind: AttrKind;
  defaultTypeId: DefaultTypeId | null;
  position: number;
  system: boolean;
  editable: boolean;
  label: boolean;
  /** Select options. */
  options: string[];
  /** Status attributes: the allowed status ids. */
  statusIds: string[];
  referenceObjectTypeId: string | null;
  minimumCardinality: number;
  maximumCardinality: number;
  suffix: string;
  uniqueAttribute: boolean;
}

export interface ObjectTypeDef {
  id: string;
  name: string;
  description: string;
  parentObjectTypeId: string | null;
  abstractObjectType: boolean;
  inherited: boolean;
  position: number;
  iconId: string;
}

export interface StatusDef {
  id: string;
  name: string;
  /** 0 INACTIVE, 1 ACTIVE, 2 PENDING. */
  category: 0 | 1 | 2;
}

export interface SchemaDef {
  id: string;
  name: string;
  objectSchemaKey: string;
  description: string;
  createdMs: number;
}

export const HARDWARE_TYPE_ID = '1';
export const LOCATION_TYPE_ID = '10';

/** Fleet categories, or any caller, map to these concrete hardware type names. */
export const HARDWARE_TYPES: ReadonlyArray<[string, string]> = [
  ['2', 'Laptop'],
  ['3', 'Desktop'],
  ['4', 'Server'],
  ['5', 'Network Device'],
  ['6', 'Mobile Device'],
  ['7', 'Tablet'],
  ['8', 'Printer'],
  ['9', 'Peripheral'],
];

export const STATUSES: readonly StatusDef[] = [
  { id: '1', name: 'In Stock', category: 2 },
  { id: '2', name: 'In Use', category: 1 },
  { id: '3', name: 'In Repair', category: 2 },
  { id: '4', name: 'Retired', category: 0 },
  { id: '5', name: 'Lost', category: 0 },
];

export const DEFAULT_DEPARTMENTS = [
  'Engineering',
  'Finance',
  'Human Resources',
  'IT',
  'Legal',
  'Marketing',
  'Operations',
  'Sales',
  'Support',
];

type AttrSeed = Pick<AttrDef, 'id' | 'name' | 'kind' | 'defaultTypeId'> & Partial<AttrDef>;

function attr(objectTypeId: string, position: number, seed: AttrSeed): AttrDef {
  return {
    objectTypeId,
    position,
    system: false,
    editable: true,
    label: false,
    options: [],
    statusIds: [],
    referenceObjectTypeId: null,
    minimumCardinality: 0,
    maximumCardinality: 1,
    suffix: '',
    uniqueAttribute: false,
    ...seed,
  };
}

function systemAttrs(typeId: string, ids: [string, string, string, string]): AttrDef[] {
  const [key, name, created, updated] = ids;
  return [
    attr(typeId, 0, {
      id: key,
      name: 'Key',
      kind: 0,
      defaultTypeId: 0,
      system: true,
      editable: false,
    }),
    attr(typeId, 1, {
      id: name,
      name: 'Name',
      kind: 0,
      defaultTypeId: 0,
      label: true,
      minimumCardinality: 1,
    }),
    attr(typeId, 2, {
      id: created,
      name: 'Created',
      kind: 0,
      defaultTypeId: 6,
      system: true,
      editable: false,
    }),
    attr(typeId, 3, {
      id: updated,
      name: 'Updated',
      kind: 0,
      defaultTypeId: 6,
      system: true,
      editable: false,
    }),
  ];
}

function hardwareAttrs(): AttrDef[] {
  const t = HARDWARE_TYPE_ID;
  return [
    ...systemAttrs(t, ['1', '2', '3', '4']),
    attr(t, 4, { id: '5', name: 'Serial Number', kind: 0, defaultTypeId: 0 }),
    attr(t, 5, { id: '6', name: 'Asset Tag', kind: 0, defaultTypeId: 0 }),
    attr(t, 6, { id: '7', name: 'Model', kind: 0, defaultTypeId: 0 }),
    attr(t, 7, { id: '8', name: 'Manufacturer', kind: 0, defaultTypeId: 0 }),
    attr(t, 8, { id: '9', name: 'RAM', kind: 0, defaultTypeId: 1, suffix: 'MB' }),
    attr(t, 9, { id: '10', name: 'Purchase Date', kind: 0, defaultTypeId: 4 }),
    attr(t, 10, { id: '11', name: 'Warranty End', kind: 0, defaultTypeId: 4 }),
    attr(t, 11, {
      id: '12',
      name: 'Status',
      kind: 7,
      defaultTypeId: null,
      statusIds: STATUSES.map((s) => s.id),
    }),
    attr(t, 12, { id: '13', name: 'Owner', kind: 2, defaultTypeId: null }),
    attr(t, 13, {
      id: '14',
      name: 'Location',
      kind: 1,
      defaultTypeId: null,
      referenceObjectTypeId: LOCATION_TYPE_ID,
    }),
    attr(t, 14, {
      id: '15',
      name: 'Department',
      kind: 0,
      defaultTypeId: 10,
      options: [...DEFAULT_DEPARTMENTS],
    }),
    attr(t, 15, {
      id: '16',
      name: 'MAC Address',
      kind: 0,
      defaultTypeId: 0,
      maximumCardinality: -1,
    }),
    attr(t, 16, { id: '17', name: 'Cost Center', kind: 0, defaultTypeId: 0 }),
  ];
}

export class AssetsSchema {
  readonly schema: SchemaDef;
  readonly types = new Map<string, ObjectTypeDef>();
  readonly attrs = new Map<string, AttrDef>();
  readonly statuses = new Map<string, StatusDef>();
  private readonly attrsByType = new Map<string, AttrDef[]>();

  constructor(createdMs: number) {
    this.schema = {
      id: '1',
      name: 'IT Assets',
      objectSchemaKey: 'ITA',
      description: 'Hardware tracked by IT',
      createdMs,
    };
    this.addType({
      id: HARDWARE_TYPE_ID,
      name: 'Hardware',
      description: 'All hardware',
      parentObjectTypeId: null,
      abstractObjectType: true,
      inherited: true,
      position: 0,
      iconId: '1',
    });
    HARDWARE_TYPES.forEach(([id, name], index) =>
      this.addType({
        id,
        name,
        description: '',
        parentObjectTypeId: HARDWARE_TYPE_ID,
        abstractObjectType: false,
        inherited: false,
        position: index,
        iconId: String(index + 2),
      }),
    );
    this.addType({
      id: LOCATION_TYPE_ID,
      name: 'Location',
      description: 'Offices and sites',
      parentObjectTypeId: null,
      abstractObjectType: false,
      inherited: false,
      position: 1,
      iconId: '20',
    });
    for (const def of [
      ...hardwareAttrs(),
      ...systemAttrs(LOCATION_TYPE_ID, ['18', '19', '20', '21']),
    ]) {
      this.attrs.set(def.id, def);
    }
    for (const status of STATUSES) this.statuses.set(status.id, status);
  }

  private addType(def: ObjectTypeDef): void {
    this.types.set(def.id, def);
    this.attrsByType.clear();
  }

  /** Attributes of a type, including those inherited from its parent, by position. */
  attributesOf(typeId: string): AttrDef[] {
    const cached = this.attrsByType.get(typeId);
    if (cached) return cached;
    const chain: string[] = [];
    for (
      let t = this.types.get(typeId);
      t;
      t = t.parentObjectTypeId ? this.types.get(t.parentObjectTypeId) : undefined
    ) {
      chain.push(t.id);
      if (!t.inherited && t.id !== typeId) break;
    }
    const list = [...this.attrs.values()]
      .filter((a) => chain.includes(a.objectTypeId))
      .sort((a, b) => a.position - b.position);
    this.attrsByType.set(typeId, list);
    return list;
  }

  attrByName(typeId: string, name: string): AttrDef | undefined {
    const lower = name.toLowerCase();
    return this.attributesOf(typeId).find((a) => a.name.toLowerCase() === lower);
  }

  typeByName(name: string): ObjectTypeDef | undefined {
    const lower = name.toLowerCase();
    return [...this.types.values()].find((t) => t.name.toLowerCase() === lower);
  }

  /** The type and all its descendants. */
  typeAndChildren(typeId: string): Set<string> {
    const out = new Set<string>([typeId]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const t of this.types.values()) {
        if (t.parentObjectTypeId && out.has(t.parentObjectTypeId) && !out.has(t.id)) {
          out.add(t.id);
          grew = true;
        }
      }
    }
    return out;
  }

  statusByName(name: string): StatusDef | undefined {
    const lower = name.toLowerCase();
    return [...this.statuses.values()].find((s) => s.name.toLowerCase() === lower);
  }

  /** Adds a Select option (as an admin would) when it is missing. */
  ensureOption(attrId: string, option: string): void {
    const def = this.attrs.get(attrId);
    if (def && !def.options.some((o) => o.toLowerCase() === option.toLowerCase())) {
      def.options.push(option);
    }
  }
}

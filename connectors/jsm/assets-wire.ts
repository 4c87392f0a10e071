import { z } from 'zod';

/** zod schemas of the Assets Cloud answers this connector reads; unknown fields pass through. */

const Id = z.union([z.string().min(1), z.number().int()]).transform(String);

export const ObjectSchemaWire = z.looseObject({
  id: Id,
  name: z.string(),
  objectSchemaKey: z.string().optional(),
});
export type ObjectSchemaWire = z.infer<typeof ObjectSchemaWire>;

export const ObjectSchemaList = z.looseObject({
  values: z.array(ObjectSchemaWire),
  isLast: z.boolean().optional(),
});

export const ObjectTypeWire = z.looseObject({
  id: Id,
  name: z.string(),
  abstractObjectType: z.boolean().optional(),
});
export type ObjectTypeWire = z.infer<typeof ObjectTypeWire>;

/** `type`: 0 Default, 1 Object reference, 2 User, 4 Group, 7 Status. */
export const AttributeDefWire = z.looseObject({
  id: Id,
  name: z.string(),
  type: z.number().int(),
  /** For type 0: 0 Text, 1 Integer, 2 Boolean, 3 Double, 4 Date, 6 DateTime, 10 Select, ... */
  defaultType: z.looseObject({ id: z.number().int(), name: z.string().optional() }).optional(),
  referenceObjectTypeId: Id.optional(),
  typeValueMulti: z.array(z.string()).optional(),
  editable: z.boolean().optional(),
  system: z.boolean().optional(),
  label: z.boolean().optional(),
  maximumCardinality: z.number().int().optional(),
  options: z.string().optional(),
});
export type AttributeDefWire = z.infer<typeof AttributeDefWire>;

export const AttributeValueWire = z.looseObject({
  value: z.union([z.string(), z.number(), z.boolean()]).optional(),
  displayValue: z.union([z.string(), z.number(), z.boolean()]).optional(),
  status: z.looseObject({ id: Id, name: z.string() }).optional(),
  user: z
    .looseObject({ key: z.string().optional(), displayName: z.string().optional() })
    .optional(),
  referencedObject: z.looseObject({ id: Id, label: z.string().optional() }).optional(),
});
export type AttributeValueWire = z.infer<typeof AttributeValueWire>;

export const ObjectAttributeWire = z.looseObject({
  objectTypeAttributeId: Id,
  objectAttributeValues: z.array(AttributeValueWire),
});
export type ObjectAttributeWire = z.infer<typeof ObjectAttributeWire>;

export const AssetObjectWire = z.looseObject({
  id: Id,
  label: z.string().optional(),
  objectKey: z.string(),
  objectType: z.looseObject({ id: Id, name: z.string() }),
  created: z.string(),
  updated: z.string(),
  attributes: z.array(ObjectAttributeWire).optional(),
});
export type AssetObjectWire = z.infer<typeof AssetObjectWire>;

/** `POST object/aql`: `total` is deprecated (and capped); page until `isLast`. */
export const AqlPage = z.looseObject({
  startAt: z.number().int(),
  values: z.array(AssetObjectWire),
  isLast: z.boolean().optional(),
  last: z.boolean().optional(),
});
export type AqlPage = z.infer<typeof AqlPage>;

export const StatusTypeWire = z.looseObject({ id: Id, name: z.string() });

export const TotalCount = z.looseObject({ totalCount: z.number().int().min(0) });

export const ConnectedTicketWire = z.looseObject({
  key: z.string(),
  id: Id.optional(),
  title: z.string().optional(),
  updated: z.string().optional(),
  status: z.looseObject({ name: z.string() }).optional(),
  type: z.looseObject({ name: z.string() }).optional(),
});

export const ConnectedTickets = z.looseObject({ tickets: z.array(ConnectedTicketWire) });

export const WorkspaceList = z.looseObject({
  values: z.array(z.looseObject({ workspaceId: z.string().min(1) })),
});

/** The body of `object/create` and `PUT object/{id}`. */
export interface ObjectIn {
  objectTypeId: string;
  attributes: { objectTypeAttributeId: string; objectAttributeValues: { value: string }[] }[];
}

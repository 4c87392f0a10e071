/**
 * zod schemas for the Jamf Pro PATCH bodies the simulator accepts: `ComputerInventoryUpdateRequest`
 * (computers-inventory-detail) and `UpdateMobileDeviceV2` (mobile devices). Unknown fields are
 * refused, as Jamf Pro refuses unrecognised fields.
 */
import { z } from 'zod';

const text = z.string().nullable();

const eaUpdate = z.object({ definitionId: z.string(), values: z.array(z.string()) }).loose();

export const computerUpdateSchema = z.strictObject({
  udid: z.string().optional(),
  general: z
    .strictObject({
      name: z.string().min(1),
      lastIpAddress: text,
      barcode1: text,
      barcode2: text,
      assetTag: text,
      managed: z.boolean(),
      siteId: z.string(),
      extensionAttributes: z.array(eaUpdate),
    })
    .partial()
    .optional(),
  purchasing: z
    .strictObject({
      leased: z.boolean(),
      purchased: z.boolean(),
      poNumber: text,
      poDate: text,
      vendor: text,
      warrantyDate: text,
      appleCareId: text,
      leaseDate: text,
      purchasePrice: text,
      lifeExpectancy: z.number().int(),
      purchasingAccount: text,
      purchasingContact: text,
      extensionAttributes: z.array(eaUpdate),
    })
    .partial()
    .optional(),
  userAndLocation: z
    .strictObject({
      username: text,
      realname: text,
      email: text,
      position: text,
      phone: text,
      departmentId: text,
      buildingId: text,
      room: text,
      extensionAttributes: z.array(eaUpdate),
    })
    .partial()
    .optional(),
  hardware: z
    .strictObject({
      networkAdapterType: text,
      macAddress: text,
      altNetworkAdapterType: text,
      altMacAddress: text,
      extensionAttributes: z.array(eaUpdate),
    })
    .partial()
    .optional(),
  operatingSystem: z
    .strictObject({ extensionAttributes: z.array(eaUpdate) })
    .partial()
    .optional(),
  extensionAttributes: z.array(eaUpdate).optional(),
});

export type ComputerUpdate = z.infer<typeof computerUpdateSchema>;

const mobileEaUpdate = z.object({ id: z.string(), value: z.array(z.string()) }).loose();

const purchasingV2 = z
  .strictObject({
    purchased: z.boolean(),
    leased: z.boolean(),
    poNumber: text,
    vendor: text,
    appleCareId: text,
    purchasePrice: text,
    purchasingAccount: text,
    poDate: text,
    warrantyExpiresDate: text,
    leaseExpiresDate: text,
    lifeExpectancy: z.number().int(),
    purchasingContact: text,
  })
  .partial();

export const mobileUpdateSchema = z.strictObject({
  name: z.string().min(1).optional(),
  enforceName: z.boolean().optional(),
  assetTag: text.optional(),
  siteId: z.string().optional(),
  timeZone: text.optional(),
  location: z
    .strictObject({
      username: text,
      realName: text,
      emailAddress: text,
      position: text,
      phoneNumber: text,
      departmentId: text,
      buildingId: text,
      room: text,
    })
    .partial()
    .optional(),
  updatedExtensionAttributes: z.array(mobileEaUpdate).optional(),
  ios: z.strictObject({ purchasing: purchasingV2 }).partial().optional(),
  tvos: z
    .strictObject({ airplayPassword: z.string(), purchasing: purchasingV2 })
    .partial()
    .optional(),
});

export type MobileUpdate = z.infer<typeof mobileUpdateSchema>;

/** The first problem in a zod error, as `(field, description)` for Jamf's ApiError. */
export function firstIssue(error: z.ZodError): { field: string; description: string } {
  const issue = error.issues[0];
  if (!issue) return { field: '', description: 'Invalid request body' };
  const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
  const path = [...issue.path.map(String), ...keys.slice(0, 1)].join('.');
  const description =
    issue.code === 'unrecognized_keys'
      ? `Unrecognized field "${keys.join('", "')}"`
      : issue.message;
  return { field: path, description };
}

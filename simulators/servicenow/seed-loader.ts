import { z } from 'zod';
import { generateFleet } from '../fleet/fleet-generator';
import { FleetSeeder } from './fleet-seeder';
import { toStoredString } from './record-input';
import type { SnRecord } from './record-store';
import type { ServiceNowState } from './servicenow-state';

/** Body of `POST /_sim/seed`: a generated fleet, and/or records in the Table API's own format. */
export const seedBodySchema = z
  .object({
    fleet: z
      .object({
        size: z.number().int().nonnegative().max(1_000_000),
        seed: z.number().int(),
        cmdbShare: z.number().min(0).max(1).optional(),
        troubleShare: z.number().min(0).max(1).optional(),
      })
      .strict()
      .optional(),
    tables: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))).optional(),
  })
  .strict()
  .refine((b) => b.fleet !== undefined || b.tables !== undefined, {
    message: 'give "fleet" ({size, seed}) or "tables" ({<table>: [records]})',
  });
export type SeedBody = z.infer<typeof seedBodySchema>;

/**
 * Loads records as the Table API returns them (`{"result": [...]}` rows): references may be
 * `{link, value}` objects, system fields are kept, `sys_class_name` picks the child class.
 */
export function loadTableRecords(
  state: ServiceNowState,
  table: string,
  rows: Record<string, unknown>[],
): number {
  const schema = state.store.schema;
  if (!schema.has(table)) throw new Error(`tables.${table}: no such table in the simulator`);
  rows.forEach((row, i) => {
    const values: SnRecord = {};
    for (const [k, v] of Object.entries(row)) values[k] = toStoredString(v);
    const cls = values.sys_class_name;
    const target = cls && schema.isA(cls, table) ? cls : table;
    if (values.sys_id !== undefined && !/^[0-9a-f]{32}$/.test(values.sys_id)) {
      throw new Error(`tables.${table}[${i}].sys_id: must be 32 lower-case hex digits`);
    }
    state.store.insert(target, values, values.sys_created_by || 'system');
  });
  return rows.length;
}

export function applySeed(state: ServiceNowState, body: unknown): Record<string, unknown> {
  const seed = seedBodySchema.parse(body);
  const out: Record<string, unknown> = {};
  if (seed.fleet) {
    const devices = generateFleet(seed.fleet);
    out.fleet = new FleetSeeder(state).seed(devices);
  }
  if (seed.tables) {
    const counts: Record<string, number> = {};
    for (const [table, rows] of Object.entries(seed.tables)) {
      counts[table] = loadTableRecords(state, table, rows);
    }
    out.tables = counts;
  }
  return out;
}

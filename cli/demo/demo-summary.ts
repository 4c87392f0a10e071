import type { SyncReport } from '../../core/sync/sync-report';
import { DEMO_INSTANCES, type DemoUrls } from './demo-config';
import type { DemoWorld } from './demo-world';

/** What the demo did with one system. */
export interface SystemSummary {
  system: keyof DemoUrls;
  instance: string;
  /** Vendor records bound to an asset in the store (aliases of re-enrolled devices not counted). */
  boundRecords: number;
  /** Ticket links on assets that point into this system. */
  ticketLinks: number;
  created: number;
  updated: number;
  /** Requests the system answered, and how many of them changed something. */
  requests: number;
  mutatingRequests: number;
  /** One line for people. */
  line: string;
}

const SYSTEMS: { system: keyof DemoUrls; instance: string; label: string }[] = [
  { system: 'servicenow', instance: DEMO_INSTANCES.servicenow, label: 'ServiceNow' },
  { system: 'jira', instance: DEMO_INSTANCES.jsm, label: 'JSM' },
  { system: 'jamf', instance: DEMO_INSTANCES.jamf, label: 'Jamf Pro' },
  { system: 'intune', instance: DEMO_INSTANCES.intune, label: 'Intune' },
];

/** One summary per simulated system, from the store, the sync reports and the simulators. */
export async function systemSummaries(
  world: DemoWorld,
  reports: readonly SyncReport[],
): Promise<SystemSummary[]> {
  const db = world.store.kysely;
  const out: SystemSummary[] = [];
  for (const { system, instance, label } of SYSTEMS) {
    const bound = await db
      .selectFrom('external_links')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('system', '=', instance)
      .where('alias', '=', 0)
      .executeTakeFirstOrThrow();
    const tickets = await db
      .selectFrom('ticket_links')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('system', '=', instance)
      .executeTakeFirstOrThrow();
    const writes = reports
      .flatMap((r) => r.connectors)
      .filter((c) => c.connector === instance)
      .reduce(
        (sum, c) => ({
          created: sum.created + c.writes.created,
          updated: sum.updated + c.writes.updated,
        }),
        { created: 0, updated: 0 },
      );
    const stats = await world.stats(system);
    const summary = {
      system,
      instance,
      boundRecords: Number(bound.n),
      ticketLinks: Number(tickets.n),
      ...writes,
      requests: stats.total,
      mutatingRequests: stats.mutating,
    };
    const ticketPart = summary.ticketLinks > 0 ? `, ${summary.ticketLinks} ticket links` : '';
    const line =
      `${label.padEnd(11)} ${summary.boundRecords} records bound to assets${ticketPart}; ` +
      `sync created ${summary.created}, updated ${summary.updated}; ` +
      `${summary.requests} requests answered (${summary.mutatingRequests} changing something)`;
    out.push({ ...summary, line });
  }
  return out;
}

import type { TicketKind } from '../../core/model/asset';
import type { AssetContext, ConnectorTickets, TicketRecord } from '../../core/sync/connector';
import { fromGlide, toGlide } from './glide-time';
import type { ServiceNowOptions } from './servicenow-options';
import type { SnRow, TableClient } from './table-client';

type TicketTable = ServiceNowOptions['ticketTables'][number];

/** Number prefixes of the task tables (servicenow.md §4). */
const TABLE_BY_PREFIX: Readonly<Record<string, TicketTable>> = {
  INC: 'incident',
  CHG: 'change_request',
  RITM: 'sc_req_item',
};

const KIND_BY_TABLE: Readonly<Record<TicketTable, TicketKind>> = {
  incident: 'incident',
  change_request: 'change',
  sc_req_item: 'request',
};

/** States after which a ticket is no longer open, by table (out-of-the-box values). */
const CLOSED_STATES: Readonly<Record<TicketTable, readonly string[]>> = {
  incident: ['6', '7', '8'],
  change_request: ['3', '4'],
  sc_req_item: ['3', '4', '7'],
};

const TICKET_FIELDS = [
  'sys_id',
  'sys_class_name',
  'number',
  'state',
  'active',
  'short_description',
  'description',
  'cmdb_ci',
  'sys_updated_on',
];

export interface TicketDeps {
  table: TableClient;
  options: ServiceNowOptions;
  baseUrl: string;
  clock: () => Date;
}

/**
 * Incidents, change requests and requested items as tickets: the CI in `cmdb_ci` (and a requested
 * item's `configuration_item`) plus the affected CIs in `task_ci` name the assets; the asset
 * context goes in as a work note.
 */
export class ServiceNowTickets implements ConnectorTickets {
  readonly autoLink: boolean;

  constructor(private readonly d: TicketDeps) {
    this.autoLink = d.options.autoLinkTickets;
  }

  private tableOf(key: string): TicketTable | null {
    const prefix = /^([A-Z]+)\d+$/.exec(key)?.[1];
    const table = prefix === undefined ? undefined : TABLE_BY_PREFIX[prefix];
    return table !== undefined && this.d.options.ticketTables.includes(table) ? table : null;
  }

  private async row(key: string): Promise<{ table: TicketTable; row: SnRow; label: SnRow } | null> {
    const table = this.tableOf(key);
    if (table === null) return null;
    const fields =
      table === 'sc_req_item' ? [...TICKET_FIELDS, 'configuration_item'] : TICKET_FIELDS;
    const res = await this.d.table.list({
      table,
      query: `number=${key}`,
      fields,
      limit: 1,
      display: true,
    });
    const row = res.rows[0];
    return row === undefined ? null : { table, row, label: res.labels[0] ?? {} };
  }

  async readTicket(key: string): Promise<TicketRecord | null> {
    const found = await this.row(key);
    if (found === null) return null;
    return (await this.records(found.table, [found.row], [found.label]))[0] ?? null;
  }

  /** The context as a work note: plain text, one line per fact. */
  async addContext(key: string, context: AssetContext): Promise<void> {
    const found = await this.row(key);
    if (found === null) return;
    const note = context.lines.join('\n');
    await this.d.table.update(found.table, found.row.sys_id ?? '', { work_notes: note }, false);
  }

  async *changedTickets(since: string | null, signal?: AbortSignal): AsyncIterable<TicketRecord[]> {
    const start =
      since ??
      new Date(
        this.d.clock().getTime() - this.d.options.ticketLookbackDays * 86_400_000,
      ).toISOString();
    const from = toGlide(start);
    const pageSize = this.d.options.pageSize;
    const affected = await this.affectedSince(from);
    const yielded = new Set<string>();
    for (const table of this.d.options.ticketTables) {
      let offset = 0;
      for (;;) {
        const res = await this.d.table.list({
          table,
          query: `sys_updated_on>=${from}^ORDERBYsys_updated_on^ORDERBYsys_id`,
          fields:
            table === 'sc_req_item' ? [...TICKET_FIELDS, 'configuration_item'] : TICKET_FIELDS,
          limit: pageSize,
          offset,
          display: true,
          signal,
        });
        const records = await this.records(table, res.rows, res.labels);
        const named = records.filter((r) => r.assetExternalIds.length > 0 || affected.has(r.key));
        named.forEach((r) => yielded.add(r.key));
        if (named.length > 0) yield named;
        if (res.rows.length < pageSize) break;
        offset += res.rows.length;
      }
    }
    const rest: TicketRecord[] = [];
    for (const key of affected) {
      if (yielded.has(key)) continue;
      const record = await this.readTicket(key);
      if (record) rest.push(record);
    }
    if (rest.length > 0) yield rest;
  }

  /**
   * Numbers of tickets that got an affected CI since `from`: a `task_ci` row does not touch its
   * task, so such tickets are read one by one after the table queries.
   */
  private async affectedSince(from: string): Promise<Set<string>> {
    const { rows } = await this.d.table.list({
      table: 'task_ci',
      query: `sys_created_on>=${from}^ORDERBYsys_created_on`,
      fields: ['task'],
      limit: 10_000,
    });
    const tasks = await this.d.table.listIn(
      'task',
      'sys_id',
      rows.map((r) => r.task ?? ''),
      ['number'],
    );
    return new Set(tasks.map((t) => t.number ?? ''));
  }

  async ticketsOfRecord(externalId: string): Promise<TicketRecord[]> {
    const { rows } = await this.d.table.list({
      table: 'task_ci',
      query: `ci_item=${externalId}`,
      fields: ['task'],
      limit: 10_000,
    });
    const direct = await this.d.table.list({
      table: 'task',
      query: `cmdb_ci=${externalId}`,
      fields: ['sys_id'],
      limit: 10_000,
    });
    const ids = [...rows.map((r) => r.task ?? ''), ...direct.rows.map((r) => r.sys_id ?? '')];
    const tasks = await this.d.table.listIn('task', 'sys_id', ids, ['number']);
    const out: TicketRecord[] = [];
    for (const number of new Set(tasks.map((t) => t.number ?? ''))) {
      const record = number === '' ? null : await this.readTicket(number);
      if (record) out.push(record);
    }
    return out;
  }

  /** Sets the ticket's CI when it has none, else adds an affected CI (once). */
  async attachRecord(key: string, externalId: string): Promise<void> {
    const found = await this.row(key);
    if (found === null) return;
    const { table, row } = found;
    if ((row.cmdb_ci ?? '') === '') {
      await this.d.table.update(table, row.sys_id ?? '', { cmdb_ci: externalId });
      return;
    }
    if (row.cmdb_ci === externalId) return;
    const existing = await this.d.table.list({
      table: 'task_ci',
      query: `task=${row.sys_id}^ci_item=${externalId}`,
      fields: ['sys_id'],
      limit: 1,
    });
    if (existing.rows.length > 0) return;
    await this.d.table.insert('task_ci', { task: row.sys_id ?? '', ci_item: externalId });
  }

  private async records(
    table: TicketTable,
    rows: SnRow[],
    labels: SnRow[],
  ): Promise<TicketRecord[]> {
    const affected = new Map<string, string[]>();
    const ids = rows.map((r) => r.sys_id ?? '');
    for (const link of await this.d.table.listIn('task_ci', 'task', ids, ['task', 'ci_item'])) {
      const list = affected.get(link.task ?? '') ?? [];
      list.push(link.ci_item ?? '');
      affected.set(link.task ?? '', list);
    }
    return rows.map((row, i) => {
      const sysId = row.sys_id ?? '';
      const cis = [row.cmdb_ci, row.configuration_item, ...(affected.get(sysId) ?? [])].filter(
        (v): v is string => v !== undefined && v !== '',
      );
      const state = row.state ?? '';
      const open = row.active !== 'false' && !CLOSED_STATES[table].includes(state);
      return {
        key: row.number ?? '',
        kind: KIND_BY_TABLE[table],
        state: labels[i]?.state || state,
        open,
        title: row.short_description ?? '',
        url: `${this.d.baseUrl}/nav_to.do?uri=${encodeURIComponent(`${table}.do?sys_id=${sysId}`)}`,
        assetExternalIds: [...new Set(cis)],
        text: [row.short_description, row.description].filter(Boolean).join('\n'),
        updatedAt: fromGlide(row.sys_updated_on) ?? this.d.clock().toISOString(),
      };
    });
  }
}

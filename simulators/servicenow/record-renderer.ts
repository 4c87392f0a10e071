import { choiceLabel } from './choice-labels';
import type { RecordStore, SnRecord } from './record-store';
import type { Column, TableInfo } from './table-schema';

export type DisplayMode = 'false' | 'true' | 'all';

export interface RenderOptions {
  displayValue: DisplayMode;
  excludeReferenceLink: boolean;
  /** `sysparm_fields`; invalid names are ignored. Undefined means all columns. */
  fields?: string[];
  /** `https://host/api/now` or `.../api/now/v1`, for reference links. */
  apiBase: string;
  /** The platform shows an empty choice as null in display values (a quirk). */
  emptyChoiceDisplayNull: boolean;
}

export type RenderedValue = string | null | Record<string, string | null>;

/** Renders records of one queried table the way the Table API returns them. */
export class RecordRenderer {
  constructor(private readonly store: RecordStore) {}

  render(table: TableInfo, record: SnRecord, opts: RenderOptions): Record<string, RenderedValue> {
    const out: Record<string, RenderedValue> = {};
    const names = opts.fields ?? [...table.columns.keys()];
    for (const name of names) {
      if (name.includes('.')) {
        const walked = this.walk(table, record, name);
        if (walked) out[name] = this.renderField(walked.table, walked.column, walked.raw, opts);
        continue;
      }
      const column = table.columns.get(name);
      if (column) out[name] = this.renderField(table, column, record[name] ?? '', opts);
    }
    return out;
  }

  /** Follows a dot-walked path (`company.name`) through reference columns. */
  walk(
    table: TableInfo,
    record: SnRecord,
    path: string,
  ): { table: TableInfo; column: Column; raw: string } | null {
    const parts = path.split('.');
    let info = table;
    let current: SnRecord | undefined = record;
    for (let i = 0; i < parts.length - 1; i++) {
      const col = info.columns.get(parts[i]);
      const target = col?.reference ? this.store.schema.get(col.reference) : undefined;
      if (!col || !target) return null;
      current = current ? this.store.get(target.name, current[parts[i]] ?? '') : undefined;
      info = target;
    }
    const column = info.columns.get(parts[parts.length - 1]);
    if (!column) return null;
    return { table: info, column, raw: current?.[column.name] ?? '' };
  }

  private renderField(
    table: TableInfo,
    column: Column,
    raw: string,
    opts: RenderOptions,
  ): RenderedValue {
    if (column.type === 'ref' && raw !== '') return this.renderReference(column, raw, opts);
    if (opts.displayValue === 'false') return raw;
    const display = this.displayOf(table, column, raw, opts);
    if (opts.displayValue === 'true') return display;
    return { display_value: display, value: raw };
  }

  private renderReference(column: Column, raw: string, opts: RenderOptions): RenderedValue {
    const link = `${opts.apiBase}/table/${column.reference}/${raw}`;
    if (opts.displayValue === 'false') {
      return opts.excludeReferenceLink ? raw : { link, value: raw };
    }
    const display = this.referenceDisplay(column.reference ?? '', raw);
    if (opts.displayValue === 'true') {
      return opts.excludeReferenceLink ? display : { display_value: display, link };
    }
    return opts.excludeReferenceLink
      ? { display_value: display, value: raw }
      : { display_value: display, link, value: raw };
  }

  referenceDisplay(targetTable: string, sysId: string): string {
    const target = this.store.schema.get(targetTable);
    const record = target ? this.store.get(target.name, sysId) : undefined;
    if (!record || !target) return sysId === 'global' ? 'global' : '';
    return record[target.displayField] ?? '';
  }

  private displayOf(
    table: TableInfo,
    column: Column,
    raw: string,
    opts: RenderOptions,
  ): string | null {
    if (column.name === 'sys_class_name') return this.store.schema.get(raw)?.label ?? raw;
    switch (column.type) {
      case 'choice':
        if (raw === '') return opts.emptyChoiceDisplayNull ? null : '';
        return choiceLabel(table.name, table.root, column.name, raw);
      case 'integer': {
        const n = Number(raw);
        return raw !== '' && Number.isFinite(n) ? n.toLocaleString('en-US') : raw;
      }
      default:
        return raw;
    }
  }
}

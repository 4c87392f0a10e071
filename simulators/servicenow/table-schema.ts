import { CMDB_TABLES } from './cmdb-tables';
import { PLATFORM_TABLES } from './platform-tables';
import type { TableDefinition } from './table-columns';

export type ColumnType = 'string' | 'integer' | 'boolean' | 'datetime' | 'date' | 'choice' | 'ref';

export interface Column {
  name: string;
  type: ColumnType;
  /** Target table of a reference column. */
  reference?: string;
}

export interface TableInfo {
  name: string;
  label: string;
  parent?: string;
  /** The top of this table's hierarchy; all records of a hierarchy share one store. */
  root: string;
  displayField: string;
  numberPrefix?: string;
  /** Own plus inherited columns, in dictionary order. */
  columns: Map<string, Column>;
  defaults: Record<string, string>;
  /** This table and all its descendants. */
  family: Set<string>;
  sysClassPath: string;
}

const PATH_CHARS = '!"#$%&\'()*+,-0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function parseColumn(spec: string): Column {
  const ref = spec.indexOf('>');
  if (ref > 0) {
    return { name: spec.slice(0, ref), type: 'ref', reference: spec.slice(ref + 1) };
  }
  const [name, kind] = spec.split(':');
  const types: Record<string, ColumnType> = {
    i: 'integer',
    b: 'boolean',
    dt: 'datetime',
    d: 'date',
    c: 'choice',
  };
  return { name, type: kind ? types[kind] : 'string' };
}

/** The table dictionary: hierarchy, columns, display fields. */
export class TableSchema {
  private readonly tables = new Map<string, TableInfo>();

  constructor(definitions: TableDefinition[] = [...CMDB_TABLES, ...PLATFORM_TABLES]) {
    for (const def of definitions) this.add(def);
    for (const info of this.tables.values()) {
      for (let p = info.parent; p; p = this.tables.get(p)?.parent) {
        this.tables.get(p)?.family.add(info.name);
      }
    }
  }

  private add(def: TableDefinition): void {
    const parent = def.parent ? this.tables.get(def.parent) : undefined;
    if (def.parent && !parent) {
      throw new Error(`table ${def.name}: parent ${def.parent} must be defined before it`);
    }
    const columns = new Map(parent?.columns ?? []);
    for (const spec of def.columns) {
      const col = parseColumn(spec);
      columns.set(col.name, col);
    }
    const siblings = [...this.tables.values()].filter((t) => t.parent === def.parent).length;
    const code = PATH_CHARS[Math.floor(siblings / PATH_CHARS.length) % PATH_CHARS.length];
    const code2 = PATH_CHARS[siblings % PATH_CHARS.length];
    this.tables.set(def.name, {
      name: def.name,
      label: def.label,
      parent: def.parent,
      root: parent?.root ?? def.name,
      displayField: def.displayField,
      numberPrefix: def.numberPrefix ?? parent?.numberPrefix,
      columns,
      defaults: { ...(parent?.defaults ?? {}), ...(def.defaults ?? {}) },
      family: new Set([def.name]),
      sysClassPath: `${parent?.sysClassPath ?? ''}/${code}${code2}`,
    });
  }

  get(table: string): TableInfo | undefined {
    return this.tables.get(table);
  }

  has(table: string): boolean {
    return this.tables.has(table);
  }

  names(): string[] {
    return [...this.tables.keys()];
  }

  /** True when `child` is `ancestor` or extends it. */
  isA(child: string, ancestor: string): boolean {
    return this.tables.get(ancestor)?.family.has(child) ?? false;
  }

  column(table: string, field: string): Column | undefined {
    return this.tables.get(table)?.columns.get(field);
  }
}

import { sql, type ColumnDataType, type ColumnDefinitionBuilder, type Expression } from 'kysely';

/** A column type accepted by kysely's `addColumn`. */
export type SqlColumnType = ColumnDataType | Expression<unknown>;

/**
 * The only place where SQLite and PostgreSQL differ. Everything else (queries, upserts with
 * `onConflict`, JSON as TEXT, timestamps as ISO TEXT) is written once for both.
 */
export type SqlFlavor = 'sqlite' | 'postgres';

/**
 * Text column type. PostgreSQL gets the "C" collation so that ordering and `lower()` behave like
 * SQLite's default BINARY collation (byte order, ASCII-only case folding) whatever the database
 * locale is.
 */
export function textType(flavor: SqlFlavor): SqlColumnType {
  return flavor === 'postgres' ? sql`text collate "C"` : 'text';
}

/** Data type of an auto-incrementing integer primary key. */
export function autoIdType(flavor: SqlFlavor): SqlColumnType {
  return flavor === 'postgres' ? 'serial' : 'integer';
}

/** Column modifier of an auto-incrementing integer primary key (pair with `autoIdType`). */
export function autoIdColumn(flavor: SqlFlavor) {
  return (col: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    flavor === 'postgres' ? col.primaryKey() : col.primaryKey().autoIncrement();
}

import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely } from 'kysely';
import { sql } from 'kysely';
import { dialectOf, type DialectName } from './database.js';

/**
 * Column types that differ between the two databases, decided once. Values written through them are
 * the same on both: ISO-8601 UTC text for timestamps, 0/1 for booleans, JSON text for JSON.
 */
export function columnTypes(dialect: DialectName) {
  const pg = dialect === 'postgres';
  return {
    timestamp: pg ? sql`timestamptz` : sql`text`,
    date: pg ? sql`date` : sql`text`,
    bool: pg ? sql`boolean` : sql`integer`,
    json: pg ? sql`jsonb` : sql`text`,
    money: pg ? sql`numeric(14,2)` : sql`real`,
    bigint: pg ? sql`bigint` : sql`integer`,
    no: pg ? sql`false` : sql`0`,
    yes: pg ? sql`true` : sql`1`,
  };
}

/** Adds an auto-incrementing integer primary key named `id`. */
export function withId<T extends string>(db: Kysely<unknown>, table: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'> {
  if (dialectOf(db) === 'postgres') {
    return table.addColumn('id', 'bigint', (c: ColumnDefinitionBuilder) => c.primaryKey().generatedByDefaultAsIdentity());
  }
  return table.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement());
}

export function nowIso(): string {
  return new Date().toISOString();
}

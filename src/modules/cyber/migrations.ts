import type { Kysely, Migration } from 'kysely';
import { columnTypes, withId } from '../../db/columns.js';
import { dialectOf } from '../../db/database.js';

export const cyberMigrations: Record<string, Migration> = {
  '2026-12-01-200-essential-functions': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      await withId(db, db.schema.createTable('essential_functions'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('owner', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addUniqueConstraint('essential_functions_name', ['organisation_id', 'name'])
        .execute();
      await db.schema
        .createTable('essential_function_systems')
        .addColumn('essential_function_id', t.bigint, (c) => c.notNull().references('essential_functions.id'))
        .addColumn('system_id', t.bigint, (c) => c.notNull().references('systems.id'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addPrimaryKeyConstraint('essential_function_systems_pk', ['essential_function_id', 'system_id'])
        .execute();
    },
  },
};

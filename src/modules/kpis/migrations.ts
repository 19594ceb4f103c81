import type { Kysely, Migration } from 'kysely';
import { columnTypes, withId } from '../../db/columns.js';
import { dialectOf } from '../../db/database.js';

export const kpiMigrations: Record<string, Migration> = {
  '2026-12-05-700-kpis': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      await withId(db, db.schema.createTable('kpis'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('measure_key', 'text')
        .addColumn('unit', 'text', (c) => c.notNull())
        .addColumn('direction', 'text', (c) => c.notNull())
        .addColumn('target', 'real')
        .addColumn('tolerance', 'real', (c) => c.notNull().defaultTo(0))
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('owner', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('user_outcome', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('kpis_by_organisation').on('kpis').columns(['organisation_id', 'position']).execute();
      await db.schema
        .createTable('kpi_readings')
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('kpi_id', t.bigint, (c) => c.notNull().references('kpis.id'))
        .addColumn('month', 'text', (c) => c.notNull())
        .addColumn('value', 'real', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('recorded_by', t.bigint, (c) => c.references('people.id'))
        .addColumn('recorded_at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('kpi_readings_pk', ['kpi_id', 'month'])
        .execute();
      await db.schema.createIndex('kpi_readings_by_organisation').on('kpi_readings').columns(['organisation_id', 'month']).execute();
    },
  },
};

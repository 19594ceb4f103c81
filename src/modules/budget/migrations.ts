import type { Kysely, Migration } from 'kysely';
import { columnTypes, withId } from '../../db/columns.js';
import { dialectOf } from '../../db/database.js';

export const budgetMigrations: Record<string, Migration> = {
  '2026-12-05-800-budget-and-cost-per-service': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      const org = t.bigint;
      await withId(db, db.schema.createTable('budget_lines'))
        .addColumn('organisation_id', org, (c) => c.notNull().references('organisations.id'))
        .addColumn('financial_year', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('cost_centre', 'text', (c) => c.notNull())
        .addColumn('account', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('budget', t.money, (c) => c.notNull())
        .addColumn('forecast', t.money)
        .addColumn('savings_planned', t.money, (c) => c.notNull().defaultTo(0))
        .addColumn('savings_achieved', t.money, (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addUniqueConstraint('budget_lines_code', ['organisation_id', 'financial_year', 'cost_centre', 'account'])
        .execute();
      await withId(db, db.schema.createTable('budget_actuals'))
        .addColumn('organisation_id', org, (c) => c.notNull().references('organisations.id'))
        .addColumn('line_id', t.bigint, (c) => c.notNull().references('budget_lines.id'))
        .addColumn('posted_on', t.date, (c) => c.notNull())
        .addColumn('amount', t.money, (c) => c.notNull())
        .addColumn('supplier', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('reference', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('import_id', t.bigint)
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('budget_actuals_by_line').on('budget_actuals').columns(['organisation_id', 'line_id', 'posted_on']).execute();
      await db.schema
        .createTable('budget_closed_years')
        .addColumn('organisation_id', org, (c) => c.notNull().references('organisations.id'))
        .addColumn('financial_year', 'integer', (c) => c.notNull())
        .addColumn('closed_at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('budget_closed_years_pk', ['organisation_id', 'financial_year'])
        .execute();
      await db.schema
        .createTable('cost_settings')
        .addColumn('organisation_id', org, (c) => c.primaryKey().references('organisations.id'))
        .addColumn('shared_rule', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('service_area_headcounts')
        .addColumn('organisation_id', org, (c) => c.notNull().references('organisations.id'))
        .addColumn('service_area_id', t.bigint, (c) => c.notNull().references('service_areas.id'))
        .addColumn('headcount', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('service_area_headcounts_pk', ['organisation_id', 'service_area_id'])
        .execute();
    },
  },
};

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
  '2026-12-01-210-risks': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      await withId(db, db.schema.createTable('risks'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('reference', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('cause', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('event', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('effect', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('owner_id', t.bigint, (c) => c.references('people.id'))
        .addColumn('inherent_likelihood', 'integer', (c) => c.notNull())
        .addColumn('inherent_impact', 'integer', (c) => c.notNull())
        .addColumn('current_likelihood', 'integer', (c) => c.notNull())
        .addColumn('current_impact', 'integer', (c) => c.notNull())
        .addColumn('current_score', 'integer', (c) => c.notNull())
        .addColumn('target_likelihood', 'integer', (c) => c.notNull())
        .addColumn('target_impact', 'integer', (c) => c.notNull())
        .addColumn('treatment', 'text', (c) => c.notNull())
        .addColumn('controls', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('actions', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('review_due', t.date)
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addUniqueConstraint('risks_reference', ['organisation_id', 'reference'])
        .execute();
      await db.schema.createIndex('risks_by_score').on('risks').columns(['organisation_id', 'status', 'current_score', 'id']).execute();
      await db.schema
        .createTable('risk_scores')
        .addColumn('risk_id', t.bigint, (c) => c.notNull().references('risks.id'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('at', t.timestamp, (c) => c.notNull())
        .addColumn('likelihood', 'integer', (c) => c.notNull())
        .addColumn('impact', 'integer', (c) => c.notNull())
        .addColumn('person_id', t.bigint, (c) => c.references('people.id'))
        .execute();
      await db.schema.createIndex('risk_scores_by_risk').on('risk_scores').columns(['risk_id', 'at']).execute();
      await db.schema
        .createTable('risk_appetites')
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('appetite', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('risk_appetites_pk', ['organisation_id', 'category'])
        .execute();
    },
  },
};

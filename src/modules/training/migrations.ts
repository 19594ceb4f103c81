import type { Kysely, Migration } from 'kysely';
import { columnTypes, withId } from '../../db/columns.js';
import { dialectOf } from '../../db/database.js';

export const trainingMigrations: Record<string, Migration> = {
  '2026-12-02-300-training-records': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      await withId(db, db.schema.createTable('training_courses'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_key', 'text', (c) => c.notNull())
        .addColumn('required', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('refresh_months', 'integer', (c) => c.notNull().defaultTo(12))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addUniqueConstraint('training_courses_name', ['organisation_id', 'name_key'])
        .execute();
      await withId(db, db.schema.createTable('training_learners'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('directorate', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('team', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addUniqueConstraint('training_learners_email', ['organisation_id', 'email'])
        .execute();
      await withId(db, db.schema.createTable('training_completions'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('learner_id', t.bigint, (c) => c.notNull().references('training_learners.id'))
        .addColumn('course_id', t.bigint, (c) => c.notNull().references('training_courses.id'))
        .addColumn('completed_on', t.date, (c) => c.notNull())
        .addColumn('score', 'real')
        .addColumn('import_id', t.bigint)
        .addUniqueConstraint('training_completions_once', ['organisation_id', 'learner_id', 'course_id', 'completed_on'])
        .execute();
      await db.schema
        .createIndex('training_completions_by_course')
        .on('training_completions')
        .columns(['organisation_id', 'course_id', 'learner_id'])
        .execute();
      // Bumped by every change to courses, people or completions: coverage is worked out again only then.
      await db.schema
        .createTable('training_versions')
        .addColumn('organisation_id', t.bigint, (c) => c.primaryKey().references('organisations.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await withId(db, db.schema.createTable('phishing_exercises'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('sent_on', t.date, (c) => c.notNull())
        .addColumn('sent', 'integer', (c) => c.notNull())
        .addColumn('clicked', 'integer', (c) => c.notNull())
        .addColumn('reported', 'integer', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
    },
  },
  // One list of training for everyone: development activities join the learning system's completions.
  '2026-12-04-300-training-kinds': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      await db.schema
        .alterTable('training_completions')
        .addColumn('kind', 'text', (c) => c.notNull().defaultTo('online'))
        .execute();
      await db.schema.alterTable('training_completions').addColumn('cost', 'integer').execute();
      await db.schema.alterTable('training_completions').addColumn('development_item_id', t.bigint).execute();
      await db.schema
        .createIndex('training_completions_by_development')
        .on('training_completions')
        .columns(['organisation_id', 'development_item_id'])
        .execute();
      await db.schema.createIndex('training_completions_by_kind').on('training_completions').columns(['organisation_id', 'kind', 'id']).execute();
    },
  },
  // The register's page lists the most recently completed first.
  '2026-12-04-310-training-by-completion': {
    async up(db: Kysely<unknown>) {
      await db.schema.createIndex('training_completions_by_day').on('training_completions').columns(['organisation_id', 'completed_on', 'id']).execute();
    },
  },
};

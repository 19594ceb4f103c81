import type { ColumnDefinitionBuilder, Kysely, Migration } from 'kysely';
import { columnTypes, withId } from '../../db/columns.js';
import { dialectOf } from '../../db/database.js';

export const strategyMigrations: Record<string, Migration> = {
  '2026-12-04-500-strategy-and-roadmap': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      const org = (c: ColumnDefinitionBuilder) => c.notNull().references('organisations.id');
      await db.schema
        .createTable('digital_strategies')
        .addColumn('organisation_id', t.bigint, (c) => c.primaryKey().references('organisations.id'))
        .addColumn('corporate_plan', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('vision', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('from_year', 'integer')
        .addColumn('to_year', 'integer')
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      await withId(db, db.schema.createTable('priorities'))
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('priorities_by_organisation').on('priorities').columns(['organisation_id', 'position']).execute();
      await withId(db, db.schema.createTable('strategy_objectives'))
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('owner', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('strategy_objectives_by_organisation').on('strategy_objectives').columns(['organisation_id', 'position']).execute();
      await db.schema
        .createTable('strategy_objective_priorities')
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('objective_id', t.bigint, (c) => c.notNull().references('strategy_objectives.id'))
        .addColumn('priority_id', t.bigint, (c) => c.notNull().references('priorities.id'))
        .addPrimaryKeyConstraint('strategy_objective_priorities_pk', ['objective_id', 'priority_id'])
        .execute();
      await withId(db, db.schema.createTable('strategy_measures'))
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('objective_id', t.bigint, (c) => c.notNull().references('strategy_objectives.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('unit', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('direction', 'text', (c) => c.notNull())
        .addColumn('baseline', 'real')
        .addColumn('baseline_on', t.date)
        .addColumn('target', 'real')
        .addColumn('target_on', t.date)
        .addColumn('current', 'real')
        .addColumn('current_on', t.date)
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('strategy_measures_by_objective').on('strategy_measures').columns(['organisation_id', 'objective_id']).execute();
      await withId(db, db.schema.createTable('projects'))
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('reference', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('programme_id', t.bigint, (c) => c.references('projects.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('objective_id', t.bigint, (c) => c.references('strategy_objectives.id'))
        .addColumn('sponsor', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('manager_id', t.bigint, (c) => c.references('people.id'))
        .addColumn('stage', 'text', (c) => c.notNull())
        .addColumn('rag', 'text', (c) => c.notNull())
        .addColumn('rag_reason', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('start_on', t.date)
        .addColumn('end_on', t.date)
        .addColumn('budget', t.money)
        .addColumn('spend', t.money)
        .addColumn('expected_benefits', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('realised_benefits', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addUniqueConstraint('projects_reference', ['organisation_id', 'reference'])
        .execute();
      // The roadmap reads a council's projects by when they start; the portfolio by objective.
      await db.schema.createIndex('projects_by_start').on('projects').columns(['organisation_id', 'start_on', 'id']).execute();
      await db.schema.createIndex('projects_by_objective').on('projects').columns(['organisation_id', 'objective_id']).execute();
      await db.schema
        .createTable('project_counters')
        .addColumn('organisation_id', t.bigint, (c) => c.primaryKey().references('organisations.id'))
        .addColumn('last_number', 'integer', (c) => c.notNull())
        .execute();
      await withId(db, db.schema.createTable('project_milestones'))
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('project_id', t.bigint, (c) => c.notNull().references('projects.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('due_on', t.date, (c) => c.notNull())
        .addColumn('done_on', t.date)
        .execute();
      await db.schema.createIndex('project_milestones_by_project').on('project_milestones').columns(['organisation_id', 'project_id', 'due_on']).execute();
      await db.schema
        .createTable('project_dependencies')
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('project_id', t.bigint, (c) => c.notNull().references('projects.id'))
        .addColumn('depends_on_id', t.bigint, (c) => c.notNull().references('projects.id'))
        .addPrimaryKeyConstraint('project_dependencies_pk', ['project_id', 'depends_on_id'])
        .execute();
      await db.schema.createIndex('project_dependencies_by_organisation').on('project_dependencies').columns(['organisation_id']).execute();
      await db.schema
        .createTable('project_systems')
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('project_id', t.bigint, (c) => c.notNull().references('projects.id'))
        .addColumn('system_id', t.bigint, (c) => c.notNull().references('systems.id'))
        .addColumn('effect', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('project_systems_pk', ['project_id', 'system_id'])
        .execute();
      await db.schema.createIndex('project_systems_by_system').on('project_systems').columns(['organisation_id', 'system_id']).execute();
      await db.schema
        .createTable('project_links')
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('project_id', t.bigint, (c) => c.notNull().references('projects.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('record_id', t.bigint, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('project_links_pk', ['project_id', 'kind', 'record_id'])
        .execute();
    },
  },
  // Bumped by every change to the strategy or the roadmap: the roadmap's drawing is kept until then.
  '2026-12-04-510-strategy-versions': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      await db.schema
        .createTable('strategy_versions')
        .addColumn('organisation_id', t.bigint, (c) => c.primaryKey().references('organisations.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
    },
  },
  // Sprint reviews recorded against a project: what was shown, what people said, what comes next.
  '2026-12-05-520-project-sprint-reviews': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      await withId(db, db.schema.createTable('project_sprint_reviews'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('project_id', t.bigint, (c) => c.notNull().references('projects.id'))
        .addColumn('held_on', t.date, (c) => c.notNull())
        .addColumn('sprint', 'text', (c) => c.notNull())
        .addColumn('shown', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('feedback', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('next_steps', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('recorded_by', t.bigint, (c) => c.references('people.id'))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('project_sprint_reviews_by_project')
        .on('project_sprint_reviews')
        .columns(['organisation_id', 'project_id', 'held_on'])
        .execute();
    },
  },
};

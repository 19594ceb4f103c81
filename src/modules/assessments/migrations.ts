import { sql, type Kysely, type Migration } from 'kysely';
import { columnTypes, withId } from '../../db/columns.js';
import { dialectOf } from '../../db/database.js';

export const assessmentMigrations: Record<string, Migration> = {
  '2026-12-01-100-frameworks-and-assessments': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      await withId(db, db.schema.createTable('frameworks'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('definition_json', 'text', (c) => c.notNull())
        .addColumn('filename', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('assessable_count', 'integer', (c) => c.notNull())
        .addColumn('indicator_count', 'integer', (c) => c.notNull())
        .addColumn('imported_at', t.timestamp, (c) => c.notNull())
        .addColumn('imported_by', t.bigint, (c) => c.references('people.id'))
        .addUniqueConstraint('frameworks_key_version', ['organisation_id', 'key', 'version'])
        .execute();
      await withId(db, db.schema.createTable('framework_nodes'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('framework_id', t.bigint, (c) => c.notNull().references('frameworks.id'))
        .addColumn('parent_id', t.bigint, (c) => c.references('framework_nodes.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('depth', 'integer', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('assessable', t.bool, (c) => c.notNull())
        .addColumn('rule_json', 'text')
        .addColumn('targets_json', 'text', (c) => c.notNull().defaultTo('{}'))
        .addUniqueConstraint('framework_nodes_position', ['framework_id', 'position'])
        .execute();
      await db.schema.createIndex('framework_nodes_by_code').on('framework_nodes').columns(['framework_id', 'code']).execute();
      await withId(db, db.schema.createTable('framework_indicators'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('framework_id', t.bigint, (c) => c.notNull().references('frameworks.id'))
        .addColumn('node_id', t.bigint, (c) => c.notNull().references('framework_nodes.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('tier', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('reference', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('text', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('framework_indicators_by_node').on('framework_indicators').columns(['framework_id', 'node_id', 'position']).execute();
      await withId(db, db.schema.createTable('assessments'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('framework_id', t.bigint, (c) => c.notNull().references('frameworks.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('scope_description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('profile_key', 'text')
        .addColumn('period_start', t.date, (c) => c.notNull())
        .addColumn('period_end', t.date, (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('assurance', 'text', (c) => c.notNull())
        .addColumn('previous_id', t.bigint, (c) => c.references('assessments.id'))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('created_by', t.bigint, (c) => c.references('people.id'))
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addColumn('approved_at', t.timestamp)
        .addColumn('approved_by', t.bigint, (c) => c.references('people.id'))
        .execute();
      await db.schema.createIndex('assessments_by_period').on('assessments').columns(['organisation_id', 'period_end', 'id']).execute();
      await db.schema
        .createTable('assessment_answers')
        .addColumn('assessment_id', t.bigint, (c) => c.notNull().references('assessments.id'))
        .addColumn('indicator_id', t.bigint, (c) => c.notNull().references('framework_indicators.id'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('holds', t.bool, (c) => c.notNull())
        .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_by', t.bigint, (c) => c.references('people.id'))
        .addPrimaryKeyConstraint('assessment_answers_pk', ['assessment_id', 'indicator_id'])
        .execute();
      await db.schema
        .createTable('assessment_outcomes')
        .addColumn('assessment_id', t.bigint, (c) => c.notNull().references('assessments.id'))
        .addColumn('node_id', t.bigint, (c) => c.notNull().references('framework_nodes.id'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('computed', 'text')
        .addColumn('override', 'text')
        .addColumn('justification', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('evidence', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('assessed_at', t.timestamp, (c) => c.notNull())
        .addColumn('assessed_by', t.bigint, (c) => c.references('people.id'))
        .addPrimaryKeyConstraint('assessment_outcomes_pk', ['assessment_id', 'node_id'])
        .execute();
    },
  },
  '2026-12-01-110-improvement-actions': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      await withId(db, db.schema.createTable('assessment_actions'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('assessment_id', t.bigint, (c) => c.notNull().references('assessments.id'))
        .addColumn('node_id', t.bigint, (c) => c.notNull().references('framework_nodes.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('owner', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('due', t.date)
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('assessment_actions_by_assessment').on('assessment_actions').columns(['assessment_id', 'node_id']).execute();
    },
  },
  '2026-12-02-120-outcome-reviews': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      await db.schema
        .createTable('assessment_reviews')
        .addColumn('assessment_id', t.bigint, (c) => c.notNull().references('assessments.id'))
        .addColumn('node_id', t.bigint, (c) => c.notNull().references('framework_nodes.id'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('decision', 'text', (c) => c.notNull())
        .addColumn('recommendations', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('reviewed_by', t.bigint, (c) => c.references('people.id'))
        .addColumn('reviewed_at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('assessment_reviews_pk', ['assessment_id', 'node_id'])
        .execute();
    },
  },
  '2026-12-03-110-outcome-evidence': {
    async up(db: Kysely<unknown>) {
      const dialect = dialectOf(db);
      const t = columnTypes(dialect);
      // Evidence for an outcome: a file kept in Steward, a link to a document elsewhere, or one of Steward's own records.
      await withId(db, db.schema.createTable('assessment_evidence'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('assessment_id', t.bigint, (c) => c.notNull().references('assessments.id'))
        .addColumn('node_id', t.bigint, (c) => c.notNull().references('framework_nodes.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('record_kind', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('record_id', t.bigint)
        .addColumn('filename', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('content_type', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('size', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('sha256', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('data', dialect === 'postgres' ? sql`bytea` : sql`blob`)
        .addColumn('added_by', t.bigint, (c) => c.references('people.id'))
        .addColumn('added_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('assessment_evidence_by_outcome').on('assessment_evidence').columns(['assessment_id', 'node_id', 'id']).execute();
    },
  },
  '2026-12-03-120-own-profiles': {
    async up(db: Kysely<unknown>) {
      // A council's own profiles change a framework's targets after import: instances reload a framework whose number moved.
      await db.schema
        .alterTable('frameworks')
        .addColumn('profiles_version', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  },
  '2026-12-03-160-outcome-history': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      // Every answer to an outcome as it was given: the status it gave, any override and its reason, by whom and when.
      await withId(db, db.schema.createTable('assessment_outcome_history'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('assessment_id', t.bigint, (c) => c.notNull().references('assessments.id'))
        .addColumn('node_id', t.bigint, (c) => c.notNull().references('framework_nodes.id'))
        .addColumn('computed', 'text')
        .addColumn('override', 'text')
        .addColumn('justification', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('holding', 'integer', (c) => c.notNull())
        .addColumn('of_indicators', 'integer', (c) => c.notNull())
        .addColumn('person_id', t.bigint, (c) => c.references('people.id'))
        .addColumn('at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('assessment_outcome_history_by_outcome')
        .on('assessment_outcome_history')
        .columns(['assessment_id', 'node_id', 'id'])
        .execute();
    },
  },
};

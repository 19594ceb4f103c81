import type { ColumnDefinitionBuilder, Kysely, Migration } from 'kysely';
import { columnTypes, withId } from '../../db/columns.js';
import { dialectOf } from '../../db/database.js';

export const changeMigrations: Record<string, Migration> = {
  '2026-12-06-700-changes-cab-freeze-windows': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      const org = (c: ColumnDefinitionBuilder) => c.notNull().references('organisations.id');
      const text = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo('');
      const zero = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo(0);
      await withId(db, db.schema.createTable('changes'))
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('reference', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', text)
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('risk_impact', 'integer', zero)
        .addColumn('risk_systems', 'integer', zero)
        .addColumn('risk_untested', 'integer', zero)
        .addColumn('risk_backout', 'integer', zero)
        .addColumn('risk_hours', 'integer', zero)
        .addColumn('risk_score', 'integer', zero)
        .addColumn('risk_level', 'text', (c) => c.notNull())
        // ISO-8601 UTC text on both databases, so intervals compare as text like the rules do.
        .addColumn('planned_start', 'text')
        .addColumn('planned_end', 'text')
        .addColumn('implementer_id', t.bigint, (c) => c.references('people.id'))
        .addColumn('backout_plan', 'text', text)
        .addColumn('test_plan', 'text', text)
        .addColumn('communication_plan', 'text', text)
        .addColumn('emergency_reason', 'text', text)
        .addColumn('outcome', 'text')
        .addColumn('outcome_notes', 'text', text)
        .addColumn('cab_round', 'integer', zero)
        .addColumn('created_by', t.bigint, (c) => c.references('people.id'))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addUniqueConstraint('changes_reference', ['organisation_id', 'reference'])
        .execute();
      // The calendar and conflict detection: overlaps by a range on start, the end read from the index.
      await db.schema.createIndex('changes_by_plan').on('changes').columns(['organisation_id', 'planned_start', 'planned_end']).execute();
      await db.schema.createIndex('changes_by_status').on('changes').columns(['organisation_id', 'status', 'id']).execute();
      await db.schema.createIndex('changes_newest').on('changes').columns(['organisation_id', 'id']).execute();
      await db.schema
        .createTable('change_systems')
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('change_id', t.bigint, (c) => c.notNull().references('changes.id'))
        .addColumn('system_id', t.bigint, (c) => c.notNull().references('systems.id'))
        .addPrimaryKeyConstraint('change_systems_pk', ['change_id', 'system_id'])
        .execute();
      await db.schema.createIndex('change_systems_by_system').on('change_systems').columns(['organisation_id', 'system_id', 'change_id']).execute();
      await withId(db, db.schema.createTable('change_freeze_windows'))
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', text)
        .addColumn('starts_at', 'text', (c) => c.notNull())
        .addColumn('ends_at', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('change_freeze_windows_by_start').on('change_freeze_windows').columns(['organisation_id', 'starts_at']).execute();
      await withId(db, db.schema.createTable('cab_members'))
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('person_id', t.bigint, (c) => c.notNull().references('people.id'))
        .addColumn('role', 'text', text)
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addUniqueConstraint('cab_members_person', ['organisation_id', 'person_id'])
        .execute();
      await db.schema
        .createTable('change_settings')
        .addColumn('organisation_id', t.bigint, (c) => c.primaryKey().references('organisations.id'))
        .addColumn('cab_quorum', 'integer', (c) => c.notNull())
        .addColumn('ecab_quorum', 'integer', (c) => c.notNull())
        .execute();
      await withId(db, db.schema.createTable('change_votes'))
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('change_id', t.bigint, (c) => c.notNull().references('changes.id'))
        .addColumn('cab_round', 'integer', (c) => c.notNull())
        .addColumn('member_id', t.bigint, (c) => c.notNull().references('cab_members.id'))
        .addColumn('decision', 'text', (c) => c.notNull())
        .addColumn('conditions', 'text', text)
        .addColumn('at', t.timestamp, (c) => c.notNull())
        .addUniqueConstraint('change_votes_once', ['change_id', 'cab_round', 'member_id'])
        .execute();
      await withId(db, db.schema.createTable('change_approvals'))
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('change_id', t.bigint, (c) => c.notNull().references('changes.id'))
        .addColumn('cab_round', 'integer', (c) => c.notNull())
        .addColumn('approver', 'text', (c) => c.notNull())
        .addColumn('decision', 'text', (c) => c.notNull())
        .addColumn('conditions', 'text', text)
        .addColumn('person_id', t.bigint, (c) => c.references('people.id'))
        .addColumn('at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('change_approvals_by_change').on('change_approvals').columns(['organisation_id', 'change_id']).execute();
      await db.schema
        .createTable('change_counters')
        .addColumn('organisation_id', t.bigint, (c) => c.primaryKey().references('organisations.id'))
        .addColumn('changes', 'integer', (c) => c.notNull())
        .execute();
    },
  },
  '2026-12-06-701-change-versions': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      await db.schema
        .createTable('change_versions')
        .addColumn('organisation_id', t.bigint, (c) => c.primaryKey().references('organisations.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
    },
  },
  '2026-12-06-702-change-maintenance-windows': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      await withId(db, db.schema.createTable('change_maintenance_windows'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('weekday', 'integer', (c) => c.notNull())
        .addColumn('starts', 'text', (c) => c.notNull())
        .addColumn('ends', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('change_maintenance_windows_by_org').on('change_maintenance_windows').columns(['organisation_id', 'weekday']).execute();
    },
  },
};

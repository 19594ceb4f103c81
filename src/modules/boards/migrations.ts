import { sql, type ColumnDefinitionBuilder, type Kysely, type Migration } from 'kysely';
import { columnTypes, withId } from '../../db/columns.js';
import { dialectOf } from '../../db/database.js';

export const boardMigrations: Record<string, Migration> = {
  '2026-12-05-600-boards-meetings-decisions-actions': {
    async up(db: Kysely<unknown>) {
      const dialect = dialectOf(db);
      const t = columnTypes(dialect);
      const org = (c: ColumnDefinitionBuilder) => c.notNull().references('organisations.id');
      await withId(db, db.schema.createTable('boards'))
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('meets', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addUniqueConstraint('boards_name', ['organisation_id', 'name'])
        .execute();
      await withId(db, db.schema.createTable('board_members'))
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('board_id', t.bigint, (c) => c.notNull().references('boards.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('represents', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('person_id', t.bigint, (c) => c.references('people.id'))
        .addColumn('left_on', t.date)
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('board_members_by_board').on('board_members').columns(['organisation_id', 'board_id']).execute();
      await db.schema.createIndex('board_members_by_person').on('board_members').columns(['organisation_id', 'person_id']).execute();
      await withId(db, db.schema.createTable('board_meetings'))
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('board_id', t.bigint, (c) => c.notNull().references('boards.id'))
        .addColumn('held_on', t.date, (c) => c.notNull())
        .addColumn('starts_at', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('minutes', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('minutes_signed_off_on', t.date)
        .addColumn('minutes_signed_off_by', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('board_meetings_by_day').on('board_meetings').columns(['organisation_id', 'held_on', 'id']).execute();
      await db.schema.createIndex('board_meetings_by_board').on('board_meetings').columns(['organisation_id', 'board_id', 'held_on']).execute();
      await withId(db, db.schema.createTable('board_agenda_items'))
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('meeting_id', t.bigint, (c) => c.notNull().references('board_meetings.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('presenter', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('board_agenda_items_by_meeting').on('board_agenda_items').columns(['organisation_id', 'meeting_id', 'position']).execute();
      await withId(db, db.schema.createTable('board_papers'))
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('meeting_id', t.bigint, (c) => c.notNull().references('board_meetings.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('filename', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('data', dialect === 'postgres' ? sql`bytea` : sql`blob`, (c) => c.notNull())
        .addColumn('added_by', t.bigint, (c) => c.references('people.id'))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('board_papers_by_meeting').on('board_papers').columns(['organisation_id', 'meeting_id']).execute();
      await db.schema
        .createTable('board_attendance')
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('meeting_id', t.bigint, (c) => c.notNull().references('board_meetings.id'))
        .addColumn('member_id', t.bigint, (c) => c.notNull().references('board_members.id'))
        .addColumn('attendance', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('board_attendance_pk', ['meeting_id', 'member_id'])
        .execute();
      await withId(db, db.schema.createTable('board_decisions'))
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('board_id', t.bigint, (c) => c.notNull().references('boards.id'))
        .addColumn('meeting_id', t.bigint, (c) => c.references('board_meetings.id'))
        .addColumn('reference', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('options', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('rationale', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('decided_by', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('decided_on', t.date, (c) => c.notNull())
        .addColumn('public', t.bool, (c) => c.notNull().defaultTo(t.no))
        .addColumn('recorded_by', t.bigint, (c) => c.references('people.id'))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addUniqueConstraint('board_decisions_reference', ['organisation_id', 'reference'])
        .execute();
      // The decision log reads newest first, for a council or one board.
      await db.schema.createIndex('board_decisions_by_day').on('board_decisions').columns(['organisation_id', 'decided_on', 'id']).execute();
      await db.schema.createIndex('board_decisions_by_meeting').on('board_decisions').columns(['organisation_id', 'meeting_id']).execute();
      await db.schema
        .createTable('board_decision_links')
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('decision_id', t.bigint, (c) => c.notNull().references('board_decisions.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('record_id', t.bigint, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('board_decision_links_pk', ['decision_id', 'kind', 'record_id'])
        .execute();
      await db.schema.createIndex('board_decision_links_by_record').on('board_decision_links').columns(['organisation_id', 'kind', 'record_id']).execute();
      await withId(db, db.schema.createTable('board_actions'))
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('board_id', t.bigint, (c) => c.notNull().references('boards.id'))
        .addColumn('meeting_id', t.bigint, (c) => c.references('board_meetings.id'))
        .addColumn('decision_id', t.bigint, (c) => c.references('board_decisions.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('owner_person_id', t.bigint, (c) => c.references('people.id'))
        .addColumn('owner_name', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('due_on', t.date, (c) => c.notNull())
        .addColumn('done_on', t.date)
        .addColumn('done_note', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      // Open actions by when they are due: the overdue list and the reminders read this.
      await db.schema.createIndex('board_actions_by_due').on('board_actions').columns(['organisation_id', 'done_on', 'due_on', 'id']).execute();
      await db.schema
        .createTable('board_action_reminders')
        .addColumn('action_id', t.bigint, (c) => c.notNull().references('board_actions.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('board_action_reminders_pk', ['action_id', 'kind', 'key'])
        .execute();
      await db.schema
        .createTable('board_counters')
        .addColumn('organisation_id', t.bigint, (c) => c.primaryKey().references('organisations.id'))
        .addColumn('decisions', 'integer', (c) => c.notNull())
        .execute();
    },
  },
};

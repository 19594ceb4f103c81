import type { ColumnDefinitionBuilder, Kysely, Migration } from 'kysely';
import { columnTypes, withId } from '../../db/columns.js';
import { dialectOf } from '../../db/database.js';

export const stakeholderMigrations: Record<string, Migration> = {
  '2026-12-07-800-stakeholders-engagements-communications-plan': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      const org = (c: ColumnDefinitionBuilder) => c.notNull().references('organisations.id');
      await withId(db, db.schema.createTable('stakeholders'))
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('influence', 'integer', (c) => c.notNull())
        .addColumn('interest', 'integer', (c) => c.notNull())
        .addColumn('owner_person_id', t.bigint, (c) => c.references('people.id'))
        .addColumn('person_id', t.bigint, (c) => c.references('people.id'))
        .addColumn('view', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('sentiment', 'text', (c) => c.notNull().defaultTo('unknown'))
        .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('stakeholders_by_name').on('stakeholders').columns(['organisation_id', 'name', 'id']).execute();
      await db.schema.createIndex('stakeholders_by_person').on('stakeholders').columns(['organisation_id', 'person_id']).execute();
      await db.schema.createIndex('stakeholders_by_owner').on('stakeholders').columns(['organisation_id', 'owner_person_id']).execute();

      await withId(db, db.schema.createTable('engagements'))
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('held_on', t.date, (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('heard', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('feedback', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('from_name', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('from_person_id', t.bigint, (c) => c.references('people.id'))
        .addColumn('source_href', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('reply', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('replied_on', t.date)
        .addColumn('replied_by', t.bigint, (c) => c.references('people.id'))
        .addColumn('recorded_by', t.bigint, (c) => c.references('people.id'))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('engagements_by_day').on('engagements').columns(['organisation_id', 'held_on', 'id']).execute();
      // "Feedback with no reply": the feedback of an organisation not yet replied to, oldest first.
      await db.schema.createIndex('engagements_awaiting_reply').on('engagements').columns(['organisation_id', 'feedback', 'replied_on', 'held_on']).execute();

      await db.schema
        .createTable('engagement_stakeholders')
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('engagement_id', t.bigint, (c) => c.notNull().references('engagements.id'))
        .addColumn('stakeholder_id', t.bigint, (c) => c.notNull().references('stakeholders.id'))
        .addPrimaryKeyConstraint('engagement_stakeholders_pk', ['engagement_id', 'stakeholder_id'])
        .execute();
      // A stakeholder's engagements, and the last of them ("not met in 90 days").
      await db.schema
        .createIndex('engagement_stakeholders_by_stakeholder')
        .on('engagement_stakeholders')
        .columns(['organisation_id', 'stakeholder_id'])
        .execute();

      await withId(db, db.schema.createTable('engagement_follow_ups'))
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('engagement_id', t.bigint, (c) => c.notNull().references('engagements.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('owner_person_id', t.bigint, (c) => c.references('people.id'))
        .addColumn('due_on', t.date)
        .addColumn('done_on', t.date)
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('engagement_follow_ups_by_engagement').on('engagement_follow_ups').columns(['organisation_id', 'engagement_id']).execute();
      await db.schema.createIndex('engagement_follow_ups_open').on('engagement_follow_ups').columns(['organisation_id', 'done_on', 'due_on']).execute();

      await withId(db, db.schema.createTable('comms_plan_messages'))
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('audience', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('owner_person_id', t.bigint, (c) => c.references('people.id'))
        .addColumn('frequency', 'text', (c) => c.notNull())
        .addColumn('starts_on', t.date, (c) => c.notNull())
        .addColumn('ends_on', t.date)
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('comms_plan_messages_by_start').on('comms_plan_messages').columns(['organisation_id', 'starts_on', 'id']).execute();

      await withId(db, db.schema.createTable('comms_plan_sends'))
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('communication_id', t.bigint, (c) => c.notNull().references('comms_plan_messages.id'))
        .addColumn('sent_on', t.date, (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('reach', 'integer')
        .addColumn('recorded_by', t.bigint, (c) => c.references('people.id'))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('comms_plan_sends_by_message').on('comms_plan_sends').columns(['organisation_id', 'communication_id', 'sent_on']).execute();
      await db.schema.createIndex('comms_plan_sends_by_day').on('comms_plan_sends').columns(['organisation_id', 'sent_on']).execute();

      await withId(db, db.schema.createTable('comms_plan_feedback'))
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('communication_id', t.bigint, (c) => c.notNull().references('comms_plan_messages.id'))
        .addColumn('send_id', t.bigint, (c) => c.references('comms_plan_sends.id'))
        .addColumn('received_on', t.date, (c) => c.notNull())
        .addColumn('from_name', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('recorded_by', t.bigint, (c) => c.references('people.id'))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('comms_plan_feedback_by_message')
        .on('comms_plan_feedback')
        .columns(['organisation_id', 'communication_id', 'received_on'])
        .execute();
    },
  },
};

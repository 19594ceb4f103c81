import { sql, type ColumnDefinitionBuilder, type Kysely, type Migration } from 'kysely';
import { columnTypes, withId } from '../../db/columns.js';
import { dialectOf } from '../../db/database.js';

export const communicationsMigrations: Record<string, Migration> = {
  '2026-12-07-900-public-pages-status-posts': {
    async up(db: Kysely<unknown>) {
      const dialect = dialectOf(db);
      const t = columnTypes(dialect);
      const org = (c: ColumnDefinitionBuilder) => c.notNull().references('organisations.id');
      const text = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo('');
      await db.schema
        .createTable('public_pages')
        .addColumn('organisation_id', t.bigint, (c) => c.primaryKey().references('organisations.id'))
        .addColumn('short_name', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_cy', 'text', text)
        .addColumn('about', 'text', text)
        .addColumn('about_cy', 'text', text)
        .addColumn('colour', 'text', (c) => c.notNull().defaultTo('#1d70b8'))
        .addColumn('logo', dialect === 'postgres' ? sql`bytea` : sql`blob`)
        .addColumn('logo_type', 'text')
        .addColumn('welsh', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      await withId(db, db.schema.createTable('status_components'))
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_cy', 'text', text)
        .addColumn('description', 'text', text)
        .addColumn('description_cy', 'text', text)
        .addColumn('group_name', 'text', text)
        .addColumn('group_name_cy', 'text', text)
        .addColumn('service_id', t.bigint, (c) => c.references('services.id'))
        .addColumn('system_id', t.bigint, (c) => c.references('systems.id'))
        .addColumn('public', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addUniqueConstraint('status_components_name', ['organisation_id', 'name'])
        .execute();
      await withId(db, db.schema.createTable('status_incidents'))
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('title_cy', 'text', text)
        .addColumn('impact', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('public', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('major_incident_id', t.bigint, (c) => c.references('major_incidents.id').unique())
        .addColumn('started_at', t.timestamp, (c) => c.notNull())
        .addColumn('resolved_at', t.timestamp)
        .addColumn('created_by', t.bigint, (c) => c.references('people.id'))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('status_incidents_by_start').on('status_incidents').columns(['organisation_id', 'started_at']).execute();
      await db.schema
        .createTable('status_incident_components')
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('incident_id', t.bigint, (c) => c.notNull().references('status_incidents.id'))
        .addColumn('component_id', t.bigint, (c) => c.notNull().references('status_components.id'))
        .addPrimaryKeyConstraint('status_incident_components_pk', ['incident_id', 'component_id'])
        .execute();
      await withId(db, db.schema.createTable('status_updates'))
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('incident_id', t.bigint, (c) => c.notNull().references('status_incidents.id'))
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('body_cy', 'text', text)
        .addColumn('internal_note', 'text', text)
        .addColumn('at', t.timestamp, (c) => c.notNull())
        .addColumn('by_person', t.bigint, (c) => c.references('people.id'))
        .execute();
      await db.schema.createIndex('status_updates_by_incident').on('status_updates').columns(['incident_id', 'at']).execute();
      await withId(db, db.schema.createTable('status_maintenance'))
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('title_cy', 'text', text)
        .addColumn('body', 'text', text)
        .addColumn('body_cy', 'text', text)
        .addColumn('starts_at', t.timestamp, (c) => c.notNull())
        .addColumn('ends_at', t.timestamp, (c) => c.notNull())
        .addColumn('public', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('cancelled_at', t.timestamp)
        .addColumn('created_by', t.bigint, (c) => c.references('people.id'))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('status_maintenance_by_window').on('status_maintenance').columns(['organisation_id', 'ends_at']).execute();
      await db.schema
        .createTable('status_maintenance_components')
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('maintenance_id', t.bigint, (c) => c.notNull().references('status_maintenance.id'))
        .addColumn('component_id', t.bigint, (c) => c.notNull().references('status_components.id'))
        .addPrimaryKeyConstraint('status_maintenance_components_pk', ['maintenance_id', 'component_id'])
        .execute();
      await withId(db, db.schema.createTable('status_subscribers'))
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('lang', 'text', (c) => c.notNull())
        .addColumn('all_components', 'integer', (c) => c.notNull())
        .addColumn('confirm_hash', 'text', (c) => c.unique())
        .addColumn('unsubscribe_token', 'text', (c) => c.unique())
        .addColumn('confirmed_at', t.timestamp)
        .addColumn('unsubscribed_at', t.timestamp)
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('status_subscribers_by_email').on('status_subscribers').columns(['organisation_id', 'email']).execute();
      await db.schema
        .createTable('status_subscriber_components')
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('subscriber_id', t.bigint, (c) => c.notNull().references('status_subscribers.id'))
        .addColumn('component_id', t.bigint, (c) => c.notNull().references('status_components.id'))
        .addPrimaryKeyConstraint('status_subscriber_components_pk', ['subscriber_id', 'component_id'])
        .execute();
      await withId(db, db.schema.createTable('posts'))
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('title_cy', 'text', text)
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('body_cy', 'text', text)
        .addColumn('audience', 'text', (c) => c.notNull())
        .addColumn('service_area_id', t.bigint, (c) => c.references('service_areas.id'))
        .addColumn('public', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('publish_at', t.timestamp)
        .addColumn('author_id', t.bigint, (c) => c.references('people.id'))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('posts_by_publishing').on('posts').columns(['organisation_id', 'publish_at']).execute();
      await db.schema
        .createTable('progress_items')
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('record_id', t.bigint, (c) => c.notNull())
        .addColumn('title_cy', 'text', text)
        .addColumn('summary_cy', 'text', text)
        .addColumn('added_at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('progress_items_pk', ['organisation_id', 'kind', 'record_id'])
        .execute();
    },
  },
};

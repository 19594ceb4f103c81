import { sql, type Kysely, type Migration } from 'kysely';
import { columnTypes, withId } from '../db/columns.js';
import { dialectOf } from '../db/database.js';

export const platformMigrations: Record<string, Migration> = {
  '2026-11-25-000-platform': {
    async up(db: Kysely<unknown>) {
      const dialect = dialectOf(db);
      const t = columnTypes(dialect);

      await withId(db, db.schema.createTable('organisations'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('is_demo', t.bool, (c) => c.notNull().defaultTo(t.no))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();

      await withId(db, db.schema.createTable('people'))
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text')
        .addColumn('password_changed_at', t.timestamp)
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();

      await withId(db, db.schema.createTable('memberships'))
        .addColumn('person_id', t.bigint, (c) => c.notNull().references('people.id'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('active', t.bool, (c) => c.notNull().defaultTo(t.yes))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addUniqueConstraint('memberships_person_organisation', ['person_id', 'organisation_id'])
        .execute();
      await db.schema.createIndex('memberships_by_organisation').on('memberships').columns(['organisation_id', 'role']).execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('person_id', t.bigint, (c) => c.notNull().references('people.id'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('last_seen_at', t.timestamp, (c) => c.notNull())
        .addColumn('expires_at', t.timestamp, (c) => c.notNull())
        .addColumn('ip', 'text')
        .addColumn('user_agent', 'text')
        .execute();
      await db.schema.createIndex('sessions_by_person').on('sessions').column('person_id').execute();
      await db.schema.createIndex('sessions_by_expiry').on('sessions').column('expires_at').execute();

      await withId(db, db.schema.createTable('sign_in_failures'))
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sign_in_failures_by_key').on('sign_in_failures').columns(['key', 'at']).execute();

      await withId(db, db.schema.createTable('api_tokens'))
        .addColumn('person_id', t.bigint, (c) => c.notNull().references('people.id'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('hint', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('last_used_at', t.timestamp)
        .addColumn('revoked_at', t.timestamp)
        .execute();
      await db.schema.createIndex('api_tokens_by_person').on('api_tokens').column('person_id').execute();

      await withId(db, db.schema.createTable('audit_events'))
        .addColumn('organisation_id', t.bigint, (c) => c.references('organisations.id'))
        .addColumn('actor_person_id', t.bigint, (c) => c.references('people.id'))
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('entity_type', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('before_json', t.json)
        .addColumn('after_json', t.json)
        .addColumn('at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_events_by_organisation').on('audit_events').columns(['organisation_id', 'id']).execute();
      await db.schema.createIndex('audit_events_by_entity').on('audit_events').columns(['organisation_id', 'entity_type', 'entity_id']).execute();

      // The audit log is append-only in the database itself, not only by convention in the code.
      if (dialect === 'postgres') {
        await sql`create function audit_events_append_only() returns trigger language plpgsql as $$
          begin raise exception 'audit events are append-only'; end $$`.execute(db);
        await sql`create trigger audit_events_no_change before update or delete on audit_events
          for each row execute function audit_events_append_only()`.execute(db);
      } else {
        await sql`create trigger audit_events_no_update before update on audit_events
          begin select raise(abort, 'audit events are append-only'); end`.execute(db);
        await sql`create trigger audit_events_no_delete before delete on audit_events
          begin select raise(abort, 'audit events are append-only'); end`.execute(db);
      }

      await db.schema
        .createTable('installation_settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '2026-11-25-010-outbox-and-jobs': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      // Mail is written here in the same transaction as the change it reports, and sent by a worker.
      await withId(db, db.schema.createTable('outbox'))
        .addColumn('organisation_id', t.bigint, (c) => c.references('organisations.id'))
        .addColumn('to_email', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', t.timestamp, (c) => c.notNull())
        .addColumn('claimed_until', t.timestamp)
        .addColumn('sent_at', t.timestamp)
        .addColumn('failed_at', t.timestamp)
        .addColumn('last_error', 'text')
        .execute();
      await db.schema.createIndex('outbox_due').on('outbox').columns(['sent_at', 'failed_at', 'next_attempt_at']).execute();
      await db.schema.createIndex('outbox_by_organisation').on('outbox').columns(['organisation_id', 'id']).execute();
      await db.schema
        .createTable('notification_preferences')
        .addColumn('person_id', t.bigint, (c) => c.notNull().references('people.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('email', t.bool, (c) => c.notNull())
        .addPrimaryKeyConstraint('notification_preferences_pk', ['person_id', 'kind'])
        .execute();
      // One row per scheduled job and time slot: whichever instance inserts it runs the job.
      await db.schema
        .createTable('job_runs')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('slot', t.bigint, (c) => c.notNull())
        .addColumn('started_at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('job_runs_pk', ['name', 'slot'])
        .execute();
    },
  },
  // Recorded under this name when the estate owned imports; the name is what has run, so it stays.
  '2026-11-25-402-imports': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      // An upload waits here between preview and confirmation; nothing reaches the register until then.
      await withId(db, db.schema.createTable('imports'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('person_id', t.bigint, (c) => c.notNull().references('people.id'))
        .addColumn('filename', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('headers_json', t.json, (c) => c.notNull())
        .addColumn('rows_json', t.json, (c) => c.notNull())
        .addColumn('mapping_json', t.json)
        .addColumn('result_json', t.json)
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('import_mappings')
        .addColumn('organisation_id', t.bigint, (c) => c.primaryKey().references('organisations.id'))
        .addColumn('mapping_json', t.json, (c) => c.notNull())
        .execute();
    },
  },
  '2026-12-01-020-checked-import-rows': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      // Each row of an import as read and checked, kept until the mapping or meanings change.
      await db.schema
        .createTable('import_rows')
        .addColumn('import_id', t.bigint, (c) => c.notNull().references('imports.id'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('line', 'integer', (c) => c.notNull())
        .addColumn('good', t.bool, (c) => c.notNull())
        .addColumn('values_json', t.json)
        .addColumn('shown_json', t.json, (c) => c.notNull())
        .addColumn('notes_json', t.json, (c) => c.notNull())
        .addColumn('errors_json', t.json, (c) => c.notNull())
        .addPrimaryKeyConstraint('import_rows_pk', ['import_id', 'line'])
        .execute();
      await db.schema.createIndex('import_rows_by_outcome').on('import_rows').columns(['import_id', 'good', 'line']).execute();
      await db.schema.alterTable('imports').addColumn('checked_json', t.json).execute();
    },
  },
  '2026-12-01-030-import-heading-row': {
    async up(db: Kysely<unknown>) {
      // Headings are looked for below a title or notes; row numbers in reports count from the file's first line.
      await db.schema
        .alterTable('imports')
        .addColumn('heading_row', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
    },
  },
  '2026-12-01-040-data-quality-notes': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      await db.schema.alterTable('import_rows').addColumn('kept_json', t.json).execute();
      await db.schema
        .alterTable('imports')
        .addColumn('strict', t.bool, (c) => c.notNull().defaultTo(t.no))
        .execute();
      await withId(db, db.schema.createTable('data_quality_notes'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('entity_type', 'text', (c) => c.notNull())
        .addColumn('entity_id', t.bigint, (c) => c.notNull())
        .addColumn('record_name', 'text', (c) => c.notNull())
        .addColumn('record_href', 'text', (c) => c.notNull())
        .addColumn('import_id', t.bigint, (c) => c.references('imports.id'))
        .addColumn('import_kind', 'text', (c) => c.notNull())
        .addColumn('field', 'text', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('as_written', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('resolved_at', t.timestamp)
        .addColumn('resolved_by', t.bigint, (c) => c.references('people.id'))
        .addColumn('resolution', 'text')
        .execute();
      await db.schema.createIndex('data_quality_notes_open').on('data_quality_notes').columns(['organisation_id', 'kind', 'resolved_at', 'id']).execute();
      await db.schema.createIndex('data_quality_notes_of_record').on('data_quality_notes').columns(['entity_type', 'entity_id', 'field']).execute();
    },
  },
  '2026-12-01-050-import-defaults': {
    async up(db: Kysely<unknown>) {
      // What rows that do not say are taken to be, per choice field: a first import fills the map.
      await db.schema
        .alterTable('imports')
        .addColumn('defaults_json', columnTypes(dialectOf(db)).json)
        .execute();
    },
  },
  '2026-12-01-060-service-areas': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      await withId(db, db.schema.createTable('service_areas'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('directorate_id', t.bigint, (c) => c.references('service_areas.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addUniqueConstraint('service_areas_name', ['organisation_id', 'name'])
        .execute();
    },
  },
  '2026-12-01-070-import-matches': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('imports')
        .addColumn('matches_json', columnTypes(dialectOf(db)).json)
        .execute();
    },
  },
  '2026-12-02-080-import-files': {
    async up(db: Kysely<unknown>) {
      // A file's cells in a table of their own: changing an import's status or meanings no longer rewrites 40 MB of cells.
      const t = columnTypes(dialectOf(db));
      await db.schema
        .createTable('import_files')
        .addColumn('import_id', t.bigint, (c) => c.primaryKey().references('imports.id'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('rows_json', 'text', (c) => c.notNull())
        .execute();
      await sql`insert into import_files (import_id, organisation_id, rows_json) select id, organisation_id, rows_json from imports`.execute(db);
      await db.schema.alterTable('imports').dropColumn('rows_json').execute();
    },
  },
  '2026-12-03-090-data-quality-versions': {
    async up(db: Kysely<unknown>) {
      // Moves with every note added or resolved, so each instance works Needs attention's counts out again.
      const t = columnTypes(dialectOf(db));
      await db.schema
        .createTable('data_quality_versions')
        .addColumn('organisation_id', t.bigint, (c) => c.primaryKey().references('organisations.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
    },
  },
  '2026-12-09-100-outbox-threads': {
    async up(db: Kysely<unknown>) {
      // What a mail is about, written into its Message-ID so a reply by email threads by its headers.
      await db.schema.alterTable('outbox').addColumn('thread', 'text').execute();
    },
  },
};

import type { ColumnDefinitionBuilder, Kysely, Migration } from 'kysely';
import { columnTypes, withId } from '../../db/columns.js';
import { dialectOf } from '../../db/database.js';

export const problemMigrations: Record<string, Migration> = {
  '2026-12-06-700-problems-known-errors-proposals': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      const org = (c: ColumnDefinitionBuilder) => c.notNull().references('organisations.id');
      await withId(db, db.schema.createTable('problems'))
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('reference', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('priority', 'text', (c) => c.notNull())
        .addColumn('service_id', t.bigint, (c) => c.references('services.id'))
        .addColumn('system_id', t.bigint, (c) => c.references('systems.id'))
        .addColumn('owner_id', t.bigint, (c) => c.references('people.id'))
        .addColumn('team_id', t.bigint, (c) => c.references('teams.id'))
        .addColumn('root_cause', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('workaround', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('fix', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('article_id', t.bigint, (c) => c.references('articles.id'))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addColumn('resolved_at', t.timestamp)
        .addUniqueConstraint('problems_number', ['organisation_id', 'number'])
        .addUniqueConstraint('problems_reference', ['organisation_id', 'reference'])
        .execute();
      // The list reads newest first, for the council or one status, priority or service.
      await db.schema.createIndex('problems_by_status').on('problems').columns(['organisation_id', 'status', 'id']).execute();
      await db.schema.createIndex('problems_by_priority').on('problems').columns(['organisation_id', 'priority', 'id']).execute();
      await db.schema.createIndex('problems_by_service').on('problems').columns(['organisation_id', 'service_id', 'id']).execute();
      await db.schema
        .createTable('problem_incidents')
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('problem_id', t.bigint, (c) => c.notNull().references('problems.id'))
        .addColumn('ticket_id', t.bigint, (c) => c.notNull().references('tickets.id'))
        .addColumn('linked_by', t.bigint, (c) => c.references('people.id'))
        .addColumn('linked_at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('problem_incidents_pk', ['problem_id', 'ticket_id'])
        .execute();
      await db.schema.createIndex('problem_incidents_by_ticket').on('problem_incidents').columns(['organisation_id', 'ticket_id']).execute();
      // A cluster of incidents Steward proposed a problem for, and what became of it: a dismissed one is not proposed again.
      await withId(db, db.schema.createTable('problem_proposals'))
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('service_id', t.bigint, (c) => c.references('services.id'))
        .addColumn('system_id', t.bigint, (c) => c.references('systems.id'))
        .addColumn('incident_ids', 'text', (c) => c.notNull())
        .addColumn('first_at', t.timestamp, (c) => c.notNull())
        .addColumn('last_at', t.timestamp, (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('problem_id', t.bigint, (c) => c.references('problems.id'))
        .addColumn('decided_by', t.bigint, (c) => c.references('people.id'))
        .addColumn('decided_at', t.timestamp)
        .addColumn('proposed_at', t.timestamp, (c) => c.notNull())
        .addUniqueConstraint('problem_proposals_key', ['organisation_id', 'key'])
        .execute();
      await db.schema.createIndex('problem_proposals_by_state').on('problem_proposals').columns(['organisation_id', 'state', 'id']).execute();
      await db.schema
        .createTable('problem_counters')
        .addColumn('organisation_id', t.bigint, (c) => c.primaryKey().references('organisations.id'))
        .addColumn('problems', 'integer', (c) => c.notNull())
        .execute();
    },
  },
  '2026-12-06-701-problems-by-resolved': {
    async up(db: Kysely<unknown>) {
      // Problems resolved each month, for the measure.
      await db.schema.createIndex('problems_by_resolved').on('problems').columns(['organisation_id', 'resolved_at']).execute();
    },
  },
};

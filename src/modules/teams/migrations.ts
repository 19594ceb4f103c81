import type { Kysely, Migration } from 'kysely';
import { columnTypes, withId } from '../../db/columns.js';
import { dialectOf } from '../../db/database.js';

export const teamMigrations: Record<string, Migration> = {
  '2026-11-25-100-teams': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      await withId(db, db.schema.createTable('teams'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addUniqueConstraint('teams_name_per_organisation', ['organisation_id', 'name'])
        .execute();
      await db.schema
        .createTable('team_members')
        .addColumn('team_id', t.bigint, (c) => c.notNull().references('teams.id'))
        .addColumn('person_id', t.bigint, (c) => c.notNull().references('people.id'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addPrimaryKeyConstraint('team_members_pk', ['team_id', 'person_id'])
        .execute();
      await db.schema.createIndex('team_members_by_person').on('team_members').columns(['person_id', 'team_id']).execute();
    },
  },
  // Teams of the department are organised around an architecture layer or a function, with a lead.
  '2026-12-03-050-teams-focus-and-lead': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      await db.schema
        .alterTable('teams')
        .addColumn('focus', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      await db.schema.alterTable('teams').addColumn('lead_staff_id', t.bigint).execute();
    },
  },
};

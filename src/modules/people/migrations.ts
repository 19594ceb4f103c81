import type { Kysely, Migration } from 'kysely';
import { columnTypes, withId } from '../../db/columns.js';
import { dialectOf } from '../../db/database.js';

export const peopleMigrations: Record<string, Migration> = {
  '2026-12-03-100-people-and-skills': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      await withId(db, db.schema.createTable('capability_roles'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('family', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_key', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('role_type', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('withdrawn_on', t.date)
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addUniqueConstraint('capability_roles_name', ['organisation_id', 'name_key'])
        .execute();
      await withId(db, db.schema.createTable('capability_role_levels'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('role_id', t.bigint, (c) => c.notNull().references('capability_roles.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_key', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('withdrawn_on', t.date)
        .addUniqueConstraint('capability_role_levels_name', ['organisation_id', 'role_id', 'name_key'])
        .execute();
      await withId(db, db.schema.createTable('capability_skills'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_key', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('awareness', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('working', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('practitioner', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('expert', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('roles_text', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('withdrawn_on', t.date)
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addUniqueConstraint('capability_skills_name', ['organisation_id', 'name_key'])
        .execute();
      await db.schema
        .createTable('capability_requirements')
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('role_level_id', t.bigint, (c) => c.notNull().references('capability_role_levels.id'))
        .addColumn('skill_id', t.bigint, (c) => c.notNull().references('capability_skills.id'))
        .addColumn('level', 'integer', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addPrimaryKeyConstraint('capability_requirements_pk', ['role_level_id', 'skill_id'])
        .execute();
      await db.schema
        .createIndex('capability_requirements_by_organisation')
        .on('capability_requirements')
        .columns(['organisation_id', 'role_level_id', 'skill_id', 'level'])
        .execute();
      await withId(db, db.schema.createTable('capability_versions'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('filename', 'text', (c) => c.notNull())
        .addColumn('imported_at', t.timestamp, (c) => c.notNull())
        .addColumn('changes_json', t.json, (c) => c.notNull())
        .execute();

      await withId(db, db.schema.createTable('staff'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('person_id', t.bigint, (c) => c.references('people.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('job_title', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('grade', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('team_id', t.bigint, (c) => c.references('teams.id'))
        .addColumn('line_manager_id', t.bigint, (c) => c.references('staff.id'))
        .addColumn('contract', 'text', (c) => c.notNull())
        .addColumn('start_date', t.date)
        .addColumn('end_date', t.date)
        .addColumn('day_rate', t.money)
        .addColumn('annual_cost', t.money)
        .addColumn('programme', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('provider', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('location', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('working_pattern', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('role_level_id', t.bigint, (c) => c.references('capability_role_levels.id'))
        .addColumn('left_on', t.date)
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('staff_by_name').on('staff').columns(['organisation_id', 'name', 'id']).execute();
      await db.schema.createIndex('staff_by_team').on('staff').columns(['organisation_id', 'team_id']).execute();
      await db.schema.createIndex('staff_by_manager').on('staff').columns(['organisation_id', 'line_manager_id']).execute();
      // One record per email in an organisation: an HR import and a Steward user find the same person.
      await db.schema.createIndex('staff_email').on('staff').columns(['organisation_id', 'email']).unique().where('email', '<>', '').execute();
      await db.schema.createIndex('staff_person').on('staff').columns(['organisation_id', 'person_id']).unique().where('person_id', 'is not', null).execute();

      await withId(db, db.schema.createTable('vacancies'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('grade', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('team_id', t.bigint, (c) => c.references('teams.id'))
        .addColumn('reports_to_id', t.bigint, (c) => c.references('staff.id'))
        .addColumn('role_level_id', t.bigint, (c) => c.references('capability_role_levels.id'))
        .addColumn('open_since', t.date, (c) => c.notNull())
        .addColumn('times_advertised', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('cover_staff_id', t.bigint, (c) => c.references('staff.id'))
        .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('filled_on', t.date)
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('vacancies_by_organisation').on('vacancies').columns(['organisation_id', 'open_since']).execute();

      await withId(db, db.schema.createTable('job_title_levels'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('job_title', 'text', (c) => c.notNull())
        .addColumn('job_title_key', 'text', (c) => c.notNull())
        .addColumn('grade', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('role_level_id', t.bigint, (c) => c.notNull().references('capability_role_levels.id'))
        .addUniqueConstraint('job_title_levels_once', ['organisation_id', 'job_title_key', 'grade'])
        .execute();

      await db.schema
        .createTable('staff_skills')
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('staff_id', t.bigint, (c) => c.notNull().references('staff.id'))
        .addColumn('skill_id', t.bigint, (c) => c.notNull().references('capability_skills.id'))
        .addColumn('self_level', 'integer')
        .addColumn('agreed_level', 'integer')
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('staff_skills_pk', ['staff_id', 'skill_id'])
        .execute();
      // Covering: the matrix reads every level of the organisation's people from the index alone.
      await db.schema
        .createIndex('staff_skills_by_organisation')
        .on('staff_skills')
        .columns(['organisation_id', 'staff_id', 'skill_id', 'self_level', 'agreed_level'])
        .execute();

      await db.schema
        .createTable('system_supporters')
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('system_id', t.bigint, (c) => c.notNull().references('systems.id'))
        .addColumn('staff_id', t.bigint, (c) => c.notNull().references('staff.id'))
        .addPrimaryKeyConstraint('system_supporters_pk', ['system_id', 'staff_id'])
        .execute();
      // Moved by every change to people, their skills, job titles or the framework: the matrix is worked out again only then.
      await db.schema
        .createTable('people_versions')
        .addColumn('organisation_id', t.bigint, (c) => c.primaryKey().references('organisations.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('system_supporters_by_staff').on('system_supporters').columns(['organisation_id', 'staff_id']).execute();
    },
  },
  '2026-12-03-110-objectives-and-one-to-ones': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      await withId(db, db.schema.createTable('objectives'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('staff_id', t.bigint, (c) => c.notNull().references('staff.id'))
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('measure', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('objectives_by_staff').on('objectives').columns(['organisation_id', 'staff_id', 'year']).execute();
      await withId(db, db.schema.createTable('objective_reviews'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('objective_id', t.bigint, (c) => c.notNull().references('objectives.id'))
        .addColumn('reviewed_on', t.date, (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('objective_reviews_by_objective').on('objective_reviews').columns(['objective_id', 'reviewed_on']).execute();
      await withId(db, db.schema.createTable('one_to_ones'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('staff_id', t.bigint, (c) => c.notNull().references('staff.id'))
        .addColumn('held_on', t.date, (c) => c.notNull())
        .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('one_to_ones_by_staff').on('one_to_ones').columns(['organisation_id', 'staff_id', 'held_on']).execute();
      await withId(db, db.schema.createTable('one_to_one_actions'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('one_to_one_id', t.bigint, (c) => c.notNull().references('one_to_ones.id'))
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('due_on', t.date)
        .addColumn('done_on', t.date)
        .execute();
      await db.schema.createIndex('one_to_one_actions_by_meeting').on('one_to_one_actions').columns(['one_to_one_id']).execute();
    },
  },
  '2026-12-03-120-development-and-training-budget': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      await withId(db, db.schema.createTable('development_items'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('staff_id', t.bigint, (c) => c.notNull().references('staff.id'))
        .addColumn('skill_id', t.bigint, (c) => c.references('capability_skills.id'))
        .addColumn('target_level', 'integer')
        .addColumn('activity', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('due_on', t.date)
        .addColumn('completed_on', t.date)
        .addColumn('cost', t.money)
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('development_items_by_staff').on('development_items').columns(['organisation_id', 'staff_id']).execute();
      await db.schema
        .createTable('training_budgets')
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('amount', t.money, (c) => c.notNull())
        .addPrimaryKeyConstraint('training_budgets_pk', ['organisation_id', 'year'])
        .execute();
    },
  },
  '2026-12-03-130-certifications': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      await withId(db, db.schema.createTable('certifications'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('staff_id', t.bigint, (c) => c.notNull().references('staff.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('awarded_on', t.date)
        .addColumn('expires_on', t.date)
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('certifications_by_expiry').on('certifications').columns(['organisation_id', 'expires_on']).execute();
    },
  },
  // One row per certification and reminder sent, so each is sent once whichever instance runs the job.
  '2026-12-04-140-certification-reminders': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      await db.schema
        .createTable('certification_reminders')
        .addColumn('certification_id', t.bigint, (c) => c.notNull().references('certifications.id'))
        .addColumn('lead_days', 'integer', (c) => c.notNull())
        .addColumn('expires_on', t.date, (c) => c.notNull())
        .addColumn('at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('certification_reminders_pk', ['certification_id', 'lead_days', 'expires_on'])
        .execute();
      await db.schema.createIndex('certifications_running_out').on('certifications').columns(['expires_on']).execute();
    },
  },
};

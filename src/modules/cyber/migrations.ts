import { sql, type Kysely, type Migration } from 'kysely';
import { columnTypes, withId } from '../../db/columns.js';
import { dialectOf } from '../../db/database.js';

export const cyberMigrations: Record<string, Migration> = {
  '2026-12-01-200-essential-functions': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      await withId(db, db.schema.createTable('essential_functions'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('owner', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addUniqueConstraint('essential_functions_name', ['organisation_id', 'name'])
        .execute();
      await db.schema
        .createTable('essential_function_systems')
        .addColumn('essential_function_id', t.bigint, (c) => c.notNull().references('essential_functions.id'))
        .addColumn('system_id', t.bigint, (c) => c.notNull().references('systems.id'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addPrimaryKeyConstraint('essential_function_systems_pk', ['essential_function_id', 'system_id'])
        .execute();
    },
  },
  '2026-12-01-210-risks': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      await withId(db, db.schema.createTable('risks'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('reference', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('cause', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('event', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('effect', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('owner_id', t.bigint, (c) => c.references('people.id'))
        .addColumn('inherent_likelihood', 'integer', (c) => c.notNull())
        .addColumn('inherent_impact', 'integer', (c) => c.notNull())
        .addColumn('current_likelihood', 'integer', (c) => c.notNull())
        .addColumn('current_impact', 'integer', (c) => c.notNull())
        .addColumn('current_score', 'integer', (c) => c.notNull())
        .addColumn('target_likelihood', 'integer', (c) => c.notNull())
        .addColumn('target_impact', 'integer', (c) => c.notNull())
        .addColumn('treatment', 'text', (c) => c.notNull())
        .addColumn('controls', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('actions', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('review_due', t.date)
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addUniqueConstraint('risks_reference', ['organisation_id', 'reference'])
        .execute();
      await db.schema.createIndex('risks_by_score').on('risks').columns(['organisation_id', 'status', 'current_score', 'id']).execute();
      await db.schema
        .createTable('risk_scores')
        .addColumn('risk_id', t.bigint, (c) => c.notNull().references('risks.id'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('at', t.timestamp, (c) => c.notNull())
        .addColumn('likelihood', 'integer', (c) => c.notNull())
        .addColumn('impact', 'integer', (c) => c.notNull())
        .addColumn('person_id', t.bigint, (c) => c.references('people.id'))
        .execute();
      await db.schema.createIndex('risk_scores_by_risk').on('risk_scores').columns(['risk_id', 'at']).execute();
      await db.schema
        .createTable('risk_appetites')
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('appetite', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('risk_appetites_pk', ['organisation_id', 'category'])
        .execute();
    },
  },
  '2026-12-02-220-vulnerabilities': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      await withId(db, db.schema.createTable('vulnerabilities'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('reference', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('cves', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('cvss', 'real')
        .addColumn('synopsis', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('solution', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addUniqueConstraint('vulnerabilities_key', ['organisation_id', 'key'])
        .execute();
      await withId(db, db.schema.createTable('vulnerability_scans'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('import_id', t.bigint)
        .addColumn('filename', 'text', (c) => c.notNull())
        .addColumn('scanned_on', t.date, (c) => c.notNull())
        .addColumn('hosts', 'integer', (c) => c.notNull())
        .addColumn('seen', 'integer', (c) => c.notNull())
        .addColumn('added', 'integer', (c) => c.notNull())
        .addColumn('closed', 'integer', (c) => c.notNull())
        .addColumn('reopened', 'integer', (c) => c.notNull())
        .addColumn('unmatched', 'integer', (c) => c.notNull())
        .addColumn('open_json', 'text', (c) => c.notNull())
        .addColumn('person_id', t.bigint, (c) => c.references('people.id'))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('vulnerability_scans_by_date').on('vulnerability_scans').columns(['organisation_id', 'scanned_on', 'id']).execute();
      await withId(db, db.schema.createTable('vulnerability_findings'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('vulnerability_id', t.bigint, (c) => c.notNull().references('vulnerabilities.id'))
        .addColumn('system_id', t.bigint, (c) => c.references('systems.id'))
        .addColumn('host', 'text', (c) => c.notNull())
        .addColumn('host_name', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('port', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('first_seen', t.date, (c) => c.notNull())
        .addColumn('last_seen', t.date, (c) => c.notNull())
        .addColumn('due_on', t.date, (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('closed_on', t.date)
        .addColumn('reopened', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('accepted_until', t.date)
        .addColumn('last_scan_id', t.bigint, (c) => c.references('vulnerability_scans.id'))
        .addUniqueConstraint('vulnerability_findings_key', ['organisation_id', 'host', 'vulnerability_id', 'port'])
        .execute();
      // The list's filters, each with the deadline order after it, so a page at a million findings reads only itself.
      const index = (name: string, columns: string[]) => db.schema.createIndex(name).on('vulnerability_findings').columns(columns).execute();
      await index('vulnerability_findings_by_status', ['organisation_id', 'status', 'due_on', 'id']);
      await index('vulnerability_findings_by_severity', ['organisation_id', 'severity', 'status', 'due_on', 'id']);
      await index('vulnerability_findings_by_system', ['organisation_id', 'system_id', 'status', 'due_on', 'id']);
      await index('vulnerability_findings_by_system_severity', ['organisation_id', 'system_id', 'severity', 'status', 'due_on', 'id']);
      await withId(db, db.schema.createTable('vulnerability_acceptances'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('finding_id', t.bigint, (c) => c.notNull().references('vulnerability_findings.id'))
        .addColumn('risk_id', t.bigint, (c) => c.references('risks.id'))
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('expires_on', t.date, (c) => c.notNull())
        .addColumn('person_id', t.bigint, (c) => c.references('people.id'))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('ended_at', t.timestamp)
        .execute();
      await db.schema.createIndex('vulnerability_acceptances_by_finding').on('vulnerability_acceptances').columns(['finding_id', 'id']).execute();
      await db.schema.createIndex('vulnerability_acceptances_by_risk').on('vulnerability_acceptances').columns(['risk_id']).execute();
      await db.schema
        .createTable('vulnerability_deadlines')
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('days', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('vulnerability_deadlines_pk', ['organisation_id', 'severity'])
        .execute();
    },
  },
  '2026-12-02-230-risk-counters-and-reminders': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      // References from a counter row: two people recording a risk at once get the next two numbers.
      await db.schema
        .createTable('risk_counters')
        .addColumn('organisation_id', t.bigint, (c) => c.primaryKey().references('organisations.id'))
        .addColumn('last_number', 'integer', (c) => c.notNull())
        .execute();
      await sql`insert into risk_counters (organisation_id, last_number) select organisation_id, count(*) from risks group by organisation_id`.execute(db);
      await db.schema
        .createTable('risk_reminders')
        .addColumn('risk_id', t.bigint, (c) => c.notNull().references('risks.id'))
        .addColumn('review_due', t.date, (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('sent_at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('risk_reminders_pk', ['risk_id', 'review_due', 'kind'])
        .execute();
    },
  },
  '2026-12-02-240-risk-links': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      await withId(db, db.schema.createTable('risk_links'))
        .addColumn('risk_id', t.bigint, (c) => c.notNull().references('risks.id'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('entity_id', t.bigint)
        .addColumn('code', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      await db.schema.createIndex('risk_links_by_risk').on('risk_links').columns(['risk_id', 'kind']).execute();
      await db.schema.createIndex('risk_links_by_record').on('risk_links').columns(['organisation_id', 'kind', 'entity_id']).execute();
    },
  },
  '2026-12-03-100-findings-by-host-name': {
    async up(db: Kysely<unknown>) {
      // The list's host filter matches the address (the unique key leads with it) or the name, which needs its own index.
      await db.schema.createIndex('vulnerability_findings_by_host_name').on('vulnerability_findings').columns(['organisation_id', 'host_name']).execute();
    },
  },
  '2026-12-03-130-cyber-essentials-scope': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      await db.schema
        .createTable('cyber_essentials_scope')
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('system_id', t.bigint, (c) => c.notNull().references('systems.id'))
        .addPrimaryKeyConstraint('cyber_essentials_scope_pk', ['organisation_id', 'system_id'])
        .execute();
    },
  },
  '2026-12-03-140-risk-matrix-and-categories': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      // A council's own matrix and categories; an organisation without rows uses the 5 × 5 matrix and the Orange Book's list.
      await db.schema
        .createTable('risk_settings')
        .addColumn('organisation_id', t.bigint, (c) => c.primaryKey().references('organisations.id'))
        .addColumn('matrix_json', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('risk_categories')
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('risk_categories_pk', ['organisation_id', 'key'])
        .execute();
    },
  },
  '2026-12-03-150-vulnerability-versions': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      // Moves with every change to an organisation's findings, so the summaries each instance keeps are worked out again.
      await db.schema
        .createTable('vulnerability_versions')
        .addColumn('organisation_id', t.bigint, (c) => c.primaryKey().references('organisations.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
    },
  },
};

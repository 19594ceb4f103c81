import { sql, type ColumnDefinitionBuilder, type Kysely, type Migration } from 'kysely';
import { columnTypes, withId } from '../../db/columns.js';
import { dialectOf } from '../../db/database.js';

export const estateMigrations: Record<string, Migration> = {
  '2026-11-25-400-estate-systems': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      const org = (c: ColumnDefinitionBuilder) => c.notNull().references('organisations.id');
      await withId(db, db.schema.createTable('systems'))
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('identifier', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('layer', 'text')
        .addColumn('area', 'text')
        .addColumn('sourcing', 'text')
        .addColumn('hosting', 'text')
        .addColumn('product', 'text')
        .addColumn('vendor', 'text')
        .addColumn('version', 'text')
        .addColumn('end_of_support', t.date)
        .addColumn('lifecycle', 'text')
        .addColumn('lifecycle_reason', 'text')
        .addColumn('business_owner_id', t.bigint, (c) => c.references('people.id'))
        .addColumn('technical_owner_id', t.bigint, (c) => c.references('people.id'))
        .addColumn('team_id', t.bigint, (c) => c.references('teams.id'))
        .addColumn('criticality', 'integer')
        .addColumn('users', 'integer')
        .addColumn('annual_cost', t.money)
        .addColumn('recovery_plan', t.bool, (c) => c.notNull().defaultTo(t.no))
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addUniqueConstraint('systems_identifier', ['organisation_id', 'identifier'])
        .execute();
      await db.schema.createIndex('systems_by_name').on('systems').columns(['organisation_id', 'name', 'id']).execute();
      await db.schema.createIndex('systems_by_layer').on('systems').columns(['organisation_id', 'layer', 'name', 'id']).execute();
      await db.schema.createIndex('systems_by_area').on('systems').columns(['organisation_id', 'area', 'name', 'id']).execute();
      await db.schema.createIndex('systems_by_lifecycle').on('systems').columns(['organisation_id', 'lifecycle', 'name', 'id']).execute();
      await withId(db, db.schema.createTable('system_relationships'))
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('from_system_id', t.bigint, (c) => c.notNull().references('systems.id'))
        .addColumn('to_system_id', t.bigint, (c) => c.notNull().references('systems.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addUniqueConstraint('system_relationships_unique', ['from_system_id', 'to_system_id', 'kind'])
        .execute();
      await db.schema.createIndex('system_relationships_to').on('system_relationships').columns(['to_system_id', 'from_system_id']).execute();
      await withId(db, db.schema.createTable('data_flows'))
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('from_system_id', t.bigint, (c) => c.notNull().references('systems.id'))
        .addColumn('to_system_id', t.bigint, (c) => c.notNull().references('systems.id'))
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('personal', 'text', (c) => c.notNull())
        .addColumn('method', 'text', (c) => c.notNull())
        .addColumn('frequency', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('data_flows_from').on('data_flows').columns(['from_system_id']).execute();
      await db.schema.createIndex('data_flows_to').on('data_flows').columns(['to_system_id']).execute();
      await db.schema
        .createTable('system_services')
        .addColumn('system_id', t.bigint, (c) => c.notNull().references('systems.id'))
        .addColumn('service_id', t.bigint, (c) => c.notNull().references('services.id'))
        .addColumn('organisation_id', t.bigint, org)
        .addPrimaryKeyConstraint('system_services_pk', ['system_id', 'service_id'])
        .execute();
      await db.schema.createIndex('system_services_by_service').on('system_services').columns(['service_id']).execute();
    },
  },
  '2026-11-25-401-suppliers-and-contracts': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      const org = (c: ColumnDefinitionBuilder) => c.notNull().references('organisations.id');
      await withId(db, db.schema.createTable('suppliers'))
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('company_number', 'text')
        .addColumn('contact', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addUniqueConstraint('suppliers_name', ['organisation_id', 'name'])
        .execute();
      await withId(db, db.schema.createTable('contracts'))
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('reference', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('supplier_id', t.bigint, (c) => c.notNull().references('suppliers.id'))
        .addColumn('annual_value', t.money)
        .addColumn('whole_life_value', t.money)
        .addColumn('start_date', t.date, (c) => c.notNull())
        .addColumn('end_date', t.date, (c) => c.notNull())
        .addColumn('notice_months', 'integer', (c) => c.notNull())
        .addColumn('notice_deadline', t.date, (c) => c.notNull())
        .addColumn('extension_months', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('procurement_route', 'text', (c) => c.notNull())
        .addColumn('framework', 'text')
        .addColumn('owner_id', t.bigint, (c) => c.references('people.id'))
        .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addUniqueConstraint('contracts_reference', ['organisation_id', 'reference'])
        .execute();
      await db.schema.createIndex('contracts_by_deadline').on('contracts').columns(['organisation_id', 'notice_deadline', 'id']).execute();
      await db.schema
        .createTable('contract_systems')
        .addColumn('contract_id', t.bigint, (c) => c.notNull().references('contracts.id'))
        .addColumn('system_id', t.bigint, (c) => c.notNull().references('systems.id'))
        .addColumn('organisation_id', t.bigint, org)
        .addPrimaryKeyConstraint('contract_systems_pk', ['contract_id', 'system_id'])
        .execute();
      await db.schema.createIndex('contract_systems_by_system').on('contract_systems').columns(['system_id']).execute();
      // One row per contract and lead time already alerted, so each alert is sent once.
      await db.schema
        .createTable('contract_alerts')
        .addColumn('contract_id', t.bigint, (c) => c.notNull().references('contracts.id'))
        .addColumn('lead_months', 'integer', (c) => c.notNull())
        .addColumn('deadline', t.date, (c) => c.notNull())
        .addColumn('at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('contract_alerts_pk', ['contract_id', 'lead_months', 'deadline'])
        .execute();
    },
  },
  '2026-11-25-403-service-manager': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      await db.schema
        .alterTable('systems')
        .addColumn('service_manager_id', t.bigint, (c) => c.references('people.id'))
        .execute();
    },
  },
  // The first two statements belong to the platform's imports table (src/platform/migrations.ts):
  // the migration ran under this name before imports moved to the platform, so it keeps it.
  '2026-11-26-404-import-kinds-capabilities-settings': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      await db.schema
        .alterTable('imports')
        .addColumn('kind', 'text', (c) => c.notNull().defaultTo('systems'))
        .execute();
      await db.schema.alterTable('imports').addColumn('values_json', t.json).execute();
      await withId(db, db.schema.createTable('capabilities'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addUniqueConstraint('capabilities_name', ['organisation_id', 'name'])
        .execute();
      await db.schema
        .createTable('system_capabilities')
        .addColumn('system_id', t.bigint, (c) => c.notNull().references('systems.id'))
        .addColumn('capability_id', t.bigint, (c) => c.notNull().references('capabilities.id'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addPrimaryKeyConstraint('system_capabilities_pk', ['system_id', 'capability_id'])
        .execute();
      await db.schema.createIndex('system_capabilities_by_capability').on('system_capabilities').columns(['capability_id', 'system_id']).execute();
      await db.schema
        .createTable('estate_settings')
        .addColumn('organisation_id', t.bigint, (c) => c.primaryKey().references('organisations.id'))
        .addColumn('alert_lead_months', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '2026-11-26-405-contract-services': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      await db.schema
        .createTable('contract_services')
        .addColumn('contract_id', t.bigint, (c) => c.notNull().references('contracts.id'))
        .addColumn('service_id', t.bigint, (c) => c.notNull().references('services.id'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addPrimaryKeyConstraint('contract_services_pk', ['contract_id', 'service_id'])
        .execute();
    },
  },
  '2026-12-01-406-estate-versions': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      await db.schema
        .createTable('estate_versions')
        .addColumn('organisation_id', t.bigint, (c) => c.primaryKey().references('organisations.id'))
        .addColumn('version', t.bigint, (c) => c.notNull())
        .execute();
      // A register may give only the year or month support ends: kept as written, the day stored its last.
      await db.schema.alterTable('systems').addColumn('end_of_support_precision', 'text').execute();
      // Impact analysis reads an organisation's whole graph at once.
      await db.schema.createIndex('system_relationships_by_organisation').on('system_relationships').columns(['organisation_id']).execute();
      await db.schema.createIndex('system_services_by_organisation').on('system_services').columns(['organisation_id']).execute();
    },
  },
  '2026-12-01-407-recovery-plan-not-recorded': {
    async up(db: Kysely<unknown>) {
      // A register that does not say has not said "no": the recovery plan may be not recorded.
      if (dialectOf(db) === 'postgres') {
        await sql`alter table systems alter column recovery_plan drop not null, alter column recovery_plan drop default`.execute(db);
        return;
      }
      // SQLite cannot loosen a column in place: a new column takes its values and its name.
      await sql`alter table systems add column recovery_plan_recorded integer`.execute(db);
      await sql`update systems set recovery_plan_recorded = recovery_plan`.execute(db);
      await sql`alter table systems drop column recovery_plan`.execute(db);
      await sql`alter table systems rename column recovery_plan_recorded to recovery_plan`.execute(db);
    },
  },
  '2026-12-01-408-system-service-areas': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      await db.schema
        .createTable('system_service_areas')
        .addColumn('system_id', t.bigint, (c) => c.notNull().references('systems.id'))
        .addColumn('service_area_id', t.bigint, (c) => c.notNull().references('service_areas.id'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addPrimaryKeyConstraint('system_service_areas_pk', ['system_id', 'service_area_id'])
        .execute();
      await db.schema.createIndex('system_service_areas_by_area').on('system_service_areas').columns(['service_area_id', 'system_id']).execute();
    },
  },
  '2026-12-01-409-owners-as-written': {
    async up(db: Kysely<unknown>) {
      // A register names owners as role titles ("Head of Revenues"): kept as written until a person is chosen.
      await db.schema.alterTable('systems').addColumn('business_owner_text', 'text').execute();
      await db.schema.alterTable('systems').addColumn('technical_owner_text', 'text').execute();
    },
  },
  '2026-12-02-410-system-hosts': {
    async up(db: Kysely<unknown>) {
      // The host names and addresses a scanner reports, one per line, lower case: how findings find their system.
      await db.schema
        .alterTable('systems')
        .addColumn('hosts', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
    },
  },
  '2026-12-03-170-contract-date-precision': {
    async up(db: Kysely<unknown>) {
      // A register often gives a contract's dates as a month or a year: how much of each date is known.
      await db.schema.alterTable('contracts').addColumn('start_date_precision', 'text').execute();
      await db.schema.alterTable('contracts').addColumn('end_date_precision', 'text').execute();
    },
  },
};

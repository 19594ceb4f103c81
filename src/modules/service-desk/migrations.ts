import { sql, type ColumnDefinitionBuilder, type Kysely, type Migration } from 'kysely';
import { columnTypes, withId } from '../../db/columns.js';
import { dialectOf } from '../../db/database.js';
import { shippedBankHolidays } from './sla/bank-holidays.js';

export const serviceDeskMigrations: Record<string, Migration> = {
  '2026-11-25-200-service-desk': {
    async up(db: Kysely<unknown>) {
      const dialect = dialectOf(db);
      const t = columnTypes(dialect);
      const org = (c: ColumnDefinitionBuilder) => c.notNull().references('organisations.id');

      await withId(db, db.schema.createTable('calendars'))
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('time_zone', 'text', (c) => c.notNull())
        .addColumn('hours_json', t.json, (c) => c.notNull())
        .addColumn('division', 'text')
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      await withId(db, db.schema.createTable('calendar_closures'))
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('calendar_id', t.bigint, (c) => c.notNull().references('calendars.id'))
        .addColumn('date', t.date, (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('bank_holidays')
        .addColumn('division', 'text', (c) => c.notNull())
        .addColumn('date', t.date, (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('bank_holidays_pk', ['division', 'date'])
        .execute();
      await withId(db, db.schema.createTable('sla_policies'))
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('calendar_id', t.bigint, (c) => c.notNull().references('calendars.id'))
        .addColumn('warn_share', 'real', (c) => c.notNull())
        .addColumn('targets_json', t.json, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      await withId(db, db.schema.createTable('services'))
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('owner_id', t.bigint, (c) => c.references('people.id'))
        .addColumn('team_id', t.bigint, (c) => c.references('teams.id'))
        .addColumn('hours', 'text', (c) => c.notNull())
        .addColumn('sla_policy_id', t.bigint, (c) => c.references('sla_policies.id'))
        .addColumn('visible_to_staff', t.bool, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addUniqueConstraint('services_name_per_organisation', ['organisation_id', 'name'])
        .execute();
      await withId(db, db.schema.createTable('request_types'))
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('service_id', t.bigint, (c) => c.notNull().references('services.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('fields_json', t.json, (c) => c.notNull())
        .addColumn('active', t.bool, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      await withId(db, db.schema.createTable('incident_categories'))
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('name', 'text', (c) => c.notNull())
        .addUniqueConstraint('incident_categories_name', ['organisation_id', 'name'])
        .execute();
      await db.schema
        .createTable('service_desk_settings')
        .addColumn('organisation_id', t.bigint, (c) => c.primaryKey().references('organisations.id'))
        .addColumn('priority_matrix_json', t.json, (c) => c.notNull())
        .addColumn('reopen_working_days', 'integer', (c) => c.notNull())
        .addColumn('default_sla_policy_id', t.bigint, (c) => c.references('sla_policies.id'))
        .execute();
      await db.schema
        .createTable('ticket_counters')
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('last_number', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('ticket_counters_pk', ['organisation_id', 'kind'])
        .execute();

      await withId(db, db.schema.createTable('tickets'))
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('reference', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('requester_id', t.bigint, (c) => c.notNull().references('people.id'))
        .addColumn('on_behalf_of_id', t.bigint, (c) => c.references('people.id'))
        .addColumn('service_id', t.bigint, (c) => c.references('services.id'))
        .addColumn('request_type_id', t.bigint, (c) => c.references('request_types.id'))
        .addColumn('category_id', t.bigint, (c) => c.references('incident_categories.id'))
        .addColumn('impact', 'integer', (c) => c.notNull())
        .addColumn('urgency', 'integer', (c) => c.notNull())
        .addColumn('priority', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('open', t.bool, (c) => c.notNull())
        .addColumn('team_id', t.bigint, (c) => c.references('teams.id'))
        .addColumn('assignee_id', t.bigint, (c) => c.references('people.id'))
        .addColumn('resolution_code', 'text')
        .addColumn('resolution_notes', 'text')
        .addColumn('form_json', t.json)
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addColumn('first_response_at', t.timestamp)
        .addColumn('resolved_at', t.timestamp)
        .addColumn('closed_at', t.timestamp)
        .addColumn('sla_policy_id', t.bigint, (c) => c.references('sla_policies.id'))
        .addColumn('response_due_at', t.timestamp)
        .addColumn('resolution_due_at', t.timestamp)
        .addColumn('sla_state', 'text', (c) => c.notNull())
        .addColumn('paused_since', t.timestamp)
        .addColumn('response_breached', t.bool, (c) => c.notNull())
        .addColumn('resolution_breached', t.bool, (c) => c.notNull())
        .addUniqueConstraint('tickets_reference', ['organisation_id', 'reference'])
        .execute();
      // Queues: filter by team or assignee and open-ness, ordered by priority then age (keyset).
      await db.schema.createIndex('tickets_team_queue').on('tickets').columns(['organisation_id', 'team_id', 'open', 'priority', 'created_at', 'id']).execute();
      await db.schema
        .createIndex('tickets_assignee_queue')
        .on('tickets')
        .columns(['organisation_id', 'assignee_id', 'open', 'priority', 'created_at', 'id'])
        .execute();
      await db.schema.createIndex('tickets_status_queue').on('tickets').columns(['organisation_id', 'status', 'priority', 'created_at', 'id']).execute();
      await db.schema.createIndex('tickets_open_queue').on('tickets').columns(['organisation_id', 'open', 'priority', 'created_at', 'id']).execute();
      await db.schema.createIndex('tickets_requester').on('tickets').columns(['organisation_id', 'requester_id', 'created_at']).execute();
      await db.schema.createIndex('tickets_created').on('tickets').columns(['organisation_id', 'created_at']).execute();
      await db.schema.createIndex('tickets_due').on('tickets').columns(['organisation_id', 'open', 'resolution_due_at']).execute();

      await withId(db, db.schema.createTable('ticket_events'))
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('ticket_id', t.bigint, (c) => c.notNull().references('tickets.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('author_id', t.bigint, (c) => c.references('people.id'))
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('changes_json', t.json)
        .addColumn('at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('ticket_events_by_ticket').on('ticket_events').columns(['ticket_id', 'id']).execute();
      await withId(db, db.schema.createTable('ticket_pauses'))
        .addColumn('organisation_id', t.bigint, org)
        .addColumn('ticket_id', t.bigint, (c) => c.notNull().references('tickets.id'))
        .addColumn('started_at', t.timestamp, (c) => c.notNull())
        .addColumn('ended_at', t.timestamp)
        .execute();
      await db.schema.createIndex('ticket_pauses_by_ticket').on('ticket_pauses').columns(['ticket_id']).execute();
      await db.schema
        .createTable('ticket_watchers')
        .addColumn('ticket_id', t.bigint, (c) => c.notNull().references('tickets.id'))
        .addColumn('person_id', t.bigint, (c) => c.notNull().references('people.id'))
        .addColumn('organisation_id', t.bigint, org)
        .addPrimaryKeyConstraint('ticket_watchers_pk', ['ticket_id', 'person_id'])
        .execute();

      // Full-text search over references, titles, descriptions and replies, kept by triggers.
      if (dialect === 'postgres') {
        await sql`alter table tickets add column search tsvector not null default ''::tsvector`.execute(db);
        await sql`create index tickets_search on tickets using gin (search)`.execute(db);
        await sql`create function tickets_search_refresh() returns trigger language plpgsql as $$
          begin
            new.search := setweight(to_tsvector('simple', new.reference), 'A')
              || setweight(to_tsvector('english', new.title), 'A')
              || setweight(to_tsvector('english', new.description), 'B');
            return new;
          end $$`.execute(db);
        await sql`create trigger tickets_search_insert before insert on tickets for each row execute function tickets_search_refresh()`.execute(db);
        await sql`create trigger tickets_search_update before update of title, description on tickets for each row execute function tickets_search_refresh()`.execute(
          db,
        );
        await sql`create function ticket_events_search_append() returns trigger language plpgsql as $$
          begin
            if new.kind in ('reply', 'note') and new.body <> '' then
              update tickets set search = search || setweight(to_tsvector('english', new.body), 'C') where id = new.ticket_id;
            end if;
            return new;
          end $$`.execute(db);
        await sql`create trigger ticket_events_search after insert on ticket_events for each row execute function ticket_events_search_append()`.execute(db);
      } else {
        await sql`create virtual table ticket_search using fts5(reference, title, description, replies, tokenize = 'porter unicode61')`.execute(db);
        await sql`create trigger tickets_search_insert after insert on tickets begin
          insert into ticket_search(rowid, reference, title, description, replies) values (new.id, new.reference, new.title, new.description, '');
        end`.execute(db);
        await sql`create trigger tickets_search_update after update of title, description on tickets begin
          update ticket_search set title = new.title, description = new.description where rowid = new.id;
        end`.execute(db);
        await sql`create trigger ticket_events_search after insert on ticket_events when new.kind in ('reply', 'note') and new.body <> '' begin
          update ticket_search set replies = replies || ' ' || new.body where rowid = new.ticket_id;
        end`.execute(db);
      }
    },
  },
  '2026-11-25-201-ticket-team-status-queue': {
    async up(db: Kysely<unknown>) {
      // The agent queue filtered by team and status, in priority-then-age order, straight off one index.
      await db.schema
        .createIndex('tickets_team_status_queue')
        .on('tickets')
        .columns(['organisation_id', 'team_id', 'status', 'priority', 'created_at', 'id'])
        .execute();
    },
  },
  '2026-11-25-202-ratings-and-major-incidents': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      await db.schema
        .createTable('ticket_ratings')
        .addColumn('ticket_id', t.bigint, (c) => c.primaryKey().references('tickets.id'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('person_id', t.bigint, (c) => c.notNull().references('people.id'))
        .addColumn('score', 'integer', (c) => c.notNull())
        .addColumn('comment', 'text', (c) => c.notNull())
        .addColumn('at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('ticket_ratings_by_time').on('ticket_ratings').columns(['organisation_id', 'at']).execute();
      await withId(db, db.schema.createTable('major_incidents'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('service_id', t.bigint, (c) => c.notNull().references('services.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('declared_by', t.bigint, (c) => c.references('people.id'))
        .addColumn('declared_at', t.timestamp, (c) => c.notNull())
        .addColumn('closed_at', t.timestamp)
        .addColumn('closing_note', 'text')
        .execute();
      await db.schema.createIndex('major_incidents_open').on('major_incidents').columns(['organisation_id', 'closed_at', 'service_id']).execute();
      await db.schema
        .alterTable('tickets')
        .addColumn('major_incident_id', t.bigint, (c) => c.references('major_incidents.id'))
        .execute();
      await db.schema.createIndex('tickets_by_major_incident').on('tickets').columns(['major_incident_id']).execute();
    },
  },
  '2026-11-25-203-knowledge-base': {
    async up(db: Kysely<unknown>) {
      const dialect = dialectOf(db);
      const t = columnTypes(dialect);
      await withId(db, db.schema.createTable('articles'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('audience', 'text', (c) => c.notNull())
        .addColumn('owner_id', t.bigint, (c) => c.references('people.id'))
        .addColumn('service_id', t.bigint, (c) => c.references('services.id'))
        .addColumn('review_on', t.date)
        .addColumn('helpful', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('not_helpful', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('articles_by_organisation').on('articles').columns(['organisation_id', 'audience', 'title']).execute();
      await db.schema
        .createTable('ticket_articles')
        .addColumn('ticket_id', t.bigint, (c) => c.notNull().references('tickets.id'))
        .addColumn('article_id', t.bigint, (c) => c.notNull().references('articles.id'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('linked_by', t.bigint, (c) => c.references('people.id'))
        .addColumn('at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('ticket_articles_pk', ['ticket_id', 'article_id'])
        .execute();
      if (dialect === 'postgres') {
        await sql`alter table articles add column search tsvector generated always as (setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B')) stored`.execute(
          db,
        );
        await sql`create index articles_search on articles using gin (search)`.execute(db);
      } else {
        await sql`create virtual table article_search using fts5(title, body, tokenize = 'porter unicode61')`.execute(db);
        await sql`create trigger articles_search_insert after insert on articles begin
          insert into article_search(rowid, title, body) values (new.id, new.title, new.body); end`.execute(db);
        await sql`create trigger articles_search_update after update of title, body on articles begin
          update article_search set title = new.title, body = new.body where rowid = new.id; end`.execute(db);
      }
    },
  },
  '2026-11-25-204-sla-sweep': {
    async up(db: Kysely<unknown>) {
      // The SLA sweep looks across organisations for open tickets coming due.
      await db.schema.createIndex('tickets_coming_due').on('tickets').columns(['open', 'sla_state', 'resolution_due_at']).execute();
    },
  },
  '2026-11-25-205-dashboard-rollup': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      // What the manager dashboard needs, kept per day and priority as tickets change, so the
      // dashboard reads a few hundred rows instead of every ticket in the range.
      await db.schema
        .createTable('ticket_daily_stats')
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('day', t.date, (c) => c.notNull())
        .addColumn('priority', 'integer', (c) => c.notNull())
        .addColumn('created', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('resolved', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('breached', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('first_contact', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('resolve_minutes', t.bigint, (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('ticket_daily_stats_pk', ['organisation_id', 'day', 'priority'])
        .execute();
      await db.schema
        .alterTable('tickets')
        .addColumn('assignment_changes', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .alterTable('tickets')
        .addColumn('asked_requester', t.bool, (c) => c.notNull().defaultTo(t.no))
        .execute();
      await db.schema.createIndex('tickets_open_age').on('tickets').columns(['organisation_id', 'open', 'created_at']).execute();
      await db.schema.createIndex('ticket_ratings_org_time').on('ticket_ratings').columns(['organisation_id', 'at', 'score']).execute();
    },
  },
  '2026-11-25-206-saved-views': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      await withId(db, db.schema.createTable('saved_views'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('person_id', t.bigint, (c) => c.notNull().references('people.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('query', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('saved_views_by_person').on('saved_views').columns(['organisation_id', 'person_id']).execute();
    },
  },
  '2026-11-25-207-attachments': {
    async up(db: Kysely<unknown>) {
      const dialect = dialectOf(db);
      const t = columnTypes(dialect);
      // Files live in the database, so every instance serves them and a backup holds them.
      await withId(db, db.schema.createTable('ticket_attachments'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('ticket_id', t.bigint, (c) => c.notNull().references('tickets.id'))
        .addColumn('filename', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('data', dialect === 'postgres' ? sql`bytea` : sql`blob`, (c) => c.notNull())
        .addColumn('uploaded_by', t.bigint, (c) => c.references('people.id'))
        .addColumn('internal', t.bool, (c) => c.notNull())
        .addColumn('at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('ticket_attachments_by_ticket').on('ticket_attachments').columns(['ticket_id', 'id']).execute();
    },
  },
  '2026-11-26-320-tickets-by-service': {
    async up(db: Kysely<unknown>) {
      // The tech estate lists a system's open tickets by the services it supports.
      await db.schema.createIndex('tickets_by_service').on('tickets').columns(['organisation_id', 'service_id', 'open', 'created_at']).execute();
    },
  },
  '2026-12-01-330-bounded-queues-and-cool-rows': {
    async up(db: Kysely<unknown>) {
      const dialect = dialectOf(db);
      const pg = dialect === 'postgres';
      const t = columnTypes(dialect);
      // Every queue tab in every sort order offered reads one index in that order. Open tickets get
      // partial indexes (small: a desk's open tickets are a sliver of its history). The "due" order
      // needs a non-null key: a virtual column on SQLite (so keyset comparisons use the index), an
      // expression on PostgreSQL. SQLite appends the rowid (id) to every index itself.
      if (!pg) await sql`alter table tickets add column due_key text generated always as (coalesce(resolution_due_at, '9999')) virtual`.execute(db);
      const due = pg ? `(coalesce(resolution_due_at, 'infinity'::timestamptz))` : 'due_key';
      const orders: Record<string, string[]> = { priority: ['priority', 'created_at'], age: ['created_at'], due: [due] };
      const index = async (name: string, columns: string[], openOnly: boolean) =>
        sql
          .raw(
            `create index ${name} on tickets (organisation_id, ${[...columns, ...(pg ? ['id'] : [])].join(', ')})${openOnly ? (pg ? ' where open' : ' where open = 1') : ''}`,
          )
          .execute(db);
      for (const [order, columns] of Object.entries(orders)) {
        await index(`tickets_open_by_${order}`, columns, true);
        await index(`tickets_open_assignee_by_${order}`, ['assignee_id', ...columns], true);
        await index(`tickets_open_team_by_${order}`, ['team_id', ...columns], true);
        await index(`tickets_open_sla_by_${order}`, ['sla_state', ...columns], true);
        await index(`tickets_by_${order}`, columns, false);
      }
      // Superseded by the indexes above.
      for (const name of ['tickets_team_queue', 'tickets_assignee_queue', 'tickets_open_queue', 'tickets_due', 'tickets_open_age', 'tickets_created'])
        await db.schema.dropIndex(name).execute();

      // The dashboard's daily figures without a hot row: each change inserts its deltas, a job folds
      // them into the totals, and the dashboard reads the sum of both (the view keeps the old name).
      await db.schema.alterTable('ticket_daily_stats').renameTo('ticket_daily_totals').execute();
      await withId(db, db.schema.createTable('ticket_daily_changes'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('day', t.date, (c) => c.notNull())
        .addColumn('priority', 'integer', (c) => c.notNull())
        .addColumn('created', 'integer', (c) => c.notNull())
        .addColumn('resolved', 'integer', (c) => c.notNull())
        .addColumn('breached', 'integer', (c) => c.notNull())
        .addColumn('first_contact', 'integer', (c) => c.notNull())
        .addColumn('resolve_minutes', t.bigint, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('ticket_daily_changes_by_day').on('ticket_daily_changes').columns(['organisation_id', 'day']).execute();
      const figures = 'organisation_id, day, priority, created, resolved, breached, first_contact, resolve_minutes';
      await sql
        .raw(
          `create view ticket_daily_stats as select organisation_id, day, priority, sum(created) as created, sum(resolved) as resolved,
            sum(breached) as breached, sum(first_contact) as first_contact, sum(resolve_minutes) as resolve_minutes
          from (select ${figures} from ticket_daily_totals union all select ${figures} from ticket_daily_changes) f
          group by organisation_id, day, priority`,
        )
        .execute(db);

      if (pg) {
        // Ticket numbers from a sequence per organisation and kind, so creating a ticket never waits
        // for another's transaction to commit. A sequence is made on first use, starting after the
        // organisation's counter (which numbered its tickets until now); existing ones are made here.
        await sql`create function steward_ticket_sequence(org bigint, ticket_kind text) returns text language plpgsql as $$
          declare
            seq text := 'ticket_number_' || org || '_' || ticket_kind;
          begin
            if to_regclass(seq) is null then
              perform pg_advisory_xact_lock(hashtext(seq));
              begin
                if to_regclass(seq) is null then
                  execute format('create sequence %I', seq);
                  perform setval(seq, coalesce((select last_number from ticket_counters where organisation_id = org and kind = ticket_kind), 0) + 1, false);
                end if;
              exception when duplicate_table or unique_violation then
                null; -- made by another transaction meanwhile
              end;
            end if;
            return seq;
          end $$`.execute(db);
        await sql`create function steward_ticket_number(org bigint, ticket_kind text) returns bigint language plpgsql as $$
          declare
            seq text := 'ticket_number_' || org || '_' || ticket_kind;
          begin
            if to_regclass(seq) is null then
              perform steward_ticket_sequence(org, ticket_kind);
            end if;
            return nextval(seq);
          end $$`.execute(db);
        await sql`select steward_ticket_sequence(o.id, k.kind) from organisations o cross join (values ('incident'), ('request')) as k(kind)`.execute(db);
      }
    },
  },
  '2026-12-01-340-bank-holidays-from-2018': {
    async up(db: Kysely<unknown>) {
      // Steward first shipped dates from 2024, so older tickets were timed as if there were no bank
      // holidays. The dates it ships now go back to 2018; add any this database lacks (none removed).
      const shipped = shippedBankHolidays();
      const tx = db as unknown as Kysely<{ bank_holidays: { division: string; date: string; title: string } }>;
      for (let i = 0; i < shipped.length; i += 200) {
        await tx
          .insertInto('bank_holidays')
          .values(shipped.slice(i, i + 200))
          .onConflict((oc) => oc.columns(['division', 'date']).doNothing())
          .execute();
      }
    },
  },
  '2026-12-01-350-services-in-service-areas': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      await db.schema
        .alterTable('services')
        .addColumn('service_area_id', t.bigint, (c) => c.references('service_areas.id'))
        .execute();
    },
  },
  '2026-12-02-360-open-tickets-by-service': {
    async up(db: Kysely<unknown>) {
      // The dashboard counts open tickets by service (and so by service area) from this alone.
      const open = dialectOf(db) === 'postgres' ? 'open' : 'open = 1';
      await sql.raw(`create index tickets_open_by_service on tickets (organisation_id, service_id) where ${open}`).execute(db);
    },
  },
  '2026-12-08-370-canned-replies': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      await withId(db, db.schema.createTable('canned_replies'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('team_id', t.bigint, (c) => c.references('teams.id'))
        .addColumn('owner_id', t.bigint, (c) => c.references('people.id'))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('canned_replies_by_organisation').on('canned_replies').columns(['organisation_id', 'title']).execute();
    },
  },
  '2026-12-09-380-mail-in': {
    async up(db: Kysely<unknown>) {
      const dialect = dialectOf(db);
      const t = columnTypes(dialect);
      await db.schema
        .createTable('mail_in_settings')
        .addColumn('organisation_id', t.bigint, (c) => c.primaryKey().references('organisations.id'))
        .addColumn('address', 'text', (c) => c.notNull().unique())
        .addColumn('unknown_senders', 'text', (c) => c.notNull())
        .addColumn('allowed_domains', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('team_id', t.bigint, (c) => c.references('teams.id'))
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      await withId(db, db.schema.createTable('inbound_mails'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('recipient', 'text', (c) => c.notNull())
        .addColumn('envelope_from', 'text', (c) => c.notNull())
        .addColumn('from_address', 'text')
        .addColumn('message_id', 'text')
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('raw', dialect === 'postgres' ? sql`bytea` : sql`blob`, (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('received_at', t.timestamp, (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('ticket_id', t.bigint, (c) => c.references('tickets.id'))
        .addColumn('processed_at', t.timestamp)
        .execute();
      await db.schema.createIndex('inbound_mails_by_organisation').on('inbound_mails').columns(['organisation_id', 'id']).execute();
      await db.schema.createIndex('inbound_mails_by_message_id').on('inbound_mails').columns(['organisation_id', 'message_id']).execute();
      await db.schema.createIndex('inbound_mails_by_sender').on('inbound_mails').columns(['organisation_id', 'from_address', 'received_at']).execute();
      await db.schema.createIndex('inbound_mails_waiting').on('inbound_mails').columns(['status', 'received_at']).execute();
    },
  },
  '2026-12-09-390-time-spent': {
    async up(db: Kysely<unknown>) {
      const t = columnTypes(dialectOf(db));
      await withId(db, db.schema.createTable('ticket_time_entries'))
        .addColumn('organisation_id', t.bigint, (c) => c.notNull().references('organisations.id'))
        .addColumn('ticket_id', t.bigint, (c) => c.notNull().references('tickets.id'))
        .addColumn('person_id', t.bigint, (c) => c.references('people.id'))
        .addColumn('minutes', 'integer', (c) => c.notNull())
        .addColumn('at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('ticket_time_entries_by_ticket').on('ticket_time_entries').columns(['ticket_id']).execute();
    },
  },
};

import { sql } from 'kysely';
import { dialectOf, prepared, readOffLoop, slotsFor, type Db, type Slots, type Tx } from '../../../platform/index.js';

export interface StatDelta {
  organisation_id: number;
  day: string;
  priority: number;
  created?: number;
  resolved?: number;
  breached?: number;
  first_contact?: number;
  resolve_minutes?: number;
}

const figures = ['created', 'resolved', 'breached', 'first_contact', 'resolve_minutes'] as const;
type DailyChange = Required<StatDelta>;
const insertDailyChange = prepared((db, p: Slots<DailyChange>) =>
  db.insertInto('ticket_daily_changes').values(slotsFor(p, ['organisation_id', 'day', 'priority', ...figures])),
);

/**
 * Adds to (or, with negative numbers, takes from) a day's figures, in the caller's transaction. It
 * inserts a row of deltas rather than updating the day's row, so concurrent changes never wait for
 * each other's commit; `foldStats` folds the deltas into the totals and the dashboard reads the sum.
 */
export async function bumpStats(tx: Tx, d: StatDelta) {
  await insertDailyChange(tx, {
    organisation_id: d.organisation_id,
    day: d.day,
    priority: d.priority,
    created: d.created ?? 0,
    resolved: d.resolved ?? 0,
    breached: d.breached ?? 0,
    first_contact: d.first_contact ?? 0,
    resolve_minutes: d.resolve_minutes ?? 0,
  });
}

const addExcluded = sql.raw(figures.map((f) => `${f} = ticket_daily_totals.${f} + excluded.${f}`).join(', '));
const sums = sql.raw(figures.map((f) => `sum(${f})`).join(', '));

/**
 * Folds the inserted deltas into the daily totals (a scheduled job), at most `batch` rows at a
 * time. Returns how many rows it folded. On PostgreSQL one statement deletes exactly the rows it
 * adds up, so a delta committed meanwhile waits for the next fold rather than being lost.
 */
export async function foldStats(db: Db, batch = 50_000): Promise<number> {
  const columns = sql.raw(`organisation_id, day, priority, ${figures.join(', ')}`);
  if (dialectOf(db) === 'postgres') {
    const r = await sql<{ n: number }>`with moved as (
        delete from ticket_daily_changes where id in (select id from ticket_daily_changes order by id limit ${batch})
        returning ${columns}),
      added as (insert into ticket_daily_totals (${columns}) select organisation_id, day, priority, ${sums} from moved group by 1, 2, 3
        on conflict (organisation_id, day, priority) do update set ${addExcluded} returning 1)
      select (select count(*) from moved) as n`.execute(db);
    return Number(r.rows[0]?.n ?? 0);
  }
  // SQLite has one writer, so nothing is inserted between the two statements of the transaction.
  return db.transaction().execute(async (tx) => {
    const last = await tx
      .selectFrom('ticket_daily_changes')
      .select('id')
      .orderBy('id')
      .offset(batch - 1)
      .limit(1)
      .executeTakeFirst();
    const upTo =
      last?.id ??
      (
        await tx
          .selectFrom('ticket_daily_changes')
          .select((eb) => eb.fn.max('id').as('id'))
          .executeTakeFirst()
      )?.id;
    if (upTo === undefined || upTo === null) return 0;
    await sql`insert into ticket_daily_totals (${columns}) select organisation_id, day, priority, ${sums} from ticket_daily_changes where id <= ${upTo}
      group by 1, 2, 3 on conflict (organisation_id, day, priority) do update set ${addExcluded}`.execute(tx);
    const r = await tx.deleteFrom('ticket_daily_changes').where('id', '<=', Number(upTo)).executeTakeFirst();
    return Number(r.numDeletedRows);
  });
}

export async function statsBetween(db: Db, organisationId: number, from: string, to: string) {
  return db
    .selectFrom('ticket_daily_stats')
    .where('organisation_id', '=', organisationId)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .select(['day', 'priority', 'created', 'resolved', 'breached', 'first_contact', 'resolve_minutes'])
    .orderBy('day')
    .execute();
}

// A literal, so both databases see the query is about open tickets and use their partial index.
const openTickets = (db: Db) => sql<boolean>`open = ${sql.lit(dialectOf(db) === 'postgres' ? true : 1)}`;

/**
 * How many open tickets were raised at or after each instant: the backlog's age bands are the open
 * total less these, so the recent bands cost little.
 */
export async function openRaisedSince(db: Db, organisationId: number, instants: string[]) {
  const count = async (from: string) => {
    const q = db.selectFrom('tickets').where('organisation_id', '=', organisationId).where(openTickets(db)).where('created_at', '>=', from);
    // The count grows with the open tickets, so it runs where it holds up no one else.
    const [row] = await readOffLoop(db, q.select(sql<number>`count(*)`.as('n')));
    return Number(row?.n ?? 0);
  };
  return Promise.all(instants.map((at) => count(at)));
}

/** Open tickets by service, with each service's area and directorate: together, every open ticket. */
export async function openByService(db: Db, organisationId: number) {
  const counts = db
    .selectFrom('tickets')
    .where('organisation_id', '=', organisationId)
    .where(openTickets(db))
    .groupBy('service_id')
    .select(['service_id', sql<number>`count(*)`.as('n')]);
  const q = db
    .selectFrom(counts.as('c'))
    .leftJoin('services as s', 's.id', 'c.service_id')
    .leftJoin('service_areas as a', 'a.id', 's.service_area_id')
    .leftJoin('service_areas as d', 'd.id', 'a.directorate_id')
    .select(['c.service_id', 'c.n', 'a.id as area_id', 'a.name as area_name', 'd.id as directorate_id', 'd.name as directorate_name']);
  return readOffLoop(db, q);
}

export async function ratingsBetween(db: Db, organisationId: number, from: string, to: string) {
  return db
    .selectFrom('ticket_ratings')
    .where('organisation_id', '=', organisationId)
    .where('at', '>=', from)
    .where('at', '<', to)
    .groupBy('score')
    .select(['score', sql<number>`count(*)`.as('n')])
    .execute();
}

/** Rebuilds an organisation's figures from its tickets: after a bulk import, or to check the rollup. */
export async function rebuildStats(db: Db, organisationId: number): Promise<void> {
  const dialect = dialectOf(db);
  const day = (col: string) => (dialect === 'postgres' ? sql.raw(`(${col} at time zone 'UTC')::date`) : sql.raw(`substr(${col}, 1, 10)`));
  const minutes =
    dialect === 'postgres' ? sql.raw(`extract(epoch from resolved_at - created_at) / 60`) : sql.raw(`(julianday(resolved_at) - julianday(created_at)) * 1440`);
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('ticket_daily_changes').where('organisation_id', '=', organisationId).execute();
    await tx.deleteFrom('ticket_daily_totals').where('organisation_id', '=', organisationId).execute();
    await sql`insert into ticket_daily_totals (organisation_id, day, priority, created) select organisation_id, ${day('created_at')}, priority, count(*)
      from tickets where organisation_id = ${organisationId} group by 1, 2, 3`.execute(tx);
    await sql`insert into ticket_daily_totals (organisation_id, day, priority, resolved, breached, first_contact, resolve_minutes)
      select organisation_id, ${day('resolved_at')}, priority, count(*), sum(case when resolution_breached then 1 else 0 end),
        sum(case when assignment_changes <= 1 and not asked_requester then 1 else 0 end), cast(sum(${minutes}) as bigint)
      from tickets where organisation_id = ${organisationId} and resolved_at is not null group by 1, 2, 3
      on conflict (organisation_id, day, priority) do update set resolved = excluded.resolved, breached = excluded.breached,
        first_contact = excluded.first_contact, resolve_minutes = excluded.resolve_minutes`.execute(tx);
  });
}

/** Major incidents open at any time between two instants, for the KPI of time lost to them. */
export const majorIncidentsBetween = (db: Db, organisationId: number, from: string, to: string) =>
  db
    .selectFrom('major_incidents')
    .where('organisation_id', '=', organisationId)
    .where('declared_at', '<', to)
    .where((eb) => eb.or([eb('closed_at', 'is', null), eb('closed_at', '>=', from)]))
    .select(['id', 'service_id', 'declared_at', 'closed_at'])
    .orderBy('id')
    .limit(5000)
    .execute();

/** The organisation's first working calendar: the desk's hours, for time counted in working hours. */
export const firstCalendarId = async (db: Db, organisationId: number) =>
  (await db.selectFrom('calendars').where('organisation_id', '=', organisationId).select('id').orderBy('id').limit(1).executeTakeFirst())?.id ?? null;

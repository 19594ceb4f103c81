import { sql } from 'kysely';
import type { Db, Tx } from '../../../platform/index.js';

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

/** Adds to (or, with negative numbers, takes from) a day's figures, in the caller's transaction. */
export async function bumpStats(tx: Tx, d: StatDelta) {
  const v = {
    created: d.created ?? 0,
    resolved: d.resolved ?? 0,
    breached: d.breached ?? 0,
    first_contact: d.first_contact ?? 0,
    resolve_minutes: d.resolve_minutes ?? 0,
  };
  await tx
    .insertInto('ticket_daily_stats')
    .values({ organisation_id: d.organisation_id, day: d.day, priority: d.priority, ...v })
    .onConflict((oc) =>
      oc.columns(['organisation_id', 'day', 'priority']).doUpdateSet({
        created: sql`ticket_daily_stats.created + ${v.created}`,
        resolved: sql`ticket_daily_stats.resolved + ${v.resolved}`,
        breached: sql`ticket_daily_stats.breached + ${v.breached}`,
        first_contact: sql`ticket_daily_stats.first_contact + ${v.first_contact}`,
        resolve_minutes: sql`ticket_daily_stats.resolve_minutes + ${v.resolve_minutes}`,
      }),
    )
    .execute();
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

/** Open tickets older than each of the given instants (one index range count each). */
export async function openOlderThan(db: Db, organisationId: number, instants: string[]) {
  const out: number[] = [];
  for (const at of instants) {
    const r = await db
      .selectFrom('tickets')
      .where('organisation_id', '=', organisationId)
      .where('open', '=', 1)
      .where('created_at', '<', at)
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    out.push(Number(r.n));
  }
  return out;
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
export async function rebuildStats(db: Db, dialect: 'sqlite' | 'postgres', organisationId: number) {
  const day = (col: string) => (dialect === 'postgres' ? sql.raw(`(${col} at time zone 'UTC')::date`) : sql.raw(`substr(${col}, 1, 10)`));
  const minutes =
    dialect === 'postgres' ? sql.raw(`extract(epoch from resolved_at - created_at) / 60`) : sql.raw(`(julianday(resolved_at) - julianday(created_at)) * 1440`);
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('ticket_daily_stats').where('organisation_id', '=', organisationId).execute();
    await sql`insert into ticket_daily_stats (organisation_id, day, priority, created) select organisation_id, ${day('created_at')}, priority, count(*)
      from tickets where organisation_id = ${organisationId} group by 1, 2, 3`.execute(tx);
    await sql`insert into ticket_daily_stats (organisation_id, day, priority, resolved, breached, first_contact, resolve_minutes)
      select organisation_id, ${day('resolved_at')}, priority, count(*), sum(case when resolution_breached then 1 else 0 end),
        sum(case when assignment_changes <= 1 and not asked_requester then 1 else 0 end), cast(sum(${minutes}) as bigint)
      from tickets where organisation_id = ${organisationId} and resolved_at is not null group by 1, 2, 3
      on conflict (organisation_id, day, priority) do update set resolved = excluded.resolved, breached = excluded.breached,
        first_contact = excluded.first_contact, resolve_minutes = excluded.resolve_minutes`.execute(tx);
  });
}

import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db, Tx } from '../../platform/index.js';
import type { KpisTable } from './tables.js';

type Conn = Db | Tx;

export const kpisOf = (db: Conn, organisationId: number) =>
  db
    .selectFrom('kpis')
    .where('organisation_id', '=', organisationId)
    .selectAll()
    .orderBy('user_outcome', 'desc')
    .orderBy('position')
    .orderBy('id')
    .limit(200)
    .execute();

export const kpiById = (db: Conn, organisationId: number, id: number) =>
  db.selectFrom('kpis').where('organisation_id', '=', organisationId).where('id', '=', id).selectAll().executeTakeFirst();

export async function insertKpi(tx: Tx, row: Omit<Insertable<KpisTable>, 'position'>) {
  const last = await tx
    .selectFrom('kpis')
    .where('organisation_id', '=', row.organisation_id)
    .select((eb) => eb.fn.max('position').as('p'))
    .executeTakeFirst();
  const r = await tx
    .insertInto('kpis')
    .values({ ...row, position: Number(last?.p ?? 0) + 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updateKpi(tx: Tx, organisationId: number, id: number, set: Updateable<KpisTable>) {
  await tx.updateTable('kpis').set(set).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

/** The readings of the organisation's KPIs from a month on: one query for the whole page. */
export const readingsFrom = (db: Conn, organisationId: number, from: string) =>
  db
    .selectFrom('kpi_readings')
    .where('organisation_id', '=', organisationId)
    .where('month', '>=', from)
    .select(['kpi_id', 'month', 'value', 'source', 'note'])
    .limit(20000)
    .execute();

export async function saveReading(
  tx: Tx,
  row: {
    organisation_id: number;
    kpi_id: number;
    month: string;
    value: number;
    source: 'computed' | 'manual';
    note: string;
    recorded_by: number | null;
    recorded_at: string;
  },
) {
  await tx
    .insertInto('kpi_readings')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['kpi_id', 'month'])
        .doUpdateSet({ value: sql`excluded.value`, note: sql`excluded.note`, recorded_by: sql`excluded.recorded_by`, recorded_at: sql`excluded.recorded_at` }),
    )
    .execute();
}

export const readingOf = (db: Conn, kpiId: number, month: string) =>
  db.selectFrom('kpi_readings').where('kpi_id', '=', kpiId).where('month', '=', month).select(['value', 'note']).executeTakeFirst();

/** KPIs of every organisation computed from the given measures: the monthly readings job's list. */
export const computedKpis = (db: Db, measureKeys: string[]) =>
  measureKeys.length
    ? db
        .selectFrom('kpis')
        .where('measure_key', 'in', measureKeys)
        .select(['id', 'organisation_id', 'measure_key', 'name'])
        .orderBy('id')
        .limit(100000)
        .execute()
    : Promise.resolve([]);

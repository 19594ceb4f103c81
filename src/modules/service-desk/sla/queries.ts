import type { Db, Tx } from '../../../platform/index.js';
import type { BankHoliday } from './bank-holidays.js';

export async function findCalendar(db: Db | Tx, organisationId: number, id: number) {
  return db.selectFrom('calendars').where('organisation_id', '=', organisationId).where('id', '=', id).selectAll().executeTakeFirst();
}

export async function calendarsOf(db: Db, organisationId: number) {
  return db.selectFrom('calendars').where('organisation_id', '=', organisationId).selectAll().orderBy('name').execute();
}

export async function closuresOf(db: Db | Tx, calendarId: number) {
  return db.selectFrom('calendar_closures').where('calendar_id', '=', calendarId).select(['id', 'date', 'title']).orderBy('date').execute();
}

export async function bankHolidaysOf(db: Db | Tx, division: string) {
  return db.selectFrom('bank_holidays').where('division', '=', division).select(['date', 'title']).orderBy('date').execute();
}

export async function countBankHolidays(db: Db | Tx) {
  const r = await db
    .selectFrom('bank_holidays')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Adds new dates and corrects titles; dates are never removed, since past tickets were timed by them. */
export async function upsertBankHolidays(tx: Tx, holidays: BankHoliday[]) {
  for (let i = 0; i < holidays.length; i += 200) {
    await tx
      .insertInto('bank_holidays')
      .values(holidays.slice(i, i + 200))
      .onConflict((oc) => oc.columns(['division', 'date']).doUpdateSet((eb) => ({ title: eb.ref('excluded.title') })))
      .execute();
  }
}

export async function insertCalendar(
  tx: Tx,
  row: { organisation_id: number; name: string; time_zone: string; hours_json: string; division: string | null; now: string },
) {
  const r = await tx
    .insertInto('calendars')
    .values({
      organisation_id: row.organisation_id,
      name: row.name,
      time_zone: row.time_zone,
      hours_json: row.hours_json,
      division: row.division,
      created_at: row.now,
      updated_at: row.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function insertClosure(tx: Tx, row: { organisation_id: number; calendar_id: number; date: string; title: string }) {
  await tx.insertInto('calendar_closures').values(row).execute();
}

export async function findPolicy(db: Db | Tx, organisationId: number, id: number) {
  return db.selectFrom('sla_policies').where('organisation_id', '=', organisationId).where('id', '=', id).selectAll().executeTakeFirst();
}

export async function policiesOf(db: Db, organisationId: number) {
  return db.selectFrom('sla_policies').where('organisation_id', '=', organisationId).selectAll().orderBy('name').execute();
}

export async function insertPolicy(
  tx: Tx,
  row: { organisation_id: number; name: string; calendar_id: number; warn_share: number; targets_json: string; now: string },
) {
  const r = await tx
    .insertInto('sla_policies')
    .values({
      organisation_id: row.organisation_id,
      name: row.name,
      calendar_id: row.calendar_id,
      warn_share: row.warn_share,
      targets_json: row.targets_json,
      created_at: row.now,
      updated_at: row.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function findSettings(db: Db | Tx, organisationId: number) {
  return db.selectFrom('service_desk_settings').where('organisation_id', '=', organisationId).selectAll().executeTakeFirst();
}

export async function insertSettings(
  tx: Tx,
  row: { organisation_id: number; priority_matrix_json: string; reopen_working_days: number; default_sla_policy_id: number | null },
) {
  await tx
    .insertInto('service_desk_settings')
    .values(row)
    .onConflict((oc) => oc.column('organisation_id').doNothing())
    .execute();
}

export async function updateSettings(tx: Tx, organisationId: number, set: { priority_matrix_json: string; reopen_working_days: number }) {
  await tx.updateTable('service_desk_settings').set(set).where('organisation_id', '=', organisationId).execute();
}

export async function updatePolicy(tx: Tx, id: number, set: { warn_share: number; targets_json: string; updated_at: string }) {
  await tx.updateTable('sla_policies').set(set).where('id', '=', id).execute();
}

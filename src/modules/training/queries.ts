import type { Insertable } from 'kysely';
import { sql } from 'kysely';
import { insertMany, type Db, type Tx } from '../../platform/index.js';
import type { TrainingCompletionsTable, TrainingLearnersTable } from './tables.js';

export async function learnerIds(db: Db | Tx, organisationId: number) {
  const rows = await db
    .selectFrom('training_learners')
    .where('organisation_id', '=', organisationId)
    .select(['id', 'email', 'name', 'directorate', 'team'])
    .execute();
  return new Map(rows.map((r) => [r.email, { ...r, id: Number(r.id) }]));
}

export async function courseIds(db: Db | Tx, organisationId: number) {
  const rows = await db.selectFrom('training_courses').where('organisation_id', '=', organisationId).select(['id', 'name_key']).execute();
  return new Map(rows.map((r) => [r.name_key, Number(r.id)]));
}

export const insertLearners = (tx: Tx, rows: Insertable<TrainingLearnersTable>[]) => insertMany(tx, 'training_learners', rows);

export async function updateLearner(tx: Tx, id: number, set: { name: string; directorate: string; team: string; updated_at: string }) {
  await tx.updateTable('training_learners').set(set).where('id', '=', id).execute();
}

export async function insertCourse(
  tx: Tx,
  row: { organisation_id: number; name: string; name_key: string; created_at: string; required?: number; refresh_months?: number },
) {
  const r = await tx.insertInto('training_courses').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export const insertCompletions = (tx: Tx, rows: Insertable<TrainingCompletionsTable>[]) =>
  insertMany(tx, 'training_completions', rows, { ignoreConflictOn: ['organisation_id', 'learner_id', 'course_id', 'completed_on'] });

export const coursesOf = (db: Db, organisationId: number) =>
  db
    .selectFrom('training_courses as c')
    .where('c.organisation_id', '=', organisationId)
    .select((eb) => [
      'c.id',
      'c.name',
      'c.required',
      'c.refresh_months',
      eb
        .selectFrom('training_completions as t')
        .whereRef('t.course_id', '=', 'c.id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('completions'),
    ])
    .orderBy('c.required', 'desc')
    .orderBy('c.name')
    .execute();

export const courseById = (db: Db, organisationId: number, id: number) =>
  db.selectFrom('training_courses').where('organisation_id', '=', organisationId).where('id', '=', id).selectAll().executeTakeFirst();

export async function setCourse(tx: Tx, id: number, set: { required: number; refresh_months: number }) {
  await tx.updateTable('training_courses').set(set).where('id', '=', id).execute();
}

export const learnersOf = (db: Db, organisationId: number) =>
  db
    .selectFrom('training_learners')
    .where('organisation_id', '=', organisationId)
    .select(['id', 'name', 'email', 'directorate', 'team'])
    .orderBy('name')
    .execute();

/** Each person's latest completion of each of the given courses. */
export async function latestCompletions(db: Db, organisationId: number, courseIds: number[]) {
  if (!courseIds.length) return new Map<string, string>();
  const rows = await db
    .selectFrom('training_completions')
    .where('organisation_id', '=', organisationId)
    .where('course_id', 'in', courseIds)
    .groupBy(['course_id', 'learner_id'])
    .select((eb) => ['learner_id', 'course_id', eb.fn.max('completed_on').as('latest')])
    .execute();
  return new Map(rows.map((r) => [`${r.learner_id}|${r.course_id}`, String(r.latest)]));
}

export const phishingOf = (db: Db, organisationId: number) =>
  db
    .selectFrom('phishing_exercises')
    .where('organisation_id', '=', organisationId)
    .selectAll()
    .orderBy('sent_on', 'desc')
    .orderBy('id', 'desc')
    .limit(50)
    .execute();

export async function insertPhishing(
  tx: Tx,
  row: { organisation_id: number; name: string; sent_on: string; sent: number; clicked: number; reported: number; created_at: string },
) {
  const r = await tx.insertInto('phishing_exercises').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export interface RecordFilter {
  email?: string | undefined;
  courseId?: number | undefined;
  kind?: string | undefined;
}

/** Completions in the order they were recorded (or the most recently completed first) after the cursor, with who and which course. */
export function recordsPage(
  db: Db,
  organisationId: number,
  filter: RecordFilter,
  after: { id: number; on?: string | undefined } | null,
  limit: number,
  newestFirst = false,
) {
  let q = db
    .selectFrom('training_completions as t')
    .innerJoin('training_learners as l', 'l.id', 't.learner_id')
    .innerJoin('training_courses as c', 'c.id', 't.course_id')
    .where('t.organisation_id', '=', organisationId);
  if (filter.email) q = q.where('l.email', '=', filter.email);
  if (filter.courseId) q = q.where('t.course_id', '=', filter.courseId);
  if (filter.kind) q = q.where('t.kind', '=', filter.kind);
  if (after && !newestFirst) q = q.where('t.id', '>', after.id);
  if (after && newestFirst) {
    const on = after.on ?? '9999-12-31';
    q = q.where((eb) => eb.or([eb('t.completed_on', '<', on), eb.and([eb('t.completed_on', '=', on), eb('t.id', '<', after.id)])]));
  }
  return q
    .select([
      't.id',
      't.completed_on',
      't.score',
      't.kind',
      't.cost',
      't.development_item_id',
      'l.name',
      'l.email',
      'l.directorate',
      'l.team',
      'c.id as course_id',
      'c.name as course',
      'c.refresh_months',
      'c.required',
    ])
    .$if(newestFirst, (q) => q.orderBy('t.completed_on', 'desc').orderBy('t.id', 'desc'))
    .$if(!newestFirst, (q) => q.orderBy('t.id'))
    .limit(limit)
    .execute();
}

/** Marks the organisation's training records changed, inside the transaction that changed them. */
export async function trainingChanged(tx: Tx, organisationId: number) {
  await tx
    .insertInto('training_versions')
    .values({ organisation_id: organisationId, version: 1 })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ version: sql`training_versions.version + 1` }))
    .execute();
}

export async function trainingVersion(db: Db, organisationId: number) {
  const r = await db.selectFrom('training_versions').where('organisation_id', '=', organisationId).select('version').executeTakeFirst();
  return Number(r?.version ?? 0);
}

/** The learner with this email, added or brought up to date with what people and skills knows. */
export async function learnerFor(tx: Tx, organisationId: number, who: { email: string; name: string; team: string }) {
  const found = await tx
    .selectFrom('training_learners')
    .where('organisation_id', '=', organisationId)
    .where('email', '=', who.email)
    .select(['id', 'team'])
    .executeTakeFirst();
  if (found) {
    // The learning system's team wins when it has one: it is the council's own record.
    if (!found.team && who.team) await tx.updateTable('training_learners').set({ team: who.team }).where('id', '=', found.id).execute();
    return Number(found.id);
  }
  const at = new Date().toISOString();
  const r = await tx
    .insertInto('training_learners')
    .values({ organisation_id: organisationId, email: who.email, name: who.name, directorate: '', team: who.team, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

/** The course of this name, added (not required) when the records have not seen it. */
export async function courseFor(tx: Tx, organisationId: number, name: string) {
  const key = name.trim().toLowerCase();
  const found = await tx
    .selectFrom('training_courses')
    .where('organisation_id', '=', organisationId)
    .where('name_key', '=', key)
    .select('id')
    .executeTakeFirst();
  if (found) return Number(found.id);
  return insertCourse(tx, { organisation_id: organisationId, name: name.trim(), name_key: key, created_at: new Date().toISOString() });
}

export async function developmentRecord(tx: Tx, organisationId: number, developmentItemId: number) {
  return tx
    .selectFrom('training_completions')
    .where('organisation_id', '=', organisationId)
    .where('development_item_id', '=', developmentItemId)
    .select('id')
    .executeTakeFirst();
}

export async function insertCompletion(tx: Tx, row: Insertable<TrainingCompletionsTable>) {
  const r = await tx
    .insertInto('training_completions')
    .values(row)
    .onConflict((oc) => oc.columns(['organisation_id', 'learner_id', 'course_id', 'completed_on']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r ? Number(r.id) : null;
}
